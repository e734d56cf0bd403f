// The abstract syntax tree of .rules and .case files, as the engine sees it.
// Produced by parseFile() (grammar/parse.hpp); plain std::variant nodes, no
// Boost. Every node has a Span; equality of nodes is never needed, so spans
// are simply members.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "core/source.hpp"

namespace samsvar::ast {

struct Ident {
  std::string name;  // UTF-8
  Span span;
};

struct StringLit {
  std::string value;  // escapes resolved
  Span span;
};

// ---------------------------------------------------------------- expressions

struct Expr;
using ExprPtr = std::shared_ptr<const Expr>;

struct BoolLit { bool value = false; };
struct IntLit { std::int64_t value = 0; };
/// How exactly a date is written: a day (`2024-03-01`), a month (`2021-02`),
/// a half-year (`2021-H2`) or a year (`2024`, an int literal that sema reads
/// as a year where a declared date is expected). Anything coarser than a day
/// is a bounded unknown: some day in that period (docs/language.md).
enum class DatePrecision { day, month, half_year, year };
/// `2024-03-01`, `2021-02`, `2021-H1`; validity of the calendar date is
/// checked by semantic analysis. A month has day 0; a half-year has its half
/// (1 or 2) in `month` and day 0.
struct DateLit {
  int year = 0;
  int month = 0;
  int day = 0;
  DatePrecision precision = DatePrecision::day;
};
enum class DurationUnit { days, weeks, months };
/// `6 weeks`, `1 day`, `3 months` (also Norwegian: dager/dag, uker/uke, måneder/måned).
struct DurationLit { std::int64_t amount = 0; DurationUnit unit = DurationUnit::days; };
struct StrLit { std::string value; };
/// A name or a dotted path: `anbefalt`, `c`, `p.level`, `p.owner.kind`.
struct Path { std::vector<Ident> parts; };
/// `{a, b}` in an expression or a value; `{a, ...}` marks an open set (more
/// members may exist). `{}` is the empty (complete) set.
/// `{ a, b }` (complete), `{ a, ... }` (open), `{ a, ..., not c }` (open, without c).
struct SetLit { std::vector<ExprPtr> elements; bool open = false; std::vector<ExprPtr> excluded; };

enum class UnaryOp { Not, Neg };
struct Unary { UnaryOp op; ExprPtr operand; };

enum class BinaryOp {
  Implies, Or, And,              // logical, lowest precedence first
  Eq, Ne, Lt, Le, Gt, Ge,        // comparison
  In, NotIn,                     // membership: x in s, x not in s
  Add, Sub, Mul                  // arithmetic
};
struct Binary { BinaryOp op; ExprPtr lhs; ExprPtr rhs; };

enum class QuantKind { Exists, Forall };
/// `exists c in p.consultations: c.kind == hoering`
struct Quantifier { QuantKind kind; Ident var; ExprPtr set; ExprPtr body; };

/// `count(p.consultations)` and other built-in functions.
struct Call { Ident callee; std::vector<ExprPtr> args; };

struct Expr {
  std::variant<BoolLit, IntLit, DateLit, DurationLit, StrLit, Path, SetLit, Unary, Binary,
               Quantifier, Call>
      node;
  Span span;
};

// --------------------------------------------------------------- declarations

/// `bool`, `int`, `date`, `duration`, `text`, an enum or type name, or `set<T>`.
struct TypeRef {
  Ident name;           // element type name when isSet
  bool isSet = false;
  Span span;
};

/// Whether an attribute describes the world (a fact the user confirms: a
/// product's level, whether it is still relevant) or a choice the user makes
/// (dates, chosen standards, who is responsible). A repair changes only
/// choices. Unmarked attributes are choices.
enum class AttrRole { unmarked, fact, choice };

/// `nb "..." en "..."`
struct BilingualLit {
  std::optional<StringLit> nb;
  std::optional<StringLit> en;
  Span span;
};

struct AttrDecl {
  AttrRole role = AttrRole::unmarked;  // `fact name: …` / `choice name: …`
  Ident name;
  TypeRef type;
  std::optional<BilingualLit> doc;  // trailing description: one string for both languages, or nb/en
  Span span;
};

/// `enum Level ordered { veileder, retningslinje, anbefalt, obligatorisk }`
struct EnumDecl {
  Ident name;
  bool ordered = false;
  std::vector<Ident> values;
  std::vector<std::optional<BilingualLit>> labels;  // one per value: how reports word it
  std::optional<BilingualLit> doc;
  Span span;
};

/// `type Consultation { kind: ConsultationKind  opens: date  closes: date }`
struct TypeDecl {
  Ident name;
  std::vector<AttrDecl> attrs;
  std::optional<BilingualLit> doc;
  Span span;
};

enum class Strength { maa, skal, boer, kan };  // må, skal, bør, kan

/// `source "003_ed962d9d9fcdcebc.txt" section "4.1.4" quote "..."`
struct SourceCitation {
  StringLit file;
  std::optional<StringLit> section;
  std::optional<StringLit> quote;
  Span span;
};

/// `p: Product` (all instances of a type) or `c in p.consultations` (members
/// of a set reachable from earlier bindings).
struct Binding {
  Ident var;
  std::optional<Ident> type;  // `var: Type`
  ExprPtr set;                // `var in expr`
  Span span;
};

struct RuleDecl {
  Ident id;  // HOR-14
  Strength strength = Strength::skal;
  Span strengthSpan;
  BilingualLit title;
  std::optional<BilingualLit> message;
  std::vector<SourceCitation> sources;
  std::vector<Binding> bindings;
  ExprPtr when;     // may be null
  ExprPtr require;  // never null after a successful parse
  Span span;
};

/// `name = value` inside an instance.
struct FieldAssign {
  Ident name;
  ExprPtr value;
  Span span;
};

/// `h1: Consultation { kind = hoering  opens = 2024-03-01 }`
struct InstanceDecl {
  Ident name;
  Ident type;
  std::vector<FieldAssign> fields;
  Span span;
};

/// `deviation HOR-13 [for h1] because "EU timetable"`
struct DeviationDecl {
  Ident rule;
  std::optional<Ident> target;
  StringLit reason;
  Span span;
};

/// `exemption HOR-14 [for h1] basis "forskrift § 5"`
struct ExemptionDecl {
  Ident rule;
  std::optional<Ident> target;
  StringLit basis;
  Span span;
};

/// `document "003_….txt" title nb "…" en "…" [issuer "…"] [issued "…"] [address "…"]`:
/// the record of a source document that rules cite by its file name.
struct DocumentDecl {
  StringLit file;
  BilingualLit title;
  std::optional<StringLit> issuer;
  std::optional<StringLit> issued;   // a date or a version, as the document gives it
  std::optional<StringLit> address;  // where it is published, if a source says so
  Span span;
};

/// `succession ActorKind.direktoratet_for_ehelse by helsedirektoratet from 2024-01-01 "…"`:
/// from that day the successor value takes over what rules ask of the value.
struct SuccessionDecl {
  Ident enumName;
  Ident value;
  Ident successor;
  DateLit from;
  Span fromSpan;
  std::optional<StringLit> note;  // why (the source of the change)
  Span span;
};

using Decl = std::variant<EnumDecl, TypeDecl, RuleDecl, InstanceDecl, DeviationDecl, ExemptionDecl, DocumentDecl,
                          SuccessionDecl>;

/// `date 2024-03-01` in a case header: the day the case is judged on.
struct CaseDate {
  DateLit value;
  Span span;
};

enum class FileKind { module, case_ };

/// A whole file: `module name "title"` + `import` lines, or
/// `case "title" [uses a, b] [against "tender.case"] [date 2024-03-01]`; then declarations.
struct File {
  FileKind kind = FileKind::module;
  std::optional<Ident> name;     // module name; absent for cases
  std::optional<StringLit> title;
  std::vector<Ident> imports;    // `import x` for modules, `uses x, y` for cases
  std::optional<StringLit> against;  // an offer: the tender case it answers (path relative to this file)
  std::optional<CaseDate> date;      // `date 2024-03-01`: the case's date (else the checking day)
  std::vector<Decl> decls;
  std::uint32_t fileId = 0;
  Span span;
};

}  // namespace samsvar::ast

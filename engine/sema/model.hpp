// The checked model: what semantic analysis produces and lowering consumes.
// Every name is resolved to an index and every expression carries its type,
// so later stages never look names up again.
#pragma once

#include <algorithm>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/ast.hpp"
#include "core/diagnostic.hpp"
#include "core/source.hpp"
#include "engine/sema/layered.hpp"

namespace samsvar::model {

/// Scalar kinds of values. `Months` is the type of a calendar-month literal,
/// which only appears as the right operand of date ± months.
enum class Kind { Bool, Int, Date, Duration, Months, Text, Enum, Ref };

struct Ty {
  Kind kind = Kind::Bool;
  int decl = -1;     // enum index (Enum) or type index (Ref)
  bool set = false;  // set<…> of the element kind above
  bool operator==(const Ty&) const = default;
  Ty element() const { return Ty{kind, decl, false}; }
};

struct EnumInfo {
  std::string name;
  bool ordered = false;
  std::vector<std::string> values;
  std::vector<Span> valueSpans;
  /// One per value: how prose words it (`terminologi/kodeverk`); empty
  /// strings when the value has no label, and reports use its name.
  std::vector<Bilingual> labels;
  std::string module;
  Span span;
  Bilingual doc;  // the optional description after the enum's values
};

struct AttrInfo {
  std::string name;
  Ty ty;
  Bilingual doc;
  Span span;
  /// `fact`: describes the world; a repair never changes a declared value
  /// and asks the user to confirm an undeclared one. Otherwise (`choice` or
  /// unmarked) it is the user's choice, which a repair may change.
  ast::AttrRole role = ast::AttrRole::unmarked;
  bool isFact() const { return role == ast::AttrRole::fact; }
};

struct TypeInfo {
  std::string name;
  std::vector<AttrInfo> attrs;
  std::unordered_map<std::string, int> attrIndex;
  std::string module;
  Span span;
  Bilingual doc;  // the optional description after the type's attributes
};

/// A written set value: members are enum value indices or instance indices.
struct SetValue {
  std::vector<int> members;
  bool open = false;  // `{ a, ... }`
  std::vector<int> excluded;  // an open set's known non-members: `{ a, ..., not b }`
  bool excludes(std::int64_t e) const { return std::find(excluded.begin(), excluded.end(), e) != excluded.end(); }
};

/// A declared attribute value. Scalars are encoded as integers: bool 0/1,
/// int, date (days since 1970-01-01), duration (days), enum value index,
/// instance index (Ref), text id (interned; "" is id 0).
struct FactValue {
  std::int64_t scalar = 0;
  SetValue set;  // when the attribute's type is a set
  /// A date declared less exactly than a day (`2021-02`, `2021-H1`, `2024`):
  /// some day from `scalar` (the period's first day) to `last`, which the
  /// checker treats as a bounded unknown (docs/language.md).
  ast::DatePrecision precision = ast::DatePrecision::day;
  std::int64_t last = 0;
  bool imprecise() const { return precision != ast::DatePrecision::day; }
};

struct Fact {
  int instance = -1;
  int attr = -1;
  FactValue value;
  Span span;  // the `name = value` assignment
};

struct Instance {
  std::string name;
  int type = -1;
  std::string module;  // empty for case instances
  bool phantom = false;  // an unknown further member of open sets (not declared)
  std::vector<int> factOfAttr;  // attr index -> fact index or -1
  Span span;
};

/// Typed expression tree. One uniform node keeps lowering a single switch.
enum class Op {
  Const,      // value in `value` (scalar encoding as for facts)
  Var,        // bound variable `index` (binding or quantifier slot)
  Attr,       // kids[0].attr `index`
  Not, Neg,
  And, Or, Implies,
  Eq, Ne, Lt, Le, Gt, Ge,
  Add, Sub, Mul,
  AddMonths,  // kids[0] date, kids[1] int months (may be negative)
  In,         // kids[0] element, kids[1] set
  SetLit,     // kids = elements; `value` != 0 when open
  Exists, Forall,  // `index` = variable slot, kids[0] set, kids[1] body
  Count,      // kids[0] set
  Today,      // the case's date (Model::caseDate)
};

struct TExpr;
using TExprPtr = std::shared_ptr<const TExpr>;
struct TExpr {
  Op op = Op::Const;
  /// A Const date written less exactly than a day (only in a declared
  /// value, ExprChecker::allowImpreciseDates): `index` is its
  /// ast::DatePrecision and `value` the period's first day.
  Ty ty;
  std::int64_t value = 0;
  int index = -1;
  std::vector<TExprPtr> kids;
  Span span;
};

/// A new typed expression node: the one constructor every sema pass uses.
inline TExprPtr makeTExpr(Op op, Ty ty, Span span, std::vector<TExprPtr> kids = {}, std::int64_t value = 0,
                          int index = -1) {
  auto e = std::make_shared<TExpr>();
  e->op = op;
  e->ty = ty;
  e->span = span;
  e->kids = std::move(kids);
  e->value = value;
  e->index = index;
  return e;
}

/// The record of a source document (`document "003_….txt" title …`): what
/// reports cite instead of the file name.
struct DocumentInfo {
  std::string file;     // the id rules cite it by
  Bilingual title;
  std::string issuer;   // empty: not given
  std::string issued;   // a date or version as the document gives it; empty: not given
  std::string address;  // where it is published; empty: not given
  std::string module;
  Span span;
};

/// `succession E.value by successor from DATE`: from that day, what rules
/// ask of `value` is also met by `successor` (an authority merged into
/// another). Rules' comparisons with the value are rewritten once, when
/// they are analysed, to read the case's date (Op::Today).
struct Succession {
  int enumDecl = -1;
  std::int64_t value = 0;
  std::int64_t successor = 0;
  std::int64_t from = 0;  // day number
  std::string note;
  std::string module;
  Span span;
};

struct Citation {
  std::string file;
  std::string section;
  std::string quote;
  Span span;
};

struct Binding {
  std::string var;
  Ty ty;          // element type: Ref(type) or Enum(enum)
  TExprPtr set;   // null: every instance of the type / every enum value
  Span span;
};

struct RuleInfo {
  std::string id;
  ast::Strength strength = ast::Strength::skal;
  Bilingual title;
  std::optional<Bilingual> message;
  std::vector<Citation> sources;
  std::vector<Binding> bindings;  // slots 0..n-1 of Var
  int slots = 0;                  // bindings + quantifier variables
  TExprPtr when;                  // may be null
  TExprPtr require;
  /// The requirement is `true`: the rule states a permission or a
  /// definition and cannot be violated, so where it applies its verdict is
  /// information, never "satisfied" (docs/language.md).
  bool informational() const { return require && require->op == Op::Const && require->ty.kind == Kind::Bool && require->value != 0; }
  std::string module;             // empty for a case's own rules
  Span span;
  Span idSpan;
};

/// A declared deviation (reason) or exemption (legal basis).
struct Waiver {
  int rule = -1;
  int target = -1;  // instance index, or -1 for every binding
  bool exemption = false;
  std::string text;
  Span span;
};

struct ModuleInfo {
  std::string name;
  std::string title;
  std::vector<std::string> imports;
  std::uint32_t file = 0;
  Span span;
};

/// The whole checked world of one case (or of a rulebase alone).
///
/// A rulebase from analyzeModules is shared: its elements sit in the shared,
/// immutable part of every container, so a case model (and every copy of it
/// that repair makes) holds the rulebase by reference and only its own
/// declarations by value. Indices run on across the two parts: the rulebase's
/// instances, facts, rules, … come first, the case's follow.
struct Model {
  Layered<ModuleInfo> modules;
  Layered<EnumInfo> enums;
  Layered<TypeInfo> types;
  Layered<Instance> instances;
  Layered<Fact> facts;
  Layered<RuleInfo> rules;
  Layered<Waiver> waivers;
  Layered<DocumentInfo> documents;
  Layered<Succession> successions;
  Layered<std::string> texts{std::string()};  // interned text values; id 0 = ""

  // Lookup tables.
  LayeredMap<std::string, int> enumByName, typeByName, instanceByName, ruleById, moduleByName, documentByFile;
  LayeredMap<std::string, int> textIds{{std::string(), 0}};

  // The case (absent for a rulebase).
  bool isCase = false;
  std::string caseTitle;
  std::uint32_t caseFile = 0;
  /// The day the case is judged on (a day number, core/calendar.hpp): its
  /// declared `date`, else `today`. Rules read it as `today`; what is in
  /// force (successions of enum values) is decided on it.
  std::int64_t caseDate = 0;
  bool caseDateDeclared = false;
  /// The day a case without a declared date is judged on; unset: the
  /// system's date when the case is analysed. Set on a rulebase by the
  /// command line (`--date`) and by tests, so output is reproducible.
  std::optional<std::int64_t> today;
  std::vector<int> activeRules;  // rules checked for this case, in rule-id order
  /// The modules a case uses, with what they import and "" (the case's own
  /// declarations); absent when every module applies (a rulebase, or a case
  /// without `uses`). Reference data of other modules is not the case's: its
  /// instances are neither bound by rules nor possible values (language.md).
  std::optional<std::set<std::string>> modulesInUse;

  int internText(const std::string& s);
  /// Declared (non-phantom) instances of a type that belong to the case
  /// (inUse), in declaration order.
  std::vector<int> instancesOf(int type) const;
  /// Whether instance `i` is declared in the case or a module it uses.
  bool inUse(int i) const { return !modulesInUse || modulesInUse->count(instances[i].module) > 0; }
  /// Moves everything declared so far into the shared part, so that copies
  /// share it instead of copying it (analyzeModules does this).
  void share();
};

/// Human-readable type name ("date", "set<TargetGroup>", …).
std::string typeName(const Model& m, const Ty& t);
/// A scalar value as a literal of the samsvar language (dates as ISO, enum
/// value and instance names, texts quoted, durations as "N days"): what a
/// user would write in a case, so it is the same in every report language.
/// Reports word values through engine/report/ (valueText), which uses this
/// for everything but durations.
std::string literalText(const Model& m, const Ty& t, std::int64_t v);
/// A declared scalar value as a literal: a month, half-year or year as
/// written (`2021-02`, `2021-H1`, `2024`), anything else as literalText.
std::string literalText(const Model& m, const Ty& t, const FactValue& v);

}  // namespace samsvar::model

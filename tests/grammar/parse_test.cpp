// Unit tests of parseFile: every construct's AST (kinds, values, precedence,
// spans) and the exact text and location of syntax errors.
#include <gtest/gtest.h>

#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <type_traits>

#include "grammar/parse.hpp"

using namespace samsvar;

namespace {

struct Parsed {
  SourceManager sm;
  Diagnostics diags;
  std::uint32_t id = 0;
  std::optional<ast::File> file;

  std::string errors(Lang lang = Lang::en) const { return renderAll(sm, diags, lang); }
  std::string firstError(Lang lang = Lang::en) const {
    return diags.items().empty() ? std::string() : render(sm, diags.items().front(), lang);
  }
  std::string text(const Span& s) const { return std::string(sm.slice(s)); }
  std::string at(const Span& s) const { return sm.location(s); }
};

std::unique_ptr<Parsed> parse(const std::string& text, const std::string& name = "t.rules") {
  auto p = std::make_unique<Parsed>();
  p->id = p->sm.add(name, text);
  p->file = parseFile(p->sm, p->id, p->diags);
  return p;
}

/// A rule whose `require` is `expr`, for expression tests.
const char* kRulePrefix = "module m\nrule R-1 må title nb \"t\" require ";

std::unique_ptr<Parsed> parseExpr(const std::string& expr) { return parse(kRulePrefix + expr); }

const ast::RuleDecl& onlyRule(const Parsed& p) {
  return std::get<ast::RuleDecl>(p.file->decls.at(0));
}

std::string opName(ast::BinaryOp op) {
  switch (op) {
    case ast::BinaryOp::Implies: return "implies";
    case ast::BinaryOp::Or: return "or";
    case ast::BinaryOp::And: return "and";
    case ast::BinaryOp::Eq: return "==";
    case ast::BinaryOp::Ne: return "!=";
    case ast::BinaryOp::Lt: return "<";
    case ast::BinaryOp::Le: return "<=";
    case ast::BinaryOp::Gt: return ">";
    case ast::BinaryOp::Ge: return ">=";
    case ast::BinaryOp::In: return "in";
    case ast::BinaryOp::NotIn: return "not-in";
    case ast::BinaryOp::Add: return "+";
    case ast::BinaryOp::Sub: return "-";
    case ast::BinaryOp::Mul: return "*";
  }
  return "?";
}

/// S-expression of an expression: shows the tree shape unambiguously.
std::string show(const ast::ExprPtr& e) {
  if (!e) return "<null>";
  return std::visit(
      [](const auto& n) -> std::string {
        using T = std::decay_t<decltype(n)>;
        if constexpr (std::is_same_v<T, ast::BoolLit>) {
          return n.value ? "true" : "false";
        } else if constexpr (std::is_same_v<T, ast::IntLit>) {
          return std::to_string(n.value);
        } else if constexpr (std::is_same_v<T, ast::DateLit>) {
          char buf[32];
          if (n.precision == ast::DatePrecision::month)
            std::snprintf(buf, sizeof buf, "%04d-%02d", n.year, n.month);
          else if (n.precision == ast::DatePrecision::half_year)
            std::snprintf(buf, sizeof buf, "%04d-H%d", n.year, n.month);
          else
            std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", n.year, n.month, n.day);
          return std::string(n.precision == ast::DatePrecision::day ? "date:" : "period:") + buf;
        } else if constexpr (std::is_same_v<T, ast::DurationLit>) {
          const char* unit = n.unit == ast::DurationUnit::days    ? "d"
                             : n.unit == ast::DurationUnit::weeks ? "w"
                                                                   : "mo";
          return std::to_string(n.amount) + unit;
        } else if constexpr (std::is_same_v<T, ast::StrLit>) {
          return "\"" + n.value + "\"";
        } else if constexpr (std::is_same_v<T, ast::Path>) {
          std::string s;
          for (const auto& p : n.parts) s += (s.empty() ? "" : ".") + p.name;
          return s;
        } else if constexpr (std::is_same_v<T, ast::SetLit>) {
          std::string s = "{";
          for (const auto& el : n.elements) s += (s.size() > 1 ? " " : "") + show(el);
          if (n.open) s += s.size() > 1 ? " ..." : "...";
          return s + "}";
        } else if constexpr (std::is_same_v<T, ast::Unary>) {
          return std::string("(") + (n.op == ast::UnaryOp::Not ? "not " : "neg ") +
                 show(n.operand) + ")";
        } else if constexpr (std::is_same_v<T, ast::Binary>) {
          return "(" + opName(n.op) + " " + show(n.lhs) + " " + show(n.rhs) + ")";
        } else if constexpr (std::is_same_v<T, ast::Quantifier>) {
          return std::string("(") + (n.kind == ast::QuantKind::Exists ? "exists " : "forall ") +
                 n.var.name + " " + show(n.set) + " " + show(n.body) + ")";
        } else {
          std::string s = n.callee.name + "(";
          for (std::size_t i = 0; i < n.args.size(); ++i) s += (i ? " " : "") + show(n.args[i]);
          return s + ")";
        }
      },
      e->node);
}

/// The tree of `expr` parsed as a rule's `require`, or the errors.
std::string tree(const std::string& expr) {
  auto p = parseExpr(expr);
  if (!p->file) return "ERROR " + p->errors();
  return show(onlyRule(*p).require);
}

std::string readFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace

// ------------------------------------------------------------------- headers

TEST(ParseTest, ModuleHeaderWithTitleAndImports) {
  auto p = parse("module hoering \"Høring\" \"(4.1.4)\"\nimport felles\nimport normering\n");
  ASSERT_TRUE(p->file) << p->errors();
  const auto& f = *p->file;
  EXPECT_EQ(f.kind, ast::FileKind::module);
  ASSERT_TRUE(f.name);
  EXPECT_EQ(f.name->name, "hoering");
  EXPECT_EQ(p->text(f.name->span), "hoering");
  ASSERT_TRUE(f.title);
  EXPECT_EQ(f.title->value, "Høring(4.1.4)");  // adjacent literals are joined
  EXPECT_EQ(p->text(f.title->span), "\"Høring\" \"(4.1.4)\"");
  ASSERT_EQ(f.imports.size(), 2u);
  EXPECT_EQ(f.imports[0].name, "felles");
  EXPECT_EQ(f.imports[1].name, "normering");
  EXPECT_EQ(p->at(f.imports[1].span), "t.rules:3:8");
  EXPECT_TRUE(f.decls.empty());
  EXPECT_EQ(f.fileId, p->id);
  EXPECT_EQ(f.span.begin, 0u);
  EXPECT_EQ(f.span.end, p->sm.text(p->id).size());
}

TEST(ParseTest, ModuleHeaderWithoutTitle) {
  auto p = parse("module m");
  ASSERT_TRUE(p->file) << p->errors();
  EXPECT_FALSE(p->file->title);
  EXPECT_TRUE(p->file->imports.empty());
}

TEST(ParseTest, CaseHeaderWithUses) {
  auto p = parse("case \"IPS som anbefalt standard\" uses normering, hoering\n", "ips.case");
  ASSERT_TRUE(p->file) << p->errors();
  const auto& f = *p->file;
  EXPECT_EQ(f.kind, ast::FileKind::case_);
  EXPECT_FALSE(f.name);
  ASSERT_TRUE(f.title);
  EXPECT_EQ(f.title->value, "IPS som anbefalt standard");
  ASSERT_EQ(f.imports.size(), 2u);
  EXPECT_EQ(f.imports[0].name, "normering");
  EXPECT_EQ(f.imports[1].name, "hoering");
  EXPECT_EQ(p->at(f.imports[1].span), "ips.case:1:50");
}

TEST(ParseTest, CaseHeaderWithoutUses) {
  auto p = parse("case \"x\"\nh1: Consultation { }\n", "x.case");
  ASSERT_TRUE(p->file) << p->errors();
  EXPECT_TRUE(p->file->imports.empty());
  EXPECT_EQ(p->file->decls.size(), 1u);
}

// -------------------------------------------------------------- declarations

TEST(ParseTest, Enums) {
  auto p = parse(
      "module m\n"
      "enum Level ordered { veileder, retningslinje anbefalt, obligatorisk, }\n"
      "  \"Normeringsnivå\"\n"
      "enum Kind { a }\n");
  ASSERT_TRUE(p->file) << p->errors();
  ASSERT_EQ(p->file->decls.size(), 2u);
  const auto& e = std::get<ast::EnumDecl>(p->file->decls[0]);
  EXPECT_EQ(e.name.name, "Level");
  EXPECT_TRUE(e.ordered);
  ASSERT_EQ(e.values.size(), 4u);
  EXPECT_EQ(e.values[2].name, "anbefalt");
  EXPECT_EQ(p->at(e.values[2].span), "t.rules:2:46");
  EXPECT_EQ(p->text(e.values[2].span), "anbefalt");
  ASSERT_TRUE(e.doc);
  EXPECT_EQ(e.doc->nb->value, "Normeringsnivå") << "a plain description stands for both languages";
  EXPECT_EQ(e.doc->en->value, "Normeringsnivå");
  EXPECT_EQ(p->at(e.span), "t.rules:2:1");
  EXPECT_EQ(p->text(e.span).substr(p->text(e.span).size() - 17), "\"Normeringsnivå\"");
  const auto& k = std::get<ast::EnumDecl>(p->file->decls[1]);
  EXPECT_FALSE(k.ordered);
  EXPECT_FALSE(k.doc);
  EXPECT_EQ(p->text(k.span), "enum Kind { a }");
}

TEST(ParseTest, Types) {
  auto p = parse(
      "module m\n"
      "type Product {\n"
      "  level: Level            \"desired level\"\n"
      "  groups: set<TargetGroup>\n"
      "  since: date, note: text\n"
      "} \"a product\"\n");
  ASSERT_TRUE(p->file) << p->errors();
  const auto& t = std::get<ast::TypeDecl>(p->file->decls.at(0));
  EXPECT_EQ(t.name.name, "Product");
  ASSERT_TRUE(t.doc);
  EXPECT_EQ(t.doc->en->value, "a product");
  ASSERT_EQ(t.attrs.size(), 4u);
  EXPECT_EQ(t.attrs[0].name.name, "level");
  EXPECT_EQ(t.attrs[0].type.name.name, "Level");
  EXPECT_FALSE(t.attrs[0].type.isSet);
  ASSERT_TRUE(t.attrs[0].doc);
  EXPECT_EQ(t.attrs[0].doc->nb->value, "desired level");
  EXPECT_EQ(p->text(t.attrs[0].span), "level: Level            \"desired level\"");
  EXPECT_EQ(t.attrs[1].type.name.name, "TargetGroup");
  EXPECT_TRUE(t.attrs[1].type.isSet);
  EXPECT_EQ(p->text(t.attrs[1].type.span), "set<TargetGroup>");
  EXPECT_EQ(p->text(t.attrs[1].type.name.span), "TargetGroup");
  EXPECT_EQ(t.attrs[2].type.name.name, "date");
  EXPECT_EQ(t.attrs[3].name.name, "note");
  EXPECT_FALSE(t.attrs[3].doc);
}

TEST(ParseTest, DescriptionsAndEnumLabelsMayBeGivenInEachLanguage) {
  auto p = parse(
      "module m\n"
      "enum Category { informasjonsmodell, terminologi_kodeverk nb \"terminologi/kodeverk\" en \"terminology/code system\",\n"
      "  nb en \"English label only\", en }\n"
      "type Choice {\n"
      "  fact category: Category nb \"kategori\" en \"category\"\n"
      "  nb: text\n"
      "  en: int en \"only in English\"\n"
      "} nb \"et valg\"\n");
  ASSERT_TRUE(p->file) << p->errors();
  const auto& e = std::get<ast::EnumDecl>(p->file->decls.at(0));
  ASSERT_EQ(e.values.size(), 4u) << "`nb` and `en` may still be values";
  ASSERT_EQ(e.labels.size(), 4u);
  EXPECT_FALSE(e.labels[0]);
  ASSERT_TRUE(e.labels[1]);
  EXPECT_EQ(e.labels[1]->nb->value, "terminologi/kodeverk");
  EXPECT_EQ(e.labels[1]->en->value, "terminology/code system");
  EXPECT_EQ(e.values[2].name, "nb");
  ASSERT_TRUE(e.labels[2]);
  EXPECT_FALSE(e.labels[2]->nb);
  EXPECT_EQ(e.labels[2]->en->value, "English label only");
  EXPECT_EQ(e.values[3].name, "en");
  EXPECT_FALSE(e.labels[3]);
  const auto& t = std::get<ast::TypeDecl>(p->file->decls.at(1));
  ASSERT_EQ(t.attrs.size(), 3u) << "`nb` and `en` may still name attributes";
  EXPECT_EQ(t.attrs[0].doc->nb->value, "kategori");
  EXPECT_EQ(t.attrs[0].doc->en->value, "category");
  EXPECT_EQ(t.attrs[1].name.name, "nb");
  EXPECT_FALSE(t.attrs[1].doc);
  EXPECT_EQ(t.attrs[2].name.name, "en");
  EXPECT_EQ(t.attrs[2].doc->en->value, "only in English");
  ASSERT_TRUE(t.doc);
  EXPECT_EQ(t.doc->nb->value, "et valg");
  EXPECT_FALSE(t.doc->en);
}

TEST(ParseTest, AttributesAreMarkedAsFactsOrChoices) {
  auto p = parse(
      "module m\n"
      "type Product {\n"
      "  fact   level: Level  \"the product's level\"\n"
      "  choice bp4: date\n"
      "  note: text\n"
      "  fact: bool\n"          // an attribute called `fact`
      "  choice choice: bool\n"  // a choice called `choice`
      "}\n");
  ASSERT_TRUE(p->file) << p->errors();
  const auto& t = std::get<ast::TypeDecl>(p->file->decls.at(0));
  ASSERT_EQ(t.attrs.size(), 5u);
  EXPECT_EQ(t.attrs[0].role, ast::AttrRole::fact);
  EXPECT_EQ(t.attrs[0].name.name, "level");
  EXPECT_EQ(t.attrs[1].role, ast::AttrRole::choice);
  EXPECT_EQ(t.attrs[1].name.name, "bp4");
  EXPECT_EQ(t.attrs[2].role, ast::AttrRole::unmarked);
  EXPECT_EQ(t.attrs[3].role, ast::AttrRole::unmarked);
  EXPECT_EQ(t.attrs[3].name.name, "fact");
  EXPECT_EQ(t.attrs[4].role, ast::AttrRole::choice);
  EXPECT_EQ(t.attrs[4].name.name, "choice");
}

TEST(ParseTest, AMarkWithoutAnAttributeIsAnError) {
  auto p = parse("module m\ntype Product {\n  fact level Level\n}\n");
  EXPECT_FALSE(p->file);
}

TEST(ParseTest, Instances) {
  auto p = parse(
      "case \"c\"\n"
      "h1: Consultation { kind = hoering  opens = 2024-03-01, closes = 2024-04-05; }\n"
      "ips: Product {\n"
      "  level = Level.anbefalt\n"
      "  consultations = { h1, ... }\n"
      "  groups = {}\n"
      "  cost = -3\n"
      "  length = 6 weeks\n"
      "  open = true\n"
      "  name = \"IPS\"\n"
      "}\n",
      "c.case");
  ASSERT_TRUE(p->file) << p->errors();
  ASSERT_EQ(p->file->decls.size(), 2u);
  const auto& h1 = std::get<ast::InstanceDecl>(p->file->decls[0]);
  EXPECT_EQ(h1.name.name, "h1");
  EXPECT_EQ(h1.type.name, "Consultation");
  ASSERT_EQ(h1.fields.size(), 3u);
  EXPECT_EQ(h1.fields[1].name.name, "opens");
  EXPECT_EQ(show(h1.fields[1].value), "date:2024-03-01");
  EXPECT_EQ(p->text(h1.fields[1].span), "opens = 2024-03-01");
  EXPECT_EQ(p->text(h1.fields[1].value->span), "2024-03-01");
  EXPECT_EQ(p->at(h1.span), "c.case:2:1");
  const auto& ips = std::get<ast::InstanceDecl>(p->file->decls[1]);
  ASSERT_EQ(ips.fields.size(), 7u);
  EXPECT_EQ(show(ips.fields[0].value), "Level.anbefalt");
  EXPECT_EQ(show(ips.fields[1].value), "{h1 ...}");
  EXPECT_EQ(show(ips.fields[2].value), "{}");
  EXPECT_EQ(show(ips.fields[3].value), "-3");
  EXPECT_TRUE(std::holds_alternative<ast::IntLit>(ips.fields[3].value->node));
  EXPECT_EQ(p->text(ips.fields[3].value->span), "-3");
  EXPECT_EQ(show(ips.fields[4].value), "6w");
  EXPECT_EQ(show(ips.fields[5].value), "true");
  EXPECT_EQ(show(ips.fields[6].value), "\"IPS\"");
}

TEST(ParseTest, DeviationsAndExemptions) {
  auto p = parse(
      "case \"c\" uses hoering\n"
      "deviation HOR-13 because \"EU-tidsplanen\" \" krever det\"\n"
      "exemption HOR-14 for h1 basis \"Forskrift § 9\"\n"
      "deviation U-1 for x because \"y\"\n"
      "exemption T_2 basis \"z\"\n",
      "c.case");
  ASSERT_TRUE(p->file) << p->errors();
  ASSERT_EQ(p->file->decls.size(), 4u);
  const auto& d = std::get<ast::DeviationDecl>(p->file->decls[0]);
  EXPECT_EQ(d.rule.name, "HOR-13");
  EXPECT_EQ(p->text(d.rule.span), "HOR-13");
  EXPECT_FALSE(d.target);
  EXPECT_EQ(d.reason.value, "EU-tidsplanen krever det");
  EXPECT_EQ(p->at(d.span), "c.case:2:1");
  const auto& e = std::get<ast::ExemptionDecl>(p->file->decls[1]);
  EXPECT_EQ(e.rule.name, "HOR-14");
  ASSERT_TRUE(e.target);
  EXPECT_EQ(e.target->name, "h1");
  EXPECT_EQ(e.basis.value, "Forskrift § 9");
  EXPECT_EQ(p->text(e.span), "exemption HOR-14 for h1 basis \"Forskrift § 9\"");
  EXPECT_EQ(std::get<ast::DeviationDecl>(p->file->decls[2]).target->name, "x");
  EXPECT_EQ(std::get<ast::ExemptionDecl>(p->file->decls[3]).rule.name, "T_2");
}

TEST(ParseTest, FullRule) {
  auto p = parse(
      "module hoering\n"
      "rule HOR-14 må\n"
      "  title   nb \"Høringsfristen er minst seks uker\"\n"
      "          en \"A hearing lasts at least six weeks\"\n"
      "  message nb \"Høringen {c} varer kortere enn seks uker.\"\n"
      "          en \"The hearing {c} is shorter than six weeks.\"\n"
      "  source \"003_ed962d9d9fcdcebc.txt\" section \"4.1.4\"\n"
      "         quote \"Høringsfristen skal normalt være tre måneder, \"\n"
      "               \"og ikke mindre enn seks uker.\"\n"
      "  source \"other.txt\"\n"
      "  for p: Product, c in p.consultations\n"
      "  when c.kind in { hoering, ny_hoering }\n"
      "  require c.closes - c.opens >= 6 weeks\n");
  ASSERT_TRUE(p->file) << p->errors();
  const auto& r = onlyRule(*p);
  EXPECT_EQ(r.id.name, "HOR-14");
  EXPECT_EQ(p->at(r.id.span), "t.rules:2:6");
  EXPECT_EQ(r.strength, ast::Strength::maa);
  EXPECT_EQ(p->text(r.strengthSpan), "må");
  ASSERT_TRUE(r.title.nb && r.title.en);
  EXPECT_EQ(r.title.nb->value, "Høringsfristen er minst seks uker");
  EXPECT_EQ(r.title.en->value, "A hearing lasts at least six weeks");
  EXPECT_EQ(p->at(r.title.span), "t.rules:3:11");
  ASSERT_TRUE(r.message);
  EXPECT_EQ(r.message->en->value, "The hearing {c} is shorter than six weeks.");
  ASSERT_EQ(r.sources.size(), 2u);
  EXPECT_EQ(r.sources[0].file.value, "003_ed962d9d9fcdcebc.txt");
  EXPECT_EQ(r.sources[0].section->value, "4.1.4");
  EXPECT_EQ(r.sources[0].quote->value,
            "Høringsfristen skal normalt være tre måneder, og ikke mindre enn seks uker.");
  EXPECT_EQ(p->at(r.sources[0].span), "t.rules:7:3");
  EXPECT_FALSE(r.sources[1].section);
  EXPECT_FALSE(r.sources[1].quote);
  ASSERT_EQ(r.bindings.size(), 2u);
  EXPECT_EQ(r.bindings[0].var.name, "p");
  ASSERT_TRUE(r.bindings[0].type);
  EXPECT_EQ(r.bindings[0].type->name, "Product");
  EXPECT_FALSE(r.bindings[0].set);
  EXPECT_EQ(p->text(r.bindings[0].span), "p: Product");
  EXPECT_EQ(r.bindings[1].var.name, "c");
  EXPECT_FALSE(r.bindings[1].type);
  EXPECT_EQ(show(r.bindings[1].set), "p.consultations");
  EXPECT_EQ(p->text(r.bindings[1].span), "c in p.consultations");
  EXPECT_EQ(show(r.when), "(in c.kind {hoering ny_hoering})");
  EXPECT_EQ(p->text(r.when->span), "c.kind in { hoering, ny_hoering }");
  EXPECT_EQ(show(r.require), "(>= (- c.closes c.opens) 6w)");
  EXPECT_EQ(p->text(r.require->span), "c.closes - c.opens >= 6 weeks");
  EXPECT_EQ(p->at(r.span), "t.rules:2:1");
  EXPECT_EQ(p->text(r.span).substr(p->text(r.span).size() - 10), ">= 6 weeks");
}

TEST(ParseTest, MinimalRule) {
  auto p = parse("module m rule X kan title en \"t\" require true");
  ASSERT_TRUE(p->file) << p->errors();
  const auto& r = onlyRule(*p);
  EXPECT_EQ(r.strength, ast::Strength::kan);
  EXPECT_FALSE(r.title.nb);
  EXPECT_EQ(r.title.en->value, "t");
  EXPECT_FALSE(r.message);
  EXPECT_TRUE(r.sources.empty());
  EXPECT_TRUE(r.bindings.empty());
  EXPECT_EQ(r.when, nullptr);
  EXPECT_EQ(show(r.require), "true");
}

TEST(ParseTest, StrengthSpellings) {
  const std::pair<const char*, ast::Strength> cases[] = {
      {"må", ast::Strength::maa},   {"maa", ast::Strength::maa},   {"skal", ast::Strength::skal},
      {"bør", ast::Strength::boer}, {"boer", ast::Strength::boer}, {"kan", ast::Strength::kan}};
  for (const auto& [word, strength] : cases) {
    auto p = parse(std::string("module m\nrule X ") + word + " title nb \"t\" require true");
    ASSERT_TRUE(p->file) << word << ": " << p->errors();
    EXPECT_EQ(onlyRule(*p).strength, strength) << word;
    EXPECT_EQ(p->text(onlyRule(*p).strengthSpan), word);
  }
}

TEST(ParseTest, SeveralDeclarationsInOrder) {
  auto p = parse(
      "module m\n"
      "enum E { a }\n"
      "type T { x: E }\n"
      "t1: T { x = a }\n"
      "rule R skal title nb \"t\" for t: T require t.x == a\n"
      "deviation R because \"r\"\n"
      "exemption R basis \"b\"\n");
  ASSERT_TRUE(p->file) << p->errors();
  ASSERT_EQ(p->file->decls.size(), 6u);
  EXPECT_TRUE(std::holds_alternative<ast::EnumDecl>(p->file->decls[0]));
  EXPECT_TRUE(std::holds_alternative<ast::TypeDecl>(p->file->decls[1]));
  EXPECT_TRUE(std::holds_alternative<ast::InstanceDecl>(p->file->decls[2]));
  EXPECT_TRUE(std::holds_alternative<ast::RuleDecl>(p->file->decls[3]));
  EXPECT_TRUE(std::holds_alternative<ast::DeviationDecl>(p->file->decls[4]));
  EXPECT_TRUE(std::holds_alternative<ast::ExemptionDecl>(p->file->decls[5]));
}

// --------------------------------------------------------------- expressions

TEST(ParseTest, Literals) {
  EXPECT_EQ(tree("true"), "true");
  EXPECT_EQ(tree("false"), "false");
  EXPECT_EQ(tree("42"), "42");
  EXPECT_EQ(tree("0"), "0");
  EXPECT_EQ(tree("9223372036854775807"), "9223372036854775807");
  EXPECT_EQ(tree("-9223372036854775808"), "-9223372036854775808");
  EXPECT_EQ(tree("2024-03-01"), "date:2024-03-01");
  EXPECT_EQ(tree("2023-13-45"), "date:2023-13-45");  // validated by semantic analysis
  // Imprecise dates (only a declared value may be one; sema says so).
  EXPECT_EQ(tree("2021-02"), "period:2021-02");
  EXPECT_EQ(tree("2021-13"), "period:2021-13");  // validated by semantic analysis
  EXPECT_EQ(tree("2021-H2"), "period:2021-H2");
  EXPECT_EQ(tree("2021 - 02"), "(- 2021 2)");    // spaced: a subtraction
  EXPECT_EQ(tree("2021"), "2021");               // a year where a date is expected: sema
  EXPECT_EQ(tree("\"tekst\""), "\"tekst\"");
  EXPECT_EQ(tree("\"a\\\"b\\\\c\\nd\\te\""), "\"a\"b\\c\nd\te\"");
  EXPECT_EQ(tree("\"a\" /* c */ \"b\" // c\n \"c\""), "\"abc\"");
  EXPECT_EQ(tree("{}"), "{}");
  EXPECT_EQ(tree("{ a }"), "{a}");
  EXPECT_EQ(tree("{ a, b.c, 3 }"), "{a b.c 3}");
  EXPECT_EQ(tree("{ a, ... }"), "{a ...}");
  EXPECT_EQ(tree("{ a, b, ... }"), "{a b ...}");
  EXPECT_EQ(tree("{ { a }, {} }"), "{{a} {}}");
}

TEST(ParseTest, DurationUnits) {
  const std::pair<const char*, const char*> cases[] = {
      {"1 day", "1d"},       {"2 days", "2d"},      {"3 dag", "3d"},         {"4 dager", "4d"},
      {"1 week", "1w"},      {"6 weeks", "6w"},     {"1 uke", "1w"},         {"2 uker", "2w"},
      {"1 month", "1mo"},    {"3 months", "3mo"},   {"1 måned", "1mo"},      {"12 måneder", "12mo"},
      {"6weeks", "6w"},      {"0 days", "0d"}};
  for (const auto& [text, expected] : cases) EXPECT_EQ(tree(text), expected) << text;
  // A unit word must be the whole word: `6 weekss` is not a duration.
  EXPECT_NE(tree("6 weekss").rfind("ERROR", 0), std::string::npos);
}

TEST(ParseTest, PathsAndCalls) {
  EXPECT_EQ(tree("p"), "p");
  EXPECT_EQ(tree("p.owner.kind"), "p.owner.kind");
  EXPECT_EQ(tree("count(p.consultations)"), "count(p.consultations)");
  EXPECT_EQ(tree("f(a, b + 1, {})"), "f(a (+ b 1) {})");
  EXPECT_EQ(tree("count(s) >= 2"), "(>= count(s) 2)");
}

TEST(ParseTest, Precedence) {
  EXPECT_EQ(tree("a or b and c"), "(or a (and b c))");
  EXPECT_EQ(tree("a and b or c"), "(or (and a b) c)");
  EXPECT_EQ(tree("a implies b or c"), "(implies a (or b c))");
  EXPECT_EQ(tree("a or b implies c"), "(implies (or a b) c)");
  EXPECT_EQ(tree("not a and b"), "(and (not a) b)");
  EXPECT_EQ(tree("not a == b"), "(not (== a b))");
  EXPECT_EQ(tree("a == b and c != d"), "(and (== a b) (!= c d))");
  EXPECT_EQ(tree("a + b == c * d"), "(== (+ a b) (* c d))");
  EXPECT_EQ(tree("a + b * c"), "(+ a (* b c))");
  EXPECT_EQ(tree("a * b + c"), "(+ (* a b) c)");
  EXPECT_EQ(tree("-a * b"), "(* (neg a) b)");
  EXPECT_EQ(tree("a - -b"), "(- a (neg b))");
  EXPECT_EQ(tree("(a + b) * c"), "(* (+ a b) c)");
  EXPECT_EQ(tree("(a or b) and c"), "(and (or a b) c)");
  EXPECT_EQ(tree("a < b + 1"), "(< a (+ b 1))");
  EXPECT_EQ(tree("c.closes - c.opens >= 6 weeks"), "(>= (- c.closes c.opens) 6w)");
  EXPECT_EQ(tree("d + 3 months <= 2025-01-01"), "(<= (+ d 3mo) date:2025-01-01)");
  EXPECT_EQ(tree("2 * 3 days"), "(* 2 3d)");
  EXPECT_EQ(tree("x in s and y not in t"), "(and (in x s) (not-in y t))");
  EXPECT_EQ(tree("not x in s"), "(not (in x s))");
  EXPECT_EQ(tree("a + 1 in s"), "(in (+ a 1) s)");
}

TEST(ParseTest, Associativity) {
  EXPECT_EQ(tree("a - b - c"), "(- (- a b) c)");
  EXPECT_EQ(tree("a + b - c + d"), "(+ (- (+ a b) c) d)");
  EXPECT_EQ(tree("a * b * c"), "(* (* a b) c)");
  EXPECT_EQ(tree("a and b and c"), "(and (and a b) c)");
  EXPECT_EQ(tree("a or b or c"), "(or (or a b) c)");
  EXPECT_EQ(tree("a implies b implies c"), "(implies a (implies b c))");
  EXPECT_EQ(tree("a implies b implies c implies d"), "(implies a (implies b (implies c d)))");
}

TEST(ParseTest, ComparisonsAndMembership) {
  EXPECT_EQ(tree("a == b"), "(== a b)");
  EXPECT_EQ(tree("a != b"), "(!= a b)");
  EXPECT_EQ(tree("a < b"), "(< a b)");
  EXPECT_EQ(tree("a <= b"), "(<= a b)");
  EXPECT_EQ(tree("a > b"), "(> a b)");
  EXPECT_EQ(tree("a >= b"), "(>= a b)");
  EXPECT_EQ(tree("a in {b}"), "(in a {b})");
  EXPECT_EQ(tree("a not in {b}"), "(not-in a {b})");
  EXPECT_EQ(tree("a not  /* */ in s"), "(not-in a s)");
}

TEST(ParseTest, UnaryOperators) {
  EXPECT_EQ(tree("not a"), "(not a)");
  EXPECT_EQ(tree("not not a"), "(not (not a))");
  EXPECT_EQ(tree("-x"), "(neg x)");
  EXPECT_EQ(tree("--x"), "(neg (neg x))");
  EXPECT_EQ(tree("-3"), "-3");
  EXPECT_EQ(tree("--3"), "(neg -3)");
  EXPECT_EQ(tree("-(3)"), "(neg 3)");
  EXPECT_EQ(tree("- 3 days"), "(neg 3d)");
  auto p = parseExpr("not  x");
  ASSERT_TRUE(p->file);
  EXPECT_EQ(p->text(onlyRule(*p).require->span), "not  x");
}

TEST(ParseTest, Quantifiers) {
  EXPECT_EQ(tree("exists c in p.consultations: c.kind == hoering"),
            "(exists c p.consultations (== c.kind hoering))");
  EXPECT_EQ(tree("forall c in s: a and b"), "(forall c s (and a b))");
  // The body extends as far as possible.
  EXPECT_EQ(tree("exists c in s: a implies b"), "(exists c s (implies a b))");
  EXPECT_EQ(tree("x and exists c in s: a or b"), "(and x (exists c s (or a b)))");
  EXPECT_EQ(tree("(exists c in s: a) and b"), "(and (exists c s a) b)");
  EXPECT_EQ(tree("forall a in s: exists b in a.t: b == a"),
            "(forall a s (exists b a.t (== b a)))");
  EXPECT_EQ(tree("exists c in {x, y}: c"), "(exists c {x y} c)");
  auto p = parseExpr("x or exists c in s: c");
  ASSERT_TRUE(p->file);
  const auto& bin = std::get<ast::Binary>(onlyRule(*p).require->node);
  EXPECT_EQ(p->text(bin.rhs->span), "exists c in s: c");
  const auto& q = std::get<ast::Quantifier>(bin.rhs->node);
  EXPECT_EQ(p->text(q.var.span), "c");
  EXPECT_EQ(p->text(q.set->span), "s");
  EXPECT_EQ(p->text(q.body->span), "c");
}

TEST(ParseTest, ExpressionSpans) {
  auto p = parseExpr("(a + b) * c   == d // end\n");
  ASSERT_TRUE(p->file) << p->errors();
  const auto& eq = *onlyRule(*p).require;
  EXPECT_EQ(p->text(eq.span), "(a + b) * c   == d");
  const auto& cmp = std::get<ast::Binary>(eq.node);
  EXPECT_EQ(p->text(cmp.lhs->span), "(a + b) * c");
  EXPECT_EQ(p->text(cmp.rhs->span), "d");
  const auto& mul = std::get<ast::Binary>(cmp.lhs->node);
  EXPECT_EQ(p->text(mul.lhs->span), "(a + b)");  // parentheses included
  const auto& add = std::get<ast::Binary>(mul.lhs->node);
  EXPECT_EQ(p->text(add.lhs->span), "a");
  EXPECT_EQ(p->text(add.rhs->span), "b");
  EXPECT_EQ(p->at(add.rhs->span), "t.rules:2:39");
  EXPECT_EQ(p->at(cmp.rhs->span), "t.rules:2:51");
  EXPECT_EQ(eq.span.file, p->id);
  EXPECT_TRUE(eq.span.valid);

  auto q = parseExpr("a\n  and not b\n  and { c, ... }");
  ASSERT_TRUE(q->file) << q->errors();
  const auto& top = std::get<ast::Binary>(onlyRule(*q).require->node);
  EXPECT_EQ(q->text(onlyRule(*q).require->span), "a\n  and not b\n  and { c, ... }");
  EXPECT_EQ(q->text(top.lhs->span), "a\n  and not b");
  EXPECT_EQ(q->at(top.rhs->span), "t.rules:4:7");
  EXPECT_EQ(q->text(top.rhs->span), "{ c, ... }");
  const auto& inner = std::get<ast::Binary>(top.lhs->node);
  EXPECT_EQ(q->text(inner.rhs->span), "not b");
  EXPECT_EQ(q->text(std::get<ast::Unary>(inner.rhs->node).operand->span), "b");
}

TEST(ParseTest, Utf8NamesAndStrings) {
  auto p = parse(
      "module område \"Område for å prøve\"\n"
      "enum Nivå { lærling, øvet, ekspert }\n"
      "type Σ { språk: text, Ærlig: bool }\n"
      "rule Æ-1 bør title nb \"Blåbær\" for x: Σ require x.språk == \"ÆØÅ æøå\" and x.Ærlig\n");
  ASSERT_TRUE(p->file) << p->errors();
  EXPECT_EQ(p->file->name->name, "område");
  EXPECT_EQ(p->file->title->value, "Område for å prøve");
  const auto& e = std::get<ast::EnumDecl>(p->file->decls[0]);
  EXPECT_EQ(e.name.name, "Nivå");
  EXPECT_EQ(e.values[0].name, "lærling");
  EXPECT_EQ(e.values[1].name, "øvet");
  EXPECT_EQ(p->at(e.values[1].span), "t.rules:2:22");  // columns count code points
  const auto& t = std::get<ast::TypeDecl>(p->file->decls[1]);
  EXPECT_EQ(t.name.name, "Σ");
  EXPECT_EQ(t.attrs[0].name.name, "språk");
  const auto& r = std::get<ast::RuleDecl>(p->file->decls[2]);
  EXPECT_EQ(r.id.name, "Æ-1");
  EXPECT_EQ(r.strength, ast::Strength::boer);
  EXPECT_EQ(show(r.require), "(and (== x.språk \"ÆØÅ æøå\") x.Ærlig)");
}

TEST(ParseTest, ContextualKeywordsAreNames) {
  auto p = parse(
      "module m\n"
      "type T { title: text message: text source: text section: text quote: text\n"
      "         nb: text en: text because: text basis: text days: int week: int\n"
      "         skal: bool kan: bool må: bool måned: int }\n"
      "x: T { basis = \"b\"  title = \"t\"  days = 3 }\n"
      "rule R må title nb \"t\" for t: T require t.title == t.source and t.days > 1\n"
      "format: T { }\n"
      "notin: T { order = 1 }\n");
  ASSERT_TRUE(p->file) << p->errors();
  const auto& t = std::get<ast::TypeDecl>(p->file->decls[0]);
  EXPECT_EQ(t.attrs.size(), 15u);
  EXPECT_EQ(std::get<ast::InstanceDecl>(p->file->decls[1]).fields[0].name.name, "basis");
  EXPECT_EQ(show(std::get<ast::RuleDecl>(p->file->decls[2]).require),
            "(and (== t.title t.source) (> t.days 1))");
  EXPECT_EQ(std::get<ast::InstanceDecl>(p->file->decls[3]).name.name, "format");
  EXPECT_EQ(std::get<ast::InstanceDecl>(p->file->decls[4]).name.name, "notin");
}

TEST(ParseTest, CommentsAndWhitespace) {
  auto p = parse(
      "/* header\n comment */ module /* x */ m // trailing\n"
      "\r\n\t// line\n"
      "enum /* inside */ E { a /* between */ b // after\n c }\n");
  ASSERT_TRUE(p->file) << p->errors();
  const auto& e = std::get<ast::EnumDecl>(p->file->decls.at(0));
  EXPECT_EQ(e.values.size(), 3u);
  EXPECT_EQ(p->at(e.span), "t.rules:5:1");
}

TEST(ParseTest, BundledRuleFilesParse) {
  for (const char* name : {"felles.rules", "normering.rules"}) {
    std::string path = std::string(SAMSVAR_SOURCE_DIR) + "/rules/" + name;
    SourceManager sm;
    Diagnostics diags;
    std::uint32_t id = 0;
    Bilingual error;
    ASSERT_TRUE(sm.load(path, id, error)) << path << ": " << error.en;
    auto file = parseFile(sm, id, diags);
    ASSERT_TRUE(file) << renderAll(sm, diags, Lang::en);
    EXPECT_EQ(diags.items().size(), 0u);
    EXPECT_EQ(file->kind, ast::FileKind::module);
    EXPECT_FALSE(file->decls.empty());
  }
}

TEST(ParseTest, FellesRulesShape) {
  auto p = parse(readFile(std::string(SAMSVAR_SOURCE_DIR) + "/rules/felles.rules"), "felles.rules");
  ASSERT_TRUE(p->file) << p->errors();
  EXPECT_EQ(p->file->name->name, "felles");
  const auto& level = std::get<ast::EnumDecl>(p->file->decls.at(0));
  EXPECT_EQ(level.name.name, "Level");
  EXPECT_TRUE(level.ordered);
  ASSERT_EQ(level.values.size(), 4u);
  EXPECT_EQ(level.values[3].name, "obligatorisk");
  ASSERT_TRUE(level.doc);
  EXPECT_NE(level.doc->nb->value.find("Normeringsnivå"), std::string::npos);
}

// -------------------------------------------------------------------- errors

TEST(ParseErrorTest, MissingClosingBrace) {
  auto p = parse("module m\nenum E { a, b\ntype T { }\n");
  EXPECT_FALSE(p->file);
  EXPECT_EQ(p->firstError(),
            "t.rules:3:1: error: expected `}`\n"
            " 3 | type T { }\n"
            "   | ^~~~\n");
}

TEST(ParseErrorTest, MissingRequire) {
  auto p = parse("module m\nrule R må\n  title nb \"t\"\n  when x\n\nenum E { a }\n");
  EXPECT_FALSE(p->file);
  EXPECT_EQ(p->firstError(),
            "t.rules:6:1: error: expected `require`\n"
            " 6 | enum E { a }\n"
            "   | ^~~~\n"
            "help: a rule has the clauses `title`, `message`, `source`, `for`, `when` and "
            "`require`, in this order\n");
  EXPECT_EQ(p->diags.errorCount(), 1u);  // parsing resumed at `enum`
}

TEST(ParseErrorTest, MissingExpression) {
  auto p = parse("module m\nrule R må title nb \"t\" require a and\n");
  EXPECT_EQ(p->firstError(),
            "t.rules:2:37: error: expected expression\n"
            " 2 | rule R må title nb \"t\" require a and\n"
            "   |                                     ^\n");
}

TEST(ParseErrorTest, UnknownStrength) {
  auto p = parse("module m\nrule HOR-1 must title nb \"t\" require true\n");
  EXPECT_EQ(p->firstError(),
            "t.rules:2:12: error: expected strength `må`, `skal`, `bør` or `kan`\n"
            " 2 | rule HOR-1 must title nb \"t\" require true\n"
            "   |            ^~~~\n");
  EXPECT_EQ(p->firstError(Lang::nb).substr(0, p->firstError(Lang::nb).find('\n')),
            "t.rules:2:12: error: forventet styrke `må`, `skal`, `bør` eller `kan`");
}

TEST(ParseErrorTest, UnderlineCountsCodePoints) {
  auto p = parse("module m\nenum Æøå { å, ø ø\n");
  EXPECT_EQ(p->firstError(),
            "t.rules:2:18: error: expected `}`\n"
            " 2 | enum Æøå { å, ø ø\n"
            "   |                  ^\n");
}

TEST(ParseErrorTest, ReservedWordIsNotAName) {
  auto p = parse("module m\ntype T { type: int }\n");
  EXPECT_EQ(p->firstError(),
            "t.rules:2:10: error: expected `}`\n"
            " 2 | type T { type: int }\n"
            "   |          ^~~~\n"
            "help: `type` is a reserved word and cannot be used as a name\n");
}

TEST(ParseErrorTest, EmptyFile) {
  auto p = parse("");
  EXPECT_FALSE(p->file);
  EXPECT_EQ(p->firstError(),
            "t.rules:1:1: error: the file is empty: expected `module` or `case`\n"
            "help: a rules file starts with `module name`, a case with `case \"title\"`\n");
}

TEST(ParseErrorTest, OnlyComments) {
  auto p = parse("// nothing\n/* at all */\n");
  EXPECT_FALSE(p->file);
  ASSERT_EQ(p->diags.items().size(), 1u);
  EXPECT_EQ(p->diags.items()[0].message.en, "the file is empty: expected `module` or `case`");
  EXPECT_EQ(p->at(p->diags.items()[0].span), "t.rules:1:1");
}

TEST(ParseErrorTest, MissingHeaderStillParsesDeclarations) {
  auto p = parse("enum E { a }\nenum F { }\n");
  EXPECT_FALSE(p->file);
  ASSERT_EQ(p->diags.items().size(), 2u);
  EXPECT_EQ(p->at(p->diags.items()[0].span), "t.rules:1:1");
  EXPECT_EQ(p->diags.items()[0].message.en, "expected `module` or `case`");
  EXPECT_EQ(p->at(p->diags.items()[1].span), "t.rules:2:10");
  EXPECT_EQ(p->diags.items()[1].message.en, "expected enum value");
}

TEST(ParseErrorTest, ExpectedDeclarationWithSuggestion) {
  auto p = parse("module m\nrulle R må title nb \"t\" require true\n");
  EXPECT_EQ(p->firstError(),
            "t.rules:2:1: error: expected declaration\n"
            " 2 | rulle R må title nb \"t\" require true\n"
            "   | ^~~~~\n"
            "help: did you mean `rule`?\n");
}

TEST(ParseErrorTest, ChainedComparison) {
  auto p = parseExpr("a < b <= c");
  EXPECT_EQ(p->firstError(),
            "t.rules:2:40: error: comparisons cannot be chained\n"
            " 2 | rule R-1 må title nb \"t\" require a < b <= c\n"
            "   |                                        ^~\n"
            "help: combine them with `and`: `a < b and b < c`\n");
}

TEST(ParseErrorTest, SingleEquals) {
  auto p = parseExpr("a = b");
  EXPECT_EQ(p->diags.items().at(0).message.en, "unexpected `=`; use `==` to compare");
  EXPECT_EQ(p->at(p->diags.items()[0].span), "t.rules:2:36");
}

TEST(ParseErrorTest, IntegerTooLarge) {
  auto p = parseExpr("x == 9223372036854775808");
  EXPECT_FALSE(p->file);
  EXPECT_EQ(p->firstError(),
            "t.rules:2:39: error: integer too large\n"
            " 2 | rule R-1 må title nb \"t\" require x == 9223372036854775808\n"
            "   |                                       ^~~~~~~~~~~~~~~~~~~\n"
            "help: the largest integer is 9223372036854775807\n");
  auto d = parseExpr("99999999999999999999 days");
  EXPECT_EQ(d->diags.items().at(0).message.en, "integer too large");
  EXPECT_EQ(d->text(d->diags.items()[0].span), "99999999999999999999 days");
}

TEST(ParseErrorTest, UnterminatedString) {
  auto p = parse("module m \"title\nenum E { a }\n");
  EXPECT_EQ(p->firstError(),
            "t.rules:1:10: error: unterminated string\n"
            " 1 | module m \"title\n"
            "   |          ^~~~~~\n"
            "help: a string ends with `\"` on the same line; write `\\n` for a line break\n");
}

TEST(ParseErrorTest, InvalidEscape) {
  auto p = parse("module m \"a\\qb\"");
  EXPECT_EQ(p->diags.items().at(0).message.en, "invalid escape sequence");
  EXPECT_EQ(p->text(p->diags.items()[0].span), "\\q");
  EXPECT_EQ(p->at(p->diags.items()[0].span), "t.rules:1:12");
}

TEST(ParseErrorTest, UnterminatedBlockComment) {
  auto p = parse("module m\n  /* never closed\nenum E { a }\n");
  EXPECT_EQ(p->firstError(),
            "t.rules:2:3: error: unterminated block comment\n"
            " 2 |   /* never closed\n"
            "   |   ^~\n"
            "help: close the comment with `*/`\n");
}

TEST(ParseErrorTest, InvalidUtf8) {
  std::string text = "module m\nenum E { a\xC3(b }\n";
  auto p = parse(text);
  EXPECT_FALSE(p->file);
  ASSERT_EQ(p->diags.items().size(), 1u);
  EXPECT_EQ(codeName(p->diags.items()[0].code), "parse.utf8");
  EXPECT_EQ(p->diags.items()[0].message.en, "invalid UTF-8 byte sequence");
  EXPECT_EQ(p->diags.items()[0].message.nb, "ugyldig UTF-8-bytesekvens");
  EXPECT_EQ(p->at(p->diags.items()[0].span), "t.rules:2:11");
}

TEST(ParseErrorTest, MultipleErrorsInOneFile) {
  auto p = parse(
      "module m\n"
      "enum E { a b\n"                                   // 2: missing }
      "type T { x int }\n"                               // 3: missing :
      "rule R-1 må title nb \"t\" require (a\n"           // 4: missing )
      "rule R-2 must title nb \"t\" require a\n"          // 5: bad strength
      "ok: T { x = 1 }\n"                                // 6: fine
      "h1: T { x = }\n"                                  // 7: missing value
      "deviation R-1 \"no because\"\n"                   // 8: missing because
      "enum Good { a }\n");
  EXPECT_FALSE(p->file);
  std::vector<std::string> got;
  for (const auto& d : p->diags.items()) got.push_back(p->at(d.span) + " " + d.message.en);
  std::vector<std::string> expected = {
      "t.rules:3:1 expected `}`",
      "t.rules:3:12 expected `:`",
      "t.rules:5:1 expected `)`",
      "t.rules:5:10 expected strength `må`, `skal`, `bør` or `kan`",
      "t.rules:7:13 expected expression",
      "t.rules:8:15 expected `because`",
  };
  EXPECT_EQ(got, expected) << p->errors();
}

TEST(ParseErrorTest, RecoveryDoesNotResumeInsideBraces) {
  // After the error in the type, the attribute lines `b: int` must not be
  // taken for instances; parsing resumes at `enum`.
  auto p = parse(
      "module m\n"
      "type T {\n"
      "  a int\n"
      "  b: int\n"
      "  c: T\n"
      "}\n"
      "enum E { }\n");
  std::vector<std::string> got;
  for (const auto& d : p->diags.items()) got.push_back(p->at(d.span) + " " + d.message.en);
  EXPECT_EQ(got, (std::vector<std::string>{"t.rules:3:5 expected `:`",
                                           "t.rules:7:10 expected enum value"}));
}

TEST(ParseErrorTest, ErrorsHaveNorwegianText) {
  auto p = parse("module m\nenum E { a\n");
  ASSERT_FALSE(p->diags.items().empty());
  EXPECT_EQ(p->diags.items()[0].message.nb, "forventet `}`");
  EXPECT_EQ(p->diags.items()[0].message.en, "expected `}`");
  EXPECT_EQ(codeName(p->diags.items()[0].code), "parse.expected");
}

TEST(ParseErrorTest, ErrorAtEndOfFilePointsAfterLastToken) {
  auto p = parse("module m\nenum E { a   \n\n// trailing\n");
  EXPECT_EQ(p->firstError(),
            "t.rules:2:11: error: expected `}`\n"
            " 2 | enum E { a   \n"
            "   |           ^\n");
}

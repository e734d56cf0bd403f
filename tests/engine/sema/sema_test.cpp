// Semantic errors: each with its exact message, location and underlined text.
#include <gtest/gtest.h>

#include "harness.hpp"
#include "test_rules.hpp"

using namespace samsvar::testing;

namespace {

std::string lintCase(const std::string& body) {
  return lintTexts({{"t.rules", kTestModule}, {"c.case", "case \"c\" uses t\n" + body}});
}

std::string lintRule(const std::string& rule) {
  return lintTexts({{"t.rules", std::string(kTestModule) + rule}});
}

// The rule header every lintRule() snippet starts with.
const std::string kHead = "\nrule X-1 skal\n  title nb \"x\" en \"x\"\n  source \"f.txt\"\n";

TEST(Sema, UnknownEnumValueSuggestsTheClosest) {
  auto out = lintRule(kHead + "  for p: Product\n  require p.level == anbefallt\n");
  EXPECT_NE(out.find("t.rules:46:22: error: `Level` has no value `anbefallt`\n"
                     " 46 |   require p.level == anbefallt\n"
                     "    |                      ^~~~~~~~~\n"
                     "help: did you mean `anbefalt`?"),
            std::string::npos)
      << out;
}

TEST(Sema, DuplicateRuleIdPointsAtTheFirstDefinition) {
  auto out = lintRule("\nrule H-6W skal\n  title nb \"x\" en \"x\"\n  source \"f.txt\"\n  require true\n");
  EXPECT_NE(out.find("t.rules:42:6: error: rule `H-6W` is defined more than once"), std::string::npos) << out;
  EXPECT_NE(out.find("t.rules:7:6: note: first defined here"), std::string::npos) << out;
}

TEST(Sema, DuplicateTypeName) {
  auto out = lintRule("\ntype Product { x: int }\n");
  EXPECT_NE(out.find("t.rules:42:6: error: the name `Product` is already defined"), std::string::npos) << out;
  EXPECT_NE(out.find("t.rules:5:6: note: first defined here"), std::string::npos) << out;
}

TEST(Sema, DateMinusDateIsADuration) {
  auto out = lintRule(kHead + "  for c: Consultation\n  require c.closes - c.opens >= 42\n");
  EXPECT_NE(out.find("error: cannot compare duration with int\n"), std::string::npos) << out;
  EXPECT_NE(out.find("^~~~~~~~~~~~~~~~~~~~~~~~\n"), std::string::npos) << out;
}

TEST(Sema, EnumComparesOnlyWithItsOwnValues) {
  auto out = lintRule(kHead + "  for c: Consultation\n  require c.kind == Level.anbefalt\n");
  EXPECT_NE(out.find("error: an enum value compares only with values of its own enum (Kind against Level)"),
            std::string::npos)
      << out;
}

TEST(Sema, OrderedComparisonNeedsAnOrderedEnum) {
  auto out = lintRule(kHead + "  for c: Consultation\n  require c.kind < hoering\n");
  EXPECT_NE(out.find("t.rules:46:11: error: Kind is not ordered; use `==`, `!=` or `in`"), std::string::npos)
      << out;
  EXPECT_NE(out.find("help: declare `enum Kind ordered { … }` if its values have an order"), std::string::npos);
  auto ok = lintRule(kHead + "  for p: Product\n  require p.level >= anbefalt\n");
  EXPECT_EQ(ok, "") << ok;
}

TEST(Sema, MembershipNeedsTheSetsElementType) {
  auto out = lintRule(kHead + "  for p: Product\n  require p.level in p.consultations\n");
  EXPECT_NE(out.find("error: cannot test whether Level is in set<Consultation>"), std::string::npos) << out;
}

TEST(Sema, MonthsAreNotADuration) {
  auto out = lintRule(kHead + "  for c: Consultation\n  require c.closes - c.opens > 1 months + 2 days\n");
  EXPECT_NE(out.find("error: cannot compute months + duration"), std::string::npos) << out;
  auto ok = lintRule(kHead + "  for c: Consultation\n  require c.closes - c.opens >= 3 months\n");
  EXPECT_EQ(ok, "") << ok;
}

TEST(Sema, DeviationNamingAnUnknownRule) {
  auto out = lintCase("deviation H-3N because \"x\"\n");
  EXPECT_NE(out.find("c.case:2:11: error: unknown rule `H-3N` in deviation\n"
                     " 2 | deviation H-3N because \"x\"\n"
                     "   |           ^~~~\n"
                     "help: did you mean `H-3M`?"),
            std::string::npos)
      << out;
}

TEST(Sema, AttributeAssignedTwice) {
  auto out = lintCase("h1: Consultation {\n  opens = 2024-01-01\n  opens = 2024-02-01\n}\n");
  EXPECT_NE(out.find("c.case:4:3: error: `opens` is already assigned for `h1`"), std::string::npos) << out;
  EXPECT_NE(out.find("c.case:3:3: note: first assigned here"), std::string::npos) << out;
}

TEST(Sema, ValueOfTheWrongType) {
  auto out = lintCase("h1: Consultation { opens = true }\n");
  EXPECT_NE(out.find("c.case:2:28: error: wrong type for `opens`: expected date, found bool"), std::string::npos)
      << out;
  // A number where a date is expected is a year only when it is written as one.
  auto number = lintCase("h1: Consultation { opens = 42 }\n");
  EXPECT_NE(number.find("c.case:2:28: error: `42` is not a date; write a day (`2021-02-15`), a month (`2021-02`)"),
            std::string::npos)
      << number;
  EXPECT_EQ(lintCase("h1: Consultation { opens = 2024 }\n").find("error"), std::string::npos);
  auto ref = lintCase("p: Product { consultations = { p } }\n");
  EXPECT_NE(ref.find("error: element has type Product, expected Consultation"), std::string::npos) << ref;
}

TEST(Sema, InvalidCalendarDate) {
  auto out = lintCase("h1: Consultation { opens = 2023-02-29 }\n");
  EXPECT_NE(out.find("c.case:2:28: error: `2023-02-29` is not a valid date (years 1901–2099)\n"), std::string::npos)
      << out;
}

TEST(Sema, DeviationFromAMaaRuleIsRejected) {
  auto out = lintCase("deviation H-6W because \"x\"\n");
  EXPECT_NE(out.find("c.case:2:11: error: `H-6W` is a `må` rule: it cannot be deviated from, only exempted "
                     "with a legal basis"),
            std::string::npos)
      << out;
  EXPECT_NE(out.find("help: write `exemption H-6W basis \"…\"` with the legal basis"), std::string::npos);
}

TEST(Sema, DeviationNeedsAReason) {
  auto out = lintCase("deviation H-3M because \"  \"\n");
  EXPECT_NE(out.find("c.case:2:24: error: a deviation needs a reason"), std::string::npos) << out;
}

TEST(Sema, NamesFromModulesThatAreNotImported) {
  auto out = lintTexts({{"a.rules", "module a\nenum Colour { red, green }\n"},
                        {"b.rules", "module b\ntype Thing { colour: Colour }\n"}});
  EXPECT_NE(out.find("b.rules:2:22: error: `Colour` is defined in module `a`, which is not imported"),
            std::string::npos)
      << out;
  EXPECT_NE(out.find("help: add `import a`"), std::string::npos);
}

TEST(Sema, ModulesImportingEachOtherInACycle) {
  auto out = lintTexts({{"a.rules", "module a\nimport b\nenum E { x }\n"},
                        {"b.rules", "module b\nimport c\n"},
                        {"c.rules", "module c\nimport a\n"}});
  EXPECT_NE(out.find("c.rules:2:8: error: the modules import each other in a cycle: `a → b → c → a`\n"
                     " 2 | import a\n"
                     "   |        ^\n"
                     "help: modules cannot import each other in a cycle; move what they share into a module both "
                     "import"),
            std::string::npos)
      << out;
  EXPECT_NE(out.find("1 error generated."), std::string::npos) << out;  // each cycle once
}

TEST(Sema, AModuleImportingItself) {
  auto out = lintTexts({{"s.rules", "module s\nimport s\n"}});
  EXPECT_NE(out.find("s.rules:2:8: error: module `s` imports itself\n"), std::string::npos) << out;
  EXPECT_NE(out.find("help: remove `import s`"), std::string::npos) << out;
}

TEST(Sema, ALongChainOfImportsClosingACycle) {
  // Thousands of modules deep: found without recursion (an explicit stack).
  std::vector<std::pair<std::string, std::string>> files;
  const int n = 3000;
  for (int i = 0; i < n; ++i)
    files.push_back({"m" + std::to_string(i) + ".rules",
                     "module m" + std::to_string(i) + "\nimport m" + std::to_string((i + 1) % n) + "\n"});
  auto out = lintTexts(files);
  // Named by its ends: the message stays short.
  EXPECT_NE(out.find("m2999.rules:2:8: error: the modules import each other in a cycle: "
                     "`m0 → m1 → m2 → m3 → m4 → … → m2996 → m2997 → m2998 → m2999 → m0`\n"),
            std::string::npos)
      << out.substr(0, 500);
  EXPECT_NE(out.find("1 error generated."), std::string::npos);
}

TEST(Sema, AcyclicImportsSharingAModuleAreFine) {
  auto out = lintTexts({{"a.rules", "module a\nenum E { x }\n"},
                        {"b.rules", "module b\nimport a\n"},
                        {"c.rules", "module c\nimport a\nimport b\n"}});
  EXPECT_EQ(out, "");
}

TEST(Sema, AModuleUsedTwiceIsAWarningWithTheFirst) {
  auto out = lintTexts({{"t.rules", kTestModule}, {"c.case", "case \"c\" uses t, t\n"}});
  EXPECT_NE(out.find("c.case:1:18: warning: module `t` is already in `uses`\n"
                     " 1 | case \"c\" uses t, t\n"
                     "   |                  ^\n"
                     "c.case:1:15: note: first here\n"),
            std::string::npos)
      << out;
  EXPECT_EQ(out.find("error"), std::string::npos) << out;
}

TEST(Sema, AModuleImportedTwiceIsAWarningWithTheFirst) {
  auto out = lintTexts({{"a.rules", "module a\nenum E { x }\n"}, {"b.rules", "module b\nimport a\nimport a\n"}});
  EXPECT_NE(out.find("b.rules:3:8: warning: module `a` is already imported\n"), std::string::npos) << out;
  EXPECT_NE(out.find("b.rules:2:8: note: first here\n"), std::string::npos) << out;
}

TEST(Sema, AQuantifierShadowingARuleBindingPointsAtBoth) {
  auto out = lintRule(kHead + "  for c: Consultation, p: Product\n  require exists c in p.consultations: c.open_to_all\n");
  EXPECT_NE(out.find("t.rules:46:18: error: `c` shadows a variable that is already bound\n"
                     " 46 |   require exists c in p.consultations: c.open_to_all\n"
                     "    |                  ^\n"
                     "t.rules:45:7: note: `c` is bound here\n"
                     " 45 |   for c: Consultation, p: Product\n"
                     "    |       ^\n"
                     "help: give the variable of `exists` another name"),
            std::string::npos)
      << out;
}

TEST(Sema, AQuantifierShadowingAnOuterQuantifier) {
  auto out = lintRule(kHead + "  for p: Product\n"
                              "  require forall c in p.consultations: exists c in p.consultations: c.open_to_all\n");
  EXPECT_NE(out.find("t.rules:46:47: error: `c` shadows a variable that is already bound\n"), std::string::npos)
      << out;
  EXPECT_NE(out.find("t.rules:46:18: note: `c` is bound here\n"), std::string::npos) << out;
  EXPECT_NE(out.find("help: give the variable of `exists` another name"), std::string::npos) << out;
  EXPECT_NE(out.find("1 error generated."), std::string::npos) << out;
}

TEST(Sema, QuantifiersOneAfterTheOtherMayReuseAName) {
  auto out = lintRule(kHead + "  for p: Product\n"
                              "  require (exists c in p.consultations: c.open_to_all) and "
                              "(forall c in p.consultations: c.kind == hoering)\n");
  EXPECT_EQ(out, "");
}

TEST(Sema, AWaiverOnARuleOfAModuleTheCaseDoesNotUse) {
  const std::string other = "module o\nrule O-1 skal\n  title nb \"o\" en \"o\"\n  source \"o.txt\"\n  require true\n";
  auto out = lintTexts({{"t.rules", kTestModule},
                        {"o.rules", other},
                        {"c.case", "case \"c\" uses t\nexemption O-1 basis \"lov\"\n"}});
  EXPECT_NE(out.find("c.case:2:11: error: rule `O-1` belongs to module `o`, which the case does not use\n"
                     " 2 | exemption O-1 basis \"lov\"\n"
                     "   |           ^~~\n"
                     "o.rules:2:6: note: the rule is defined here\n"),
            std::string::npos)
      << out;
  EXPECT_NE(out.find("help: add `o` to `uses`"), std::string::npos) << out;
  // Used, or a case without `uses` (which checks every rule): accepted.
  EXPECT_EQ(lintTexts({{"t.rules", kTestModule}, {"o.rules", other},
                       {"c.case", "case \"c\" uses t, o\ndeviation O-1 because \"x\"\n"}}),
            "");
  EXPECT_EQ(lintTexts({{"t.rules", kTestModule}, {"o.rules", other}, {"c.case", "case \"c\"\ndeviation O-1 because \"x\"\n"}}),
            "");
}

TEST(Sema, UnknownAttributeAndType) {
  auto out = lintCase("h1: Consultation { open = 2024-01-01 }\nx: Consultaton {}\n");
  EXPECT_NE(out.find("c.case:2:20: error: `Consultation` has no attribute `open`"), std::string::npos) << out;
  EXPECT_NE(out.find("help: did you mean `opens`?"), std::string::npos) << out;
  EXPECT_NE(out.find("c.case:3:4: error: unknown type `Consultaton`"), std::string::npos) << out;
  EXPECT_NE(out.find("help: did you mean `Consultation`?"), std::string::npos) << out;
}

TEST(Sema, AllErrorsOfARunAreReported) {
  auto out = lintCase("h1: Consultation { opens = 42  kind = hoerin }\ndeviation NOPE because \"x\"\n");
  EXPECT_NE(out.find("3 errors generated."), std::string::npos) << out;
}

TEST(Sema, NorwegianLettersInNamesAndStrings) {
  auto out = lintTexts({{"æ.rules", "module æøå \"Åpen høring\"\nenum Nivå ordered { lav, høy }\n"
                                    "type Sak { nivå: Nivå  merknad: text }\n"
                                    "rule Æ-1 bør\n  title nb \"Høy\" en \"High\"\n  source \"kilde.txt\"\n"
                                    "  for s: Sak\n  require s.nivå >= høy\n"},
                        {"s.case", "case \"Sak om å være høy\" uses æøå\nsåk: Sak { nivå = høy  merknad = \"Blåbær\" }\n"}});
  EXPECT_EQ(out, "");
}

}  // namespace

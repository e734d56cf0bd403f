// Hostile input: random bytes, huge files, deep nesting, invalid UTF-8. The
// parser must return either an AST without errors or nullopt with at least one
// located error, never crash, throw or overflow the stack.
#include <gtest/gtest.h>

#include <ctime>
#include <iostream>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "grammar/parse.hpp"

using namespace samsvar;

namespace {

struct Outcome {
  bool ok = false;
  std::vector<Diagnostic> diags;
  std::string firstLine;  // first rendered line (English)
};

Outcome run(const std::string& text, const std::string& name = "r.rules") {
  SourceManager sm;
  Diagnostics diags;
  auto id = sm.add(name, text);
  auto file = parseFile(sm, id, diags);
  Outcome out;
  out.ok = file.has_value();
  out.diags = diags.items();
  if (!diags.items().empty()) {
    std::string r = render(sm, diags.items().front(), Lang::en);
    out.firstLine = r.substr(0, r.find('\n'));
  }
  // The contract of parseFile, checked for every input.
  if (file) {
    EXPECT_EQ(diags.errorCount(), 0u);
  } else {
    EXPECT_GE(diags.errorCount(), 1u);
  }
  for (const auto& d : diags.items()) {
    EXPECT_TRUE(d.span.valid);
    EXPECT_EQ(d.span.file, id);
    EXPECT_LE(d.span.begin, d.span.end);
    EXPECT_LE(d.span.end, text.size());
    EXPECT_FALSE(d.message.en.empty());
    EXPECT_FALSE(d.message.nb.empty());
    (void)render(sm, d, Lang::nb);
  }
  return out;
}

const char* kRule = "module m\nrule R må title nb \"t\" require ";

std::string repeat(const std::string& s, int n) {
  std::string out;
  out.reserve(s.size() * static_cast<std::size_t>(n));
  for (int i = 0; i < n; ++i) out += s;
  return out;
}

std::string readFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace

TEST(RobustnessTest, RandomBytes) {
  for (unsigned seed = 1; seed <= 2000; ++seed) {
    std::mt19937 rng(seed);
    std::uniform_int_distribution<int> len(0, 300), byte(0, 255);
    std::string text(static_cast<std::size_t>(len(rng)), '\0');
    for (auto& c : text) c = static_cast<char>(byte(rng));
    Outcome o = run(text);
    EXPECT_FALSE(o.ok && text.empty()) << seed;
  }
}

TEST(RobustnessTest, RandomAsciiAfterHeader) {
  // Printable ASCII exercises the grammar rather than the UTF-8 check.
  for (unsigned seed = 1; seed <= 2000; ++seed) {
    std::mt19937 rng(seed);
    std::uniform_int_distribution<int> len(0, 200), byte(9, 126);
    std::string text = "module m\n";
    int n = len(rng);
    for (int i = 0; i < n; ++i) text += static_cast<char>(byte(rng));
    run(text);
  }
}

TEST(RobustnessTest, RandomTokenSoup) {
  const std::vector<std::string> tokens = {
      "module", "case", "import", "uses", "enum", "ordered", "type", "set", "rule", "for", "when",
      "require", "in", "not", "and", "or", "implies", "exists", "forall", "true", "false",
      "deviation", "because", "exemption", "basis", "title", "message", "source", "section",
      "quote", "nb", "en", "må", "skal", "bør", "kan", "days", "uker", "x", "p.level", "Æ",
      "HOR-1", "42", "2024-03-01", "\"s\"", "(", ")", "{", "}", "<", ">", ",", ";", ":", "=",
      "==", "!=", "<=", ">=", "+", "-", "*", ".", "...", "\n", "//c\n", "/*c*/"};
  for (unsigned seed = 1; seed <= 3000; ++seed) {
    std::mt19937 rng(seed);
    std::uniform_int_distribution<std::size_t> pick(0, tokens.size() - 1);
    std::uniform_int_distribution<int> len(0, 60);
    std::string text = seed % 2 ? "module m\n" : "case \"c\"\n";
    int n = len(rng);
    for (int i = 0; i < n; ++i) text += tokens[pick(rng)] + " ";
    run(text);
  }
}

TEST(RobustnessTest, MutatedBundledFiles) {
  std::string base = readFile(std::string(SAMSVAR_SOURCE_DIR) + "/rules/felles.rules") +
                     readFile(std::string(SAMSVAR_SOURCE_DIR) + "/rules/normering.rules");
  ASSERT_FALSE(base.empty());
  for (unsigned seed = 1; seed <= 300; ++seed) {
    std::mt19937 rng(seed);
    std::string text = base;
    std::uniform_int_distribution<int> edits(1, 8);
    int n = edits(rng);
    for (int i = 0; i < n && !text.empty(); ++i) {
      std::uniform_int_distribution<std::size_t> pos(0, text.size() - 1);
      std::size_t at = pos(rng);
      switch (rng() % 4) {
        case 0: text.erase(at, 1 + rng() % 10); break;
        case 1: text.insert(at, 1, "{}()\":,=-*/\n"[rng() % 12]); break;
        case 2: text[at] = static_cast<char>("abc {}()\"\\/*"[rng() % 12]); break;
        default: text.insert(at, text.substr(pos(rng), rng() % 40)); break;
      }
    }
    run(text, "mutated.rules");
  }
}

TEST(RobustnessTest, EmptyAndTinyFiles) {
  for (const char* text : {"", " ", "\n", "m", "module", "case", "\"", "/*", "//", "{", "}", "\xef\xbb\xbf"}) {
    Outcome o = run(text);
    EXPECT_FALSE(o.ok) << text;
  }
  EXPECT_EQ(run("").firstLine, "r.rules:1:1: error: the file is empty: expected `module` or `case`");
}

TEST(RobustnessTest, TenMegabyteFile) {
  std::string block =
      "enum Kind { innspillsrunde, hoering, ny_hoering, forskriftshoering }\n"
      "type Consultation {\n"
      "  kind: Kind  opens: date  closes: date  open_to_all: bool  note: text \"why\"\n"
      "  parts: set<Consultation>\n"
      "}\n"
      "h1: Consultation { kind = hoering  opens = 2024-03-01  closes = 2024-04-05  parts = { h2, ... } }\n"
      "rule HOR-14 må\n"
      "  title nb \"Høringsfristen er minst seks uker\" en \"At least six weeks\"\n"
      "  source \"003.txt\" section \"4.1.4\" quote \"Høringsfristen skal normalt være tre måneder.\"\n"
      "  for p: Product, c in p.consultations\n"
      "  when c.kind in { hoering, ny_hoering } and not (c.open_to_all == false)\n"
      "  require c.closes - c.opens >= 6 weeks or (exists d in p.parts: d.opens + 3 months < c.closes)\n"
      "/* a comment */ // and another\n";
  std::string text = "module big\n";
  while (text.size() < 10u * 1024 * 1024) text += block;
  // CPU time, not wall time: the machine may be busy with other work.
  std::clock_t start = std::clock();
  SourceManager sm;
  Diagnostics diags;
  auto file = parseFile(sm, sm.add("big.rules", text), diags);
  double seconds = static_cast<double>(std::clock() - start) / CLOCKS_PER_SEC;
  ASSERT_TRUE(file) << renderAll(sm, diags, Lang::en).substr(0, 2000);
  EXPECT_EQ(file->decls.size(), 4 * ((text.size() - 11) / block.size()));
  EXPECT_LT(seconds, 10.0) << "parsing 10 MB took " << seconds << " s";
  std::cout << "[     INFO ] parsed " << text.size() / (1024 * 1024) << " MB in " << seconds << " s (CPU)\n";
}

TEST(RobustnessTest, HugeExpressions) {
  // One flat `or` chain and one huge set: the chain is cut at the limit, the
  // set is flat and fine.
  std::string chain = kRule + std::string("a") + repeat(" or a", 2'000'000) + "\n";
  EXPECT_EQ(run(chain).firstLine,
            "r.rules:2:1314: error: expression too long (limit 256 operators in a row)");
  std::string set = kRule + std::string("x in {a") + repeat(", a", 500'000) + "}\n";
  EXPECT_TRUE(run(set).ok);
}

TEST(RobustnessTest, DeepParentheses) {
  // The 257th `(` opens the 258th expression: one too many.
  std::string text = kRule + repeat("(", 10000) + "a" + repeat(")", 10000) + "\n";
  Outcome o = run(text);
  EXPECT_FALSE(o.ok);
  ASSERT_EQ(o.diags.size(), 1u);
  EXPECT_EQ(codeName(o.diags[0].code), "parse.nesting");
  EXPECT_EQ(o.firstLine, "r.rules:2:289: error: expression nested too deeply (limit 256)");
}

TEST(RobustnessTest, NestingUpToTheLimitIsAccepted) {
  EXPECT_TRUE(run(kRule + repeat("(", 256) + "a" + repeat(")", 256)).ok);
  EXPECT_FALSE(run(kRule + repeat("(", 257) + "a" + repeat(")", 257)).ok);
  EXPECT_TRUE(run(kRule + repeat("not ", 256) + "a").ok);
  EXPECT_FALSE(run(kRule + repeat("not ", 257) + "a").ok);
  EXPECT_TRUE(run(kRule + repeat("-", 256) + "a").ok);
  EXPECT_FALSE(run(kRule + repeat("-", 257) + "a").ok);
  EXPECT_TRUE(run(kRule + std::string("a") + repeat(" and a", 256)).ok);
  EXPECT_FALSE(run(kRule + std::string("a") + repeat(" and a", 257)).ok);
}

TEST(RobustnessTest, DeepTreesBuiltFromShallowPieces) {
  // 200 parenthesised levels each holding a 100-operator chain: the syntax
  // is within every limit, the tree would not be.
  std::string text = kRule;
  for (int i = 0; i < 200; ++i) text += "(a" + repeat(" + a", 100) + " + ";
  text += "a" + repeat(")", 200);
  Outcome o = run(text);
  EXPECT_FALSE(o.ok);
  ASSERT_FALSE(o.diags.empty());
  EXPECT_EQ(o.diags[0].message.en, "expression nested too deeply (limit 256)");
}

TEST(RobustnessTest, TenThousandPrefixOperators) {
  for (const std::string& op : {std::string("not "), std::string("-"), std::string("- ")}) {
    Outcome o = run(kRule + repeat(op, 10000) + "a\n");
    EXPECT_FALSE(o.ok) << op;
    ASSERT_EQ(o.diags.size(), 1u) << op;
    EXPECT_EQ(o.diags[0].message.en, "expression nested too deeply (limit 256)");
  }
}

TEST(RobustnessTest, TenThousandNestedBracesCallsAndQuantifiers) {
  const std::vector<std::pair<std::string, std::string>> shapes = {
      {"{", "}"}, {"f(", ")"}, {"exists x in s: ", ""}, {"forall x in (s): ", ""},
      {"{a, ", ", ...}"}, {"(not -", ")"}};
  for (const auto& [open, close] : shapes) {
    Outcome o = run(kRule + repeat(open, 10000) + "a" + repeat(close, 10000) + "\n");
    EXPECT_FALSE(o.ok) << open;
    ASSERT_FALSE(o.diags.empty()) << open;
    EXPECT_EQ(codeName(o.diags[0].code), "parse.nesting") << open;
  }
  // Unbalanced: only openers, in an instance value.
  Outcome o = run("case \"c\"\nx: T { v = " + repeat("{", 10000) + "\n");
  EXPECT_EQ(codeName(o.diags.at(0).code), "parse.nesting");
}

TEST(RobustnessTest, DeepNestingInEveryDeclarationIsReportedEachTime) {
  std::string text = "module m\n";
  for (int i = 0; i < 20; ++i)
    text += "rule R" + std::to_string(i) + " må title nb \"t\" require " + repeat("(", 5000) + "\n";
  Outcome o = run(text);
  EXPECT_EQ(o.diags.size(), 20u);
}

TEST(RobustnessTest, InvalidUtf8) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"module m\xff\n", "r.rules:1:9: error: invalid UTF-8 byte sequence"},
      {"module m \"\xc3\"", "r.rules:1:11: error: invalid UTF-8 byte sequence"},    // truncated
      {"module m // \xc0\xaf\n", "r.rules:1:13: error: invalid UTF-8 byte sequence"},  // overlong
      {"module m\n\xed\xa0\x80", "r.rules:2:1: error: invalid UTF-8 byte sequence"},   // surrogate
      {"module æøå\n\xf4\x90\x80\x80", "r.rules:2:1: error: invalid UTF-8 byte sequence"},
      {"module m\nenum E { å\xe2\x82 }", "r.rules:2:11: error: invalid UTF-8 byte sequence"},
  };
  for (const auto& [text, expected] : cases) {
    Outcome o = run(text);
    EXPECT_FALSE(o.ok);
    ASSERT_EQ(o.diags.size(), 1u);
    EXPECT_EQ(codeName(o.diags[0].code), "parse.utf8");
    EXPECT_EQ(o.firstLine, expected);
  }
}

TEST(RobustnessTest, ControlCharactersAndNulBytes) {
  Outcome o = run(std::string("module m\nenum E { a \0 b }\n", 26));
  EXPECT_FALSE(o.ok);
  EXPECT_EQ(o.firstLine, "r.rules:2:12: error: unexpected control character U+0000");
  Outcome run3 = run("module m\n\x01\x02\x7f");
  EXPECT_FALSE(run3.ok);
  ASSERT_EQ(run3.diags.size(), 1u) << "a run of control characters is one error";
  EXPECT_EQ(run3.firstLine, "r.rules:2:1: error: unexpected control character U+0001");
}

TEST(RobustnessTest, ConcurrentParses) {
  std::string text = readFile(std::string(SAMSVAR_SOURCE_DIR) + "/rules/felles.rules");
  std::vector<std::thread> threads;
  std::vector<int> ok(8, 0);
  for (int t = 0; t < 8; ++t)
    threads.emplace_back([&, t] {
      for (int i = 0; i < 20; ++i) {
        SourceManager sm;
        Diagnostics diags;
        if (parseFile(sm, sm.add("f.rules", text), diags)) ++ok[static_cast<std::size_t>(t)];
      }
    });
  for (auto& th : threads) th.join();
  for (int n : ok) EXPECT_EQ(n, 20);
}

#include "workload.hpp"

#include <nlohmann/json.hpp>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <utility>

namespace fs = std::filesystem;

// Why the int domain is exact
// ---------------------------
// samsvar gives an undeclared int attribute every integer; the ASP program
// gives it one of D = { -(C+1), 2C+1 } (kAspLow, kAspHigh). The generator keeps
// three invariants that make the verdicts over D the same as over the integers:
//
//  1. Every int condition is a linear literal `u op c` or `u + v op c` with
//     op in { <, <=, >, >= } (no ==, !=, no coefficients), c in [0, C] for one
//     attribute and c in [0, 2C] for a sum; declared int values are in [0, C].
//  2. No int attribute occurs twice in one rule, so the int conditions of a
//     rule share no variable (bools may not repeat either, for readability).
//  3. Bools are bools on both sides: declared ones are facts, undeclared ones a
//     choice.
//
// After substituting a case's declared values, a condition with j >= 1
// undeclared attributes reads `Σu op c'` with c' in [-C, 2C] (one declared
// summand d in [0, C] moves c in [0, 2C] to c - d in [-C, 2C]). Over the
// integers such a literal can be made true and can be made false. Over D too:
// `u < c'` needs u <= -C-1 = kAspLow, `u > c'` needs u >= 2C+1 = kAspHigh, and a
// sum of two undeclared attributes ranges over {-2C-2, C, 4C+2}, which lies
// below 0 - 1 and above 2C + 1. By (2) the conditions of a rule can be made true
// or false independently of each other, in both worlds. So the set of truth
// assignments to a rule's atoms (bools and int conditions) that some valuation
// reaches is the same over D as over the integers (all combinations of the
// values each atom can take), and `when` and `when -> require` are functions of
// those atoms: "holds in some / every valuation" — hence every verdict — agree.
// The ASP program is stratified apart from the choices, so its answer sets are
// exactly the valuations of the undeclared attributes over D.
//
// D is the smallest exact domain: it is the most favourable choice for clingo
// (the grounder expands each undeclared int to two values only).

namespace samsvar::bench {

namespace {

// ------------------------------------------------------------------ random
/// splitmix64: fixed output on every platform (std distributions are not).
struct Rng {
  std::uint64_t state;
  explicit Rng(std::uint64_t s) : state(s) {}
  std::uint64_t next() {
    std::uint64_t z = (state += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }
  /// Uniform in [0, n) (the modulo bias is irrelevant here).
  int below(int n) { return static_cast<int>(next() % static_cast<std::uint64_t>(n)); }
  int between(int lo, int hi) { return lo + below(hi - lo + 1); }
  bool chance(double p) { return static_cast<double>(next() >> 11) * 0x1.0p-53 < p; }
};

std::uint64_t streamSeed(std::uint64_t seed, std::uint64_t stream, std::uint64_t index) {
  Rng r(seed ^ (stream * 0xD1B54A32D192ED03ULL));
  r.state ^= index * 0x9E3779B97F4A7C15ULL + 0x632BE59BD9B4E019ULL;
  r.next();
  return r.next();
}

constexpr std::uint64_t kRuleStream = 0x52554C45;  // "RULE"
constexpr std::uint64_t kCaseStream = 0x43415345;  // "CASE"

// ------------------------------------------------------------- expressions
struct Node {
  enum class K { Bool, Lin, Not, And, Or, Implies } k = K::Bool;
  int attr = -1;          // Bool: bool attribute index
  std::vector<int> ints;  // Lin: one or two int attribute indices
  const char* op = ">=";  // Lin
  int constant = 0;       // Lin
  std::vector<Node> kids;
};

Node unary(Node::K k, Node a) {
  Node n;
  n.k = k;
  n.kids.push_back(std::move(a));
  return n;
}
Node binary(Node::K k, Node a, Node b) {
  Node n;
  n.k = k;
  n.kids.push_back(std::move(a));
  n.kids.push_back(std::move(b));
  return n;
}

/// Draws attributes without repetition inside one rule (invariant 2).
class RuleBuilder {
 public:
  RuleBuilder(Rng& rng, int bools, int ints) : rng_(rng), bools_(bools), ints_(ints) {}

  Node boolAttr() {
    Node n;
    n.k = Node::K::Bool;
    n.attr = draw(usedBools_, bools_);
    return n;
  }
  Node single() { return lin(1, 0, kMaxConstant); }
  Node sum() { return lin(2, 0, 2 * kMaxConstant); }

 private:
  Node lin(int arity, int lo, int hi) {
    static constexpr std::array<const char*, 4> ops{"<", "<=", ">", ">="};
    Node n;
    n.k = Node::K::Lin;
    for (int i = 0; i < arity; ++i) n.ints.push_back(draw(usedInts_, ints_));
    n.op = ops[static_cast<std::size_t>(rng_.below(4))];
    n.constant = rng_.between(lo, hi);
    return n;
  }
  int draw(std::vector<int>& used, int n) {
    for (;;) {
      int v = rng_.below(n);
      bool seen = false;
      for (int u : used) seen = seen || u == v;
      if (!seen) {
        used.push_back(v);
        return v;
      }
    }
  }
  Rng& rng_;
  int bools_, ints_;
  std::vector<int> usedBools_, usedInts_;
};

struct GenRule {
  std::optional<Node> when;
  Node require;
};

/// Implication rules mixing bool and linear int conditions; at most three
/// bools and three ints each (so `facts` >= 6 suffices).
GenRule makeRule(Rng& rng, int bools, int ints) {
  RuleBuilder b(rng, bools, ints);
  using K = Node::K;
  GenRule r;
  switch (rng.below(8)) {
    case 0:  // require (x.b3 and x.i7 >= 20) implies x.b12
      r.require = binary(K::Implies, binary(K::And, b.boolAttr(), b.single()), b.boolAttr());
      break;
    case 1:  // when x.b3 require x.i4 + x.i9 <= 100
      r.when = b.boolAttr();
      r.require = b.sum();
      break;
    case 2:  // when x.i2 > 40 require x.b1 or x.b7
      r.when = b.single();
      r.require = binary(K::Or, b.boolAttr(), b.boolAttr());
      break;
    case 3:  // require not x.b1 or (x.i3 <= 70 and x.b2)
      r.require = binary(K::Or, unary(K::Not, b.boolAttr()), binary(K::And, b.single(), b.boolAttr()));
      break;
    case 4:  // when x.b1 and not x.b2 require x.i1 < 50 or x.i2 + x.i3 >= 90
      r.when = binary(K::And, b.boolAttr(), unary(K::Not, b.boolAttr()));
      r.require = binary(K::Or, b.single(), b.sum());
      break;
    case 5:  // require x.b1 implies (x.i4 >= 10 or x.b2)
      r.require = binary(K::Implies, b.boolAttr(), binary(K::Or, b.single(), b.boolAttr()));
      break;
    case 6:  // when x.b1 require x.i2 + x.i5 > 60 implies x.b3
      r.when = b.boolAttr();
      r.require = binary(K::Implies, b.sum(), b.boolAttr());
      break;
    default:  // require x.i3 <= 80 or x.b2
      r.require = binary(K::Or, b.single(), b.boolAttr());
      break;
  }
  return r;
}

// samsvar text. Compound operands are always parenthesised; a comparison
// under `not` too, for readers who do not know the precedence table.
void printExpr(std::ostringstream& out, const Node& n, bool top) {
  using K = Node::K;
  switch (n.k) {
    case K::Bool: out << "x.b" << n.attr; return;
    case K::Lin:
      out << "x.i" << n.ints[0];
      for (std::size_t i = 1; i < n.ints.size(); ++i) out << " + x.i" << n.ints[i];
      out << ' ' << n.op << ' ' << n.constant;
      return;
    case K::Not: {
      out << "not ";
      bool paren = n.kids[0].k != K::Bool;
      if (paren) out << '(';
      printExpr(out, n.kids[0], true);
      if (paren) out << ')';
      return;
    }
    default: break;
  }
  const char* word = n.k == K::And ? " and " : n.k == K::Or ? " or " : " implies ";
  if (!top) out << '(';
  for (std::size_t i = 0; i < n.kids.size(); ++i) {
    if (i) out << word;
    const Node& kid = n.kids[i];
    bool kidCompound = kid.k == K::And || kid.k == K::Or || kid.k == K::Implies;
    printExpr(out, kid, !kidCompound);
  }
  if (!top) out << ')';
}

std::string exprText(const Node& n) {
  std::ostringstream out;
  printExpr(out, n, true);
  return out.str();
}

// ASP. Every compound node and int condition of rule r gets an atom n(r,k);
// a bool attribute is the atom t(bK) itself.
class AspRule {
 public:
  AspRule(std::ostringstream& out, int rule) : out_(out), rule_(rule) {}

  std::string atom(const Node& n) {
    using K = Node::K;
    if (n.k == K::Bool) return "t(b" + std::to_string(n.attr) + ")";
    std::string self = "n(" + std::to_string(rule_) + "," + std::to_string(next_++) + ")";
    switch (n.k) {
      case K::Lin: {
        static constexpr const char* vars[] = {"X", "Y"};
        out_ << self << " :- ";
        for (std::size_t i = 0; i < n.ints.size(); ++i) out_ << "v(i" << n.ints[i] << "," << vars[i] << "), ";
        out_ << (n.ints.size() == 1 ? "X" : "X+Y") << ' ' << n.op << ' ' << n.constant << ".\n";
        break;
      }
      case K::Not: out_ << self << " :- not " << atom(n.kids[0]) << ".\n"; break;
      case K::And: {
        std::string a = atom(n.kids[0]), b = atom(n.kids[1]);
        out_ << self << " :- " << a << ", " << b << ".\n";
        break;
      }
      case K::Or: {
        std::string a = atom(n.kids[0]), b = atom(n.kids[1]);
        out_ << self << " :- " << a << ".\n" << self << " :- " << b << ".\n";
        break;
      }
      case K::Implies: {
        std::string a = atom(n.kids[0]), b = atom(n.kids[1]);
        out_ << self << " :- not " << a << ".\n" << self << " :- " << b << ".\n";
        break;
      }
      case K::Bool: break;
    }
    return self;
  }

 private:
  std::ostringstream& out_;
  int rule_;
  int next_ = 1;
};

void writeText(const fs::path& p, const std::string& text) {
  std::ofstream out(p, std::ios::binary | std::ios::trunc);
  out.write(text.data(), static_cast<std::streamsize>(text.size()));
  if (!out) throw std::runtime_error("cannot write " + p.string());
}

std::string shellQuote(const std::string& s) {
  std::string q = "'";
  for (char c : s) {
    if (c == '\'') q += "'\\''";
    else q += c;
  }
  return q + "'";
}

}  // namespace

Workload generateWorkload(const WorkloadSpec& spec) {
  if (spec.rules < 0 || spec.cases < 0) throw std::invalid_argument("--rules and --cases must be >= 0");
  if (spec.facts < 6) throw std::invalid_argument("--facts must be >= 6 (3 bool and 3 int attributes)");
  if (!(spec.declaredShare >= 0.0 && spec.declaredShare <= 1.0))
    throw std::invalid_argument("the declared share must be in [0, 1]");
  const int bools = spec.facts / 2;
  const int ints = spec.facts - bools;

  Workload w;
  w.spec = spec;

  std::ostringstream rules, asp;
  rules << "// Generated by samsvar_generate --rules " << spec.rules << " --facts " << spec.facts << " --seed "
        << spec.seed << ". Do not edit.\n"
        << "module gen \"Generated workload: " << spec.rules << " rules over " << bools << " bool and " << ints
        << " int attributes\"\n\n"
        << "type Gen {\n";
  for (int i = 0; i < bools; ++i) rules << "  b" << i << ": bool\n";
  for (int i = 0; i < ints; ++i) rules << "  i" << i << ": int\n";
  rules << "}\n";

  asp << "% Generated by samsvar_generate --rules " << spec.rules << " --facts " << spec.facts << " --seed "
      << spec.seed << ". Do not edit.\n"
      << "% The rules of module gen. Run with one case's facts (caseK.lp):\n"
      << "%   clingo -e cautious 0 rules.lp caseK.lp   and   clingo -e brave 0 rules.lp caseK.lp\n"
      << "% app(R): rule R applies (its `when` holds); holds(R): `when` implies `require`.\n"
      << "% R not_applicable: app(R) not brave; satisfied: holds(R) cautious; violated: holds(R)\n"
      << "% not brave; gap: otherwise. Undeclared ints range over the exact domain below\n"
      << "% (bench/workload.cpp, \"Why the int domain is exact\").\n"
      << "dom(" << kAspLow << "). dom(" << kAspHigh << ").\n"
      << "#defined t/1.\n#defined v/2.\n"
      << "#show app/1.\n#show holds/1.\n";

  w.ruleIds.reserve(static_cast<std::size_t>(spec.rules));
  for (int k = 1; k <= spec.rules; ++k) {
    Rng rng(streamSeed(spec.seed, kRuleStream, static_cast<std::uint64_t>(k)));
    GenRule r = makeRule(rng, bools, ints);
    std::string id = "G-" + std::to_string(k);
    w.ruleIds.push_back(id);

    rules << "\nrule " << id << " skal\n"
          << "  title nb \"Generert regel " << k << "\" en \"Generated rule " << k << "\"\n"
          << "  source \"generated\" section \"" << k << "\"\n"
          << "  for x: Gen\n";
    if (r.when) rules << "  when " << exprText(*r.when) << "\n";
    rules << "  require " << exprText(r.require) << "\n";

    asp << "\n% " << id << ":";
    if (r.when) asp << " when " << exprText(*r.when);
    asp << " require " << exprText(r.require) << "\n";
    AspRule ar(asp, k);
    if (r.when) {
      std::string when = ar.atom(*r.when);  // writes the rules of its sub-conditions first
      asp << "app(" << k << ") :- " << when << ".\n";
    } else {
      asp << "app(" << k << ").\n";
    }
    std::string req = ar.atom(r.require);
    asp << "holds(" << k << ") :- not app(" << k << ").\n"
        << "holds(" << k << ") :- " << req << ".\n";
  }
  w.rulesText = rules.str();
  w.aspRules = asp.str();

  for (int c = 1; c <= spec.cases; ++c) {
    Rng rng(streamSeed(spec.seed, kCaseStream, static_cast<std::uint64_t>(c)));
    std::ostringstream text, facts;
    text << "// Generated by samsvar_generate (seed " << spec.seed << ", " << spec.facts
         << " attributes). Do not edit.\n"
         << "case \"Generated case " << c << "\" uses gen\n\n"
         << "g: Gen {\n";
    facts << "% Case " << c << " (seed " << spec.seed << "): declared facts and undeclared attributes.\n";
    for (int i = 0; i < bools; ++i) {
      bool declared = rng.chance(spec.declaredShare);
      bool value = rng.chance(0.5);
      if (declared) {
        text << "  b" << i << " = " << (value ? "true" : "false") << "\n";
        if (value) facts << "t(b" << i << ").\n";
      } else {
        facts << "{ t(b" << i << ") }.\n";
      }
    }
    for (int i = 0; i < ints; ++i) {
      bool declared = rng.chance(spec.declaredShare);
      int value = rng.between(0, kMaxConstant);
      if (declared) {
        text << "  i" << i << " = " << value << "\n";
        facts << "v(i" << i << "," << value << ").\n";
      } else {
        facts << "1 { v(i" << i << ",X) : dom(X) } 1.\n";
      }
    }
    text << "}\n";
    w.caseTexts.push_back(text.str());
    w.aspCases.push_back(facts.str());
  }
  return w;
}

WorkloadFiles writeWorkload(const Workload& w, const std::string& dir) {
  WorkloadFiles f;
  fs::path root(dir);
  fs::create_directories(root / "rules");
  fs::create_directories(root / "cases");
  fs::create_directories(root / "clingo");
  f.rulesDir = (root / "rules").string();
  f.rulesFile = (root / "rules" / "gen.rules").string();
  f.aspRules = (root / "clingo" / "rules.lp").string();
  writeText(f.rulesFile, w.rulesText);
  writeText(f.aspRules, w.aspRules);
  for (std::size_t k = 0; k < w.caseTexts.size(); ++k) {
    std::string name = "case" + std::to_string(k + 1);
    f.caseFiles.push_back((root / "cases" / (name + ".case")).string());
    f.aspCases.push_back((root / "clingo" / (name + ".lp")).string());
    writeText(f.caseFiles.back(), w.caseTexts[k]);
    writeText(f.aspCases.back(), w.aspCases[k]);
  }
  return f;
}

std::string aspVerdict(const Consequences& c, int rule) {
  std::string r = std::to_string(rule);
  if (!c.brave.count("app(" + r + ")")) return "not_applicable";
  if (c.cautious.count("holds(" + r + ")")) return "satisfied";
  if (!c.brave.count("holds(" + r + ")")) return "violated";
  return "gap";
}

std::optional<std::set<std::string>> parseClingoJson(const std::string& text) {
  auto j = nlohmann::json::parse(text, nullptr, false);
  if (j.is_discarded() || !j.is_object()) return std::nullopt;
  if (j.value("Result", "") != "SATISFIABLE") return std::nullopt;
  if (j.contains("Models") && j["Models"].value("More", "no") != "no") return std::nullopt;
  if (!j.contains("Call") || !j["Call"].is_array() || j["Call"].empty()) return std::nullopt;
  const auto& call = j["Call"].back();
  if (!call.contains("Witnesses") || !call["Witnesses"].is_array() || call["Witnesses"].empty())
    return std::nullopt;
  std::set<std::string> atoms;
  for (const auto& a : call["Witnesses"].back().value("Value", nlohmann::json::array()))
    if (a.is_string()) atoms.insert(a.get<std::string>());
  return atoms;
}

std::string clingoCommand(const std::string& clingo, const std::string& aspRules, const std::string& aspCase,
                          const std::string& mode, bool json) {
  return shellQuote(clingo) + (json ? " --outf=2" : "") + " -W none -e " + mode + " 0 " + shellQuote(aspRules) +
         " " + shellQuote(aspCase);
}

std::optional<Consequences> runClingo(const std::string& clingo, const std::string& aspRules,
                                      const std::string& aspCase, std::string& error) {
  Consequences c;
  for (const char* mode : {"cautious", "brave"}) {
    std::string cmd = clingoCommand(clingo, aspRules, aspCase, mode, true) + " 2>&1";
    FILE* p = popen(cmd.c_str(), "r");
    if (!p) {
      error = "cannot run: " + cmd;
      return std::nullopt;
    }
    std::string out;
    std::array<char, 65536> buf;
    for (std::size_t n; (n = std::fread(buf.data(), 1, buf.size(), p)) > 0;) out.append(buf.data(), n);
    pclose(p);  // clingo exits with 10/20/30 for sat/unsat/...: the JSON decides
    auto atoms = parseClingoJson(out);
    if (!atoms) {
      error = "unreadable clingo output of `" + cmd + "`:\n" + out.substr(0, 2000);
      return std::nullopt;
    }
    (std::string(mode) == "cautious" ? c.cautious : c.brave) = std::move(*atoms);
  }
  return c;
}

namespace {

void appendProduct(std::string& out, int k, const std::string& consultations) {
  out += "\np" + std::to_string(k) + ": Product {\n";
  out += "  title = \"Produkt " + std::to_string(k) + "\"\n";
  out += R"(  level = anbefalt
  issuer = direktoratet
  international = true
  content = tilpasset_standard
  target_groups = { helseforetak, kommuner, fastleger, programvareleverandoerer }
  purpose = "Formål"
  scope = "Område"
  need_scope = nasjonal
  documented_practice = true
  standard_consensus_process = true
  standard_approved_by = "HL7 Norge"
  consensus_based_process = true
  broad_involvement = true
  still_relevant = true
  substantial_effects = true
  consultation_need_assessed = true
)";
  out += "  consultations = { " + consultations + " }\n";
  out += R"(  substantial_changes_after_hearing = false
  bp3_date = 2023-10-10
  evaluation_done = 2024-01-12
  bp4_date = 2024-01-25
  publication_date = 2024-02-15
}
)";
}

void appendConsultation(std::string& out, int k) {
  out += "\nh" + std::to_string(k) + ": Consultation {\n";
  out += "  kind = hoering\n  opens = 2023-10-11\n";
  if (k % 11 != 0) out += k % 7 == 0 ? "  closes = 2024-01-16\n" : "  closes = 2024-01-11\n";
  out += "  conducted_by = direktoratet_for_ehelse\n  open_to_all = true\n  responses_published = true\n}\n";
}

}  // namespace

std::string largeCaseText(LargeCase kind, int n, bool openSet) {
  if (n < 1) throw std::invalid_argument("a large case needs at least one consultation");
  std::string out = kind == LargeCase::consultations ? "case \"Ett produkt med " + std::to_string(n) + " høringer\" uses hoering\n"
                                                     : "case \"" + std::to_string(n) + " produkter\" uses hoering\n";
  out += "\ndirektoratet: Actor { name = \"Direktoratet for e-helse\"  group = myndighet  kind = direktoratet_for_ehelse }\n";
  const std::string more = openSet ? ", ..." : "";
  if (kind == LargeCase::consultations) {
    std::string members;
    for (int k = 1; k <= n; ++k) members += (k > 1 ? ", h" : "h") + std::to_string(k);
    appendProduct(out, 1, members + more);
  } else {
    for (int k = 1; k <= n; ++k) appendProduct(out, k, "h" + std::to_string(k) + more);
  }
  for (int k = 1; k <= n; ++k) appendConsultation(out, k);
  return out;
}

}  // namespace samsvar::bench

// Synthetic workloads for benchmarks and the clingo agreement test: the same
// rules and cases written in samsvar's language and as an answer-set program
// whose cautious and brave consequences decide the same verdicts.
//
// No engine, Z3 or Boost type appears here: the generator, the benchmarks and
// the agreement test share this small library.
#pragma once

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace samsvar::bench {

/// What to generate. The type `Gen` has `facts / 2` bool attributes (b0, b1, …)
/// and `facts - facts / 2` int attributes (i0, i1, …).
struct WorkloadSpec {
  int rules = 100;
  int cases = 1;
  int facts = 50;
  std::uint64_t seed = 1;
  /// Probability that a case declares an attribute; the rest are undeclared (gaps).
  double declaredShare = 0.8;
};

/// Largest constant of a single-attribute condition (`x.i7 >= c`, c in [0, C])
/// and largest declared int value (declared values are in [0, C]); a sum of
/// two attributes is compared with a constant in [0, 2C].
inline constexpr int kMaxConstant = 100;

/// The finite domain the ASP program gives an undeclared int attribute:
/// { -(C+1), 2C+1 }. Why this keeps the verdicts exact is explained in
/// workload.cpp (see "Why the int domain is exact").
inline constexpr int kAspLow = -(kMaxConstant + 1);
inline constexpr int kAspHigh = 2 * kMaxConstant + 1;

/// A generated workload: texts only, nothing written yet.
struct Workload {
  WorkloadSpec spec;
  std::string rulesText;                // module `gen`: the type Gen and every rule
  std::vector<std::string> caseTexts;   // one instance `g: Gen` per case
  std::string aspRules;                 // the rules as ASP (shared by every case)
  std::vector<std::string> aspCases;    // each case's facts and choices as ASP
  std::vector<std::string> ruleIds;     // G-1 … G-N; ASP rule number k is ruleIds[k-1]
};

/// Generates a workload; the same spec gives the same bytes on every machine
/// (own PRNG, no std distributions). Rule k and case k depend only on the
/// seed, `facts` and k, so a smaller workload is a prefix of a larger one.
/// Throws std::invalid_argument for a spec that cannot be generated.
Workload generateWorkload(const WorkloadSpec& spec);

/// Files of a workload written under a directory.
struct WorkloadFiles {
  std::string rulesDir;                  // DIR/rules (holds gen.rules)
  std::string rulesFile;                 // DIR/rules/gen.rules
  std::vector<std::string> caseFiles;    // DIR/cases/caseK.case, K = 1…M
  std::string aspRules;                  // DIR/clingo/rules.lp
  std::vector<std::string> aspCases;     // DIR/clingo/caseK.lp
};

/// Writes DIR/rules/gen.rules, DIR/cases/caseK.case, DIR/clingo/rules.lp and
/// DIR/clingo/caseK.lp (creating directories). The ASP program of case K is
/// `rules.lp` together with `caseK.lp`. Throws std::runtime_error on I/O errors.
WorkloadFiles writeWorkload(const Workload& w, const std::string& dir);

/// Large cases for the bundled rules (module `hoering`): how checking grows
/// with the size of one case, not with the rulebase.
enum class LargeCase {
  /// One product with N consultations: N bindings of `p: Product, c in
  /// p.consultations` over one set of N members, and rules that range over
  /// the whole set (`exists h in p.consultations`).
  consultations,
  /// N products, each with its own consultation: N instances of one type
  /// under rules with two bindings (`p: Product, c in p.consultations`),
  /// where every product is tried against every declared consultation.
  products,
};

/// The text of a large case of `n` consultations. Every 7th consultation
/// closes after the evaluation (a violation of HOR-24), every 11th leaves
/// `closes` undeclared (a gap), the rest comply; with `openSet` the product's
/// consultations are an open set (`{ …, ... }`), which exact evaluation cannot
/// enumerate. The same arguments give the same bytes.
std::string largeCaseText(LargeCase kind, int n, bool openSet = false);

/// Verdict names as samsvar's verdictName() prints them.
/// not_applicable: `when` holds in no answer set; satisfied: the rule holds in
/// every answer set; violated: it holds in none; gap: otherwise.
struct Consequences {
  std::set<std::string> cautious;  // atoms true in every answer set
  std::set<std::string> brave;     // atoms true in some answer set
};
std::string aspVerdict(const Consequences& c, int ruleNumber);

/// Parses clingo's `--outf=2` JSON output: the atoms of the last witness
/// (for `-e cautious` / `-e brave` that is the final consequence set).
/// Nullopt when the output is not a satisfiable clingo result.
std::optional<std::set<std::string>> parseClingoJson(const std::string& json);

/// Runs `clingo` twice (cautious, brave) on rules.lp + caseK.lp. Nullopt when
/// clingo cannot be run or its output cannot be read; `error` says why.
std::optional<Consequences> runClingo(const std::string& clingo, const std::string& aspRules,
                                      const std::string& aspCase, std::string& error);

/// The exact clingo command line for one enumeration mode ("cautious" or "brave").
std::string clingoCommand(const std::string& clingo, const std::string& aspRules, const std::string& aspCase,
                          const std::string& mode, bool json);

}  // namespace samsvar::bench

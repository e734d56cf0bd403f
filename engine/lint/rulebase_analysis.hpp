// Rule explanations with generated examples, and rulebase analysis: rules
// that cannot be satisfied or never apply, contradicting pairs and rules
// implied by others. Both reason over a generic world: one fresh instance of
// every type, with every attribute unknown.
#pragma once

#include <optional>
#include <set>
#include <string>
#include <vector>

#include "engine/sema/model.hpp"
#include "engine/smt/limits.hpp"

namespace samsvar {

/// One fact of a generated example or of a witness: an attribute's value,
/// or whether a set attribute holds an element. The report words it.
struct WitnessFact {
  enum class Kind { equals, contains, lacks };
  std::string attribute;  // "hoering1.closes", "product1.consultations"
  Kind kind = Kind::equals;
  std::string value;      // "2024-01-01" (in case syntax); for a set, the element
};

/// The facts of a generated example.
struct RuleExample {
  bool found = false;
  std::string undecided;  // not found because the solver gave up: its reason (the report words it)
  std::vector<WitnessFact> facts;  // hoering1.closes = 2024-01-01
};

struct RuleExplanation {
  int rule = -1;
  RuleExample satisfying;  // the rule applies and holds
  RuleExample violating;   // the rule applies and fails
};

/// Generates a satisfying and a violating example for a rule.
RuleExplanation explainRule(const model::Model& rulebase, int rule, const smt::Limits& limits = {});

/// `undecided`: the solver gave up within its limits on whether a rule can
/// apply and hold (or, with `others`, whether the two can hold together).
enum class AnalysisKind { unsatisfiable, never_applies, conflict, redundant, undecided };
const char* analysisKindName(AnalysisKind k);

struct AnalysisFinding {
  AnalysisKind kind = AnalysisKind::unsatisfiable;
  int rule = -1;
  std::vector<int> others;            // conflict: the other rule; redundant: the rules that imply it
  std::vector<WitnessFact> witness;   // facts under which the finding shows
  std::string intended;               // reason when documented as intended
  std::string reason;                 // undecided: why the solver gave up
};

struct AnalysisOptions {
  bool conflicts = true;
  bool redundancy = true;
  /// The rules analysed (a case's own rules): only their findings are made,
  /// and only other rules they share a variable with are asked about them.
  /// Absent: every active rule.
  std::optional<std::set<int>> focus;
  smt::Limits limits;  // of each question (redundancy: a fifth of the resources)
  /// Shortcuts that change no finding (tests compare each with the plain
  /// way): a pair that a model of another question shows may both apply and
  /// hold is not asked again; with a focus, rules that share no type with
  /// it, directly or through other rules, are not lowered.
  bool pairsFromModels = true;
  bool onlyReachable = true;
};

/// Analyses the active rules of a rulebase. Permission rules (`require true`)
/// and notices (`kan` rules with `require false`) are exempt by design.
std::vector<AnalysisFinding> analyzeRulebase(const model::Model& rulebase, const AnalysisOptions& options = {});

}  // namespace samsvar

// Verdicts: each active rule of a case, per binding, decided by exact
// evaluation where the declared facts decide it and by Z3 otherwise, with
// the facts that explain a violation and the attributes that decide a gap.
// Findings carry ids and values; engine/report/ words them.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/errors.hpp"
#include "engine/sema/model.hpp"
#include "engine/smt/limits.hpp"

namespace samsvar {

/// `information`: a rule that cannot be violated (a permission or a
/// definition, `require true`) applies; it never counts as satisfied.
enum class Verdict { satisfied, violated, gap, deviated, exempted, not_applicable, unknown, information };

/// Stable lower-case name ("not_applicable", …) used in JSON and tests.
const char* verdictName(Verdict v);
/// Severity order used to aggregate bindings: violated > unknown > gap >
/// deviated > exempted > satisfied > information > not_applicable.
int verdictRank(Verdict v);

/// A declared fact that is part of an explanation.
struct ExplainedFact {
  int fact = -1;  // index into Model::facts
  Span span;
};

/// Which values besides a given one also work.
enum class BoundSide {
  none,          ///< only the value itself is known to work
  on_or_after,   ///< the value or any greater one (a later date)
  on_or_before,  ///< the value or any smaller one (an earlier date)
};

/// A further instance that a case does not declare, with the attribute
/// values it needs (the others are free).
struct NewInstance {
  int type = -1;
  std::vector<std::pair<int, model::FactValue>> attrs;  // attribute index, value
};

/// An undeclared attribute that decides a gap, with a value that satisfies the rule.
struct GapAttribute {
  int instance = -1;
  int attr = -1;
  /// A value with which the rule holds (a solver's example, or the bound).
  /// For a set: the declared elements it contains.
  model::FactValue example;
  /// For a set: further instances it contains besides those elements.
  std::vector<NewInstance> newMembers;
  /// With a side, `example.scalar` is a bound: every value on that side works.
  BoundSide bound = BoundSide::none;
  /// Declaring this attribute with `example` settles the rule on its own,
  /// whatever the other undeclared attributes are (otherwise the example is
  /// part of one joint example of all the finding's gap attributes).
  bool alone = false;
  /// The example settles the rule by making it not apply.
  bool outOfForce = false;
};

struct Finding {
  int rule = -1;
  std::vector<std::int64_t> binding;  // element per binding slot
  Verdict verdict = Verdict::satisfied;
  Verdict underlying = Verdict::satisfied;  // for deviated/exempted: violated or gap
  int waiver = -1;                          // index into Model::waivers
  std::vector<ExplainedFact> because;       // violations: minimal facts forcing it, by position
  std::vector<GapAttribute> gaps;           // gaps: undeclared attributes that decide it
  std::string unknownReason;                // the solver's reason (unknown)
  Span location;  // where the finding is reported (the bound instance, or the rule)
};

/// The unknownReason of a rule stopped at CheckOptions::maxBindings; the
/// report words it in the user's language.
inline constexpr const char* kBindingLimitReason = "binding limit exceeded";
/// The default of CheckOptions::maxBindings (what the command line uses).
inline constexpr std::size_t kDefaultMaxBindings = 100'000;

struct CheckOptions {
  unsigned timeoutMs = smt::kDefaultTimeoutMs;  // per solver check, a backstop behind rlimit; 0: none
  unsigned long long rlimit = 5'000'000;  // per solver check (Z3 resource units)
  /// The repair budget: resource units for each independent part of a
  /// repair (deterministic), with 3 × timeoutMs of wall clock per part as
  /// the backstop. Past either the repair is `unknown` with
  /// smt::kRepairBudgetReason. 0: none.
  unsigned long long repairRlimit = 20'000'000;
  /// Repair independent parts of a case separately (engine/smt/repair_solver.hpp);
  /// off only to compare with the one-problem repair.
  bool repairByParts = true;
  bool explain = true;               // cores for violations, values for gaps
  /// Bindings of one rule in one case at most: past it the rule's remaining
  /// bindings are one `unknown` finding (reason kBindingLimitReason) instead
  /// of an unbounded enumeration (7 variables over 10 instances are 10^7).
  /// 0: none.
  std::size_t maxBindings = kDefaultMaxBindings;
  /// Decide bindings whose inputs are declared by exact evaluation before Z3
  /// is asked (engine/check/evaluate.hpp). Off: every binding is lowered and asked.
  bool fold = true;

  /// The limits of one solver question.
  smt::Limits limits() const { return {rlimit, timeoutMs}; }
};

struct CaseResult {
  std::vector<Finding> findings;  // one per rule and binding, ordered by location and rule id
  std::size_t solverChecks = 0;
  std::size_t evaluated = 0;  // bindings decided by exact evaluation, without lowering
  std::size_t reused = 0;     // findings taken over from a previous check (Checker::check with a CheckReuse)
};

/// What one check of a case decided and read, kept so that a re-check of
/// the same case with some facts changed (engine/driver/incremental.hpp)
/// decides again only what those facts can change. Facts are named by
/// factKey(instance, attr) (engine/check/evaluate.hpp), which stay valid
/// across re-analyses of a text whose declarations did not change.
struct CheckTrace {
  /// One binding of one rule.
  struct Binding {
    Finding finding;                     // as reported (its `because` facts re-read from the keys)
    std::vector<std::int64_t> because;   // the keys of finding.because, in order
    std::vector<std::int64_t> reads;     // every attribute exact evaluation read deciding and explaining it
    bool reusable = false;               // decided and explained by exact evaluation alone
  };
  /// One use of the case's solver, in the order of the check. Z3's choices
  /// depend on every term its context saw, so a use is reused only while
  /// every use before it is reused too; past the first that is not, the
  /// uses before it are replayed in a fresh context and the rest asked.
  struct SolverUse {
    enum class Kind { excludes, decide, core } kind = Kind::decide;
    int rule = -1;
    std::size_t slot = 0;              // excludes: the binding slot
    std::vector<std::int64_t> env;     // the variables as they were
    bool excluded = false;             // excludes: the answer
    Finding decided;                   // decide: the verdict and explanation; core: the explanation
    std::vector<std::int64_t> because; // the keys of decided.because
    std::size_t checks = 0;            // solver calls it made
  };
  std::map<std::pair<int, std::vector<std::int64_t>>, Binding> bindings;
  std::vector<SolverUse> solverUses;
};

/// What changed since the check that made `previous`: the case's
/// declarations (instances, rules, waivers, date) are the same, only the
/// facts named in `changed` (factKey, sorted) differ.
struct CheckReuse {
  const CheckTrace* previous = nullptr;
  std::vector<std::int64_t> changed;
};

/// Checks cases. Each case gets a fresh solver context (engine/smt/
/// case_solver.hpp): its report does not depend on the cases checked before
/// it, in a batch, on any thread, or alone. A checker holds only options.
class Checker {
 public:
  explicit Checker(CheckOptions options = {}) : options_(options) {}

  /// Decides every active rule of `model` (a case model from analyzeCase).
  /// Throws InternalError for broken invariants; never for bad input.
  CaseResult check(const model::Model& model) const;

  /// The same check, reusing what `reuse` (when given) allows, and keeping
  /// in `trace` (when given) what a later re-check may reuse. The result is
  /// the one check(model) gives: every finding whose inputs did not change
  /// is taken over, every other one decided as check(model) decides it.
  CaseResult check(const model::Model& model, const CheckReuse* reuse, CheckTrace* trace) const;

  const CheckOptions& options() const { return options_; }

 private:
  CheckOptions options_;
};

}  // namespace samsvar

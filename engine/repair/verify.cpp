#include "engine/repair/verify.hpp"

#include <map>
#include <optional>
#include <set>
#include <vector>

#include "engine/check/evaluate.hpp"
#include "engine/repair/decode.hpp"
#include "engine/repair/encode.hpp"

namespace samsvar {

using namespace model;

namespace {

/// The deviation record of a violated skal binding: `for` its last bound
/// instance of the case (the narrowest), or the whole rule when none is.
RepairChange deviationRecord(const Model& m, const Finding& f) {
  RepairChange c;
  c.kind = RepairChange::Kind::deviate;
  c.rule = f.rule;
  const RuleInfo& rule = m.rules[f.rule];
  for (std::size_t k = 0; k < rule.bindings.size(); ++k)
    if (rule.bindings[k].ty.kind == Kind::Ref && f.binding[k] >= 0 &&
        f.binding[k] < static_cast<std::int64_t>(m.instances.size()))
      c.instance = static_cast<int>(f.binding[k]);
  c.fixes = {f.rule};
  c.span = f.location;
  return c;
}

/// Rounds of declaring what the repaired case's gaps need.
constexpr int kDeclarationRounds = 8;
}  // namespace

namespace {

/// Whether every må/skal rule is decided to hold in `repaired`, checked as `again`.
bool holds(const Model& repaired, const CaseResult& again) {
  for (const auto& f : again.findings)
    if (needsRepair(repaired, f) || (f.verdict == Verdict::unknown && mustHold(repaired.rules[f.rule].strength)))
      return false;
  return true;
}

bool sameValue(const FactValue& a, const FactValue& b) {
  return a.scalar == b.scalar && a.precision == b.precision && a.last == b.last && a.set.open == b.set.open &&
         a.set.members == b.set.members && a.set.excluded == b.set.excluded;
}

/// The attributes (factKey) whose facts differ between two repairs of one
/// case applied (the same instances): what a re-check must decide again.
std::vector<std::int64_t> changedFacts(const Model& a, const Model& b) {
  std::vector<std::int64_t> out;
  for (std::size_t i = 0; i < a.instances.size() && i < b.instances.size(); ++i) {
    const Instance &x = a.instances[i], &y = b.instances[i];
    for (std::size_t k = 0; k < x.factOfAttr.size() && k < y.factOfAttr.size(); ++k) {
      int f = x.factOfAttr[k], g = y.factOfAttr[k];
      if (f < 0 && g < 0) continue;
      if (f < 0 || g < 0 || !sameValue(a.facts[f].value, b.facts[g].value))
        out.push_back(factKey(static_cast<std::int64_t>(i), static_cast<int>(k)));
    }
  }
  return out;  // sorted: by instance, then attribute
}

}  // namespace

std::optional<CheckReuse> CheckedRepair::reuseFor(const Model& other) const {
  // The same declarations: the same instances (a repair's new ones
  // included) and waivers (its deviation records); only facts differ.
  if (model.instances.size() != other.instances.size() || model.waivers.size() != other.waivers.size())
    return std::nullopt;
  CheckReuse reuse{&trace, changedFacts(model, other)};
  // Only scalar attributes: with a set dropped (ansvar_valg.responsible of
  // kritisk-info-helseforetak's repair) the reused check kept ROLE-21
  // satisfied where a whole check finds a gap, so such a check is made whole.
  for (std::int64_t key : reuse.changed) {
    const Instance& in = other.instances[static_cast<std::size_t>(key >> 20)];
    if (other.types[in.type].attrs[static_cast<std::size_t>(key & 0xFFFFF)].ty.set) return std::nullopt;
  }
  return reuse;
}

namespace {

/// Drops the declarations (and confirmations) of a verified repair that it
/// does not need: the solver's answer gives every undeclared attribute a
/// value, but an open rule that no longer applies needs none of what it
/// requires. Declarations of choices go first, so that one confirmed world
/// fact (no adaptation is needed) replaces the many declarations it makes
/// unnecessary (a trial plan).
///
/// Each attempt re-checks the repaired case without one declaration,
/// deciding again only the bindings that read what it drops (a CheckReuse
/// of the last kept state's check, the same verdicts as a whole check): N
/// products with a declaration each were N whole checks of the case.
void pruneDeclarations(const Checker& checker, const Model& m, RepairResult& repair) {
  CheckOptions quick = checker.options();
  quick.explain = false;
  const Checker verdicts(quick);
  std::optional<CheckedRepair> kept;  // the repair as it stands, checked (on the first attempt)
  auto tryWithout = [&](RepairResult& without) {
    if (!kept) {
      kept.emplace();
      kept->model = applyRepair(m, repair);
      verdicts.check(kept->model, nullptr, &kept->trace);
    }
    CheckedRepair next;
    next.model = applyRepair(m, without);
    std::optional<CheckReuse> reuse = kept->reuseFor(next.model);
    CaseResult xr = verdicts.check(next.model, reuse ? &*reuse : nullptr, &next.trace);
    if (!holds(next.model, xr)) return false;
    repair.changes = std::move(without.changes);
    kept = std::move(next);
    return true;
  };
  auto joined = [&](const RepairChange& c) {
    for (const auto& o : repair.changes)
      if (o.kind == RepairChange::Kind::add_instance && o.intoInstance == c.instance && o.intoAttr == c.attr) return true;
    return false;
  };
  // A new instance keeps only the values the rules need of it (its other
  // attributes stay undeclared for the user to fill in, not invented).
  for (std::size_t i = 0; i < repair.changes.size(); ++i) {
    if (repair.changes[i].kind != RepairChange::Kind::add_instance) continue;
    for (std::size_t a = repair.changes[i].attrs.size(); a-- > 0;) {
      RepairResult without = repair;
      without.changes[i].attrs.erase(without.changes[i].attrs.begin() + static_cast<long>(a));
      tryWithout(without);
    }
  }
  for (RepairChange::Kind kind : {RepairChange::Kind::add, RepairChange::Kind::confirm}) {
    for (std::size_t i = repair.changes.size(); i-- > 0;) {
      if (repair.changes[i].kind != kind || joined(repair.changes[i])) continue;
      RepairResult without = repair;
      without.changes.erase(without.changes.begin() + static_cast<long>(i));
      tryWithout(without);
    }
  }
}

}  // namespace

void verifyRepair(const Checker& checker, const Model& m, const CaseResult& result, RepairResult& repair,
                  const std::function<void(int instance, int attr)>& declare, CheckedRepair* verified) {
  // The bindings the repair may leave violated with a deviation record: the
  // solver weighed the record against the changes (RepairProblem::deviable).
  std::set<smt::RuleBinding> deviable;
  for (const auto& f : result.findings)
    if (isDeviable(m, f)) deviable.insert({f.rule, f.binding});
  for (int round = 0;; ++round) {
    Model repaired = applyRepair(m, repair);
    CheckTrace trace;
    CaseResult again = checker.check(repaired, nullptr, verified ? &trace : nullptr);
    std::vector<int> unresolved;
    std::size_t before = repair.changes.size();
    for (const auto& f : again.findings) {
      bool undecided = f.verdict == Verdict::unknown && mustHold(repaired.rules[f.rule].strength);
      if (!needsRepair(repaired, f) && !undecided) continue;
      if (f.verdict == Verdict::violated && deviable.count({f.rule, f.binding})) {
        repair.changes.push_back(deviationRecord(m, f));
        continue;
      }
      unresolved.push_back(f.rule);
      if (round == kDeclarationRounds) continue;
      for (const auto& g : f.gaps)
        if (g.instance < static_cast<int>(m.instances.size())) declare(g.instance, g.attr);
    }
    if (unresolved.empty()) {
      if (verified) {
        verified->model = std::move(repaired);
        verified->trace = std::move(trace);
      }
      pruneDeclarations(checker, m, repair);
      return;
    }
    if (round == kDeclarationRounds || repair.changes.size() == before) {
      repair.status = RepairResult::Status::unverified;
      repair.unresolved = orderedById(m, std::move(unresolved));
      return;
    }
  }
}

namespace {

/// What a check with some moved values left open says about the bound of
/// one of them.
struct BoundEvidence {
  BoundSide side = BoundSide::none;
  std::optional<std::int64_t> tightest;
  bool agree = true;
  bool alone = true;  // every finding with a gap on it has no other gap
  bool undecided = false;  // some må/skal rule came out unknown
};

/// Reads the bounds of `open` (the repaired case with the values in `opened`
/// left undeclared) for each of those values.
std::map<std::pair<int, int>, BoundEvidence> boundsOf(const Checker& checker, const Model& open,
                                                     const std::set<std::pair<int, int>>& opened,
                                                     const CheckedRepair* verified) {
  std::map<std::pair<int, int>, BoundEvidence> out;
  for (const auto& key : opened) out[key];
  std::optional<CheckReuse> reuse = verified ? verified->reuseFor(open) : std::nullopt;
  CaseResult r = checker.check(open, reuse ? &*reuse : nullptr, nullptr);
  for (const auto& f : r.findings) {
    // An undecided må/skal rule might reject some value on the bound's
    // side: claim only the value itself.
    if (f.verdict == Verdict::unknown && mustHold(open.rules[f.rule].strength))
      for (auto& [key, e] : out) e.agree = false, e.undecided = true;
    if (!mustHold(open.rules[f.rule].strength)) continue;
    for (const auto& g : f.gaps) {
      auto it = out.find({g.instance, g.attr});
      if (it == out.end()) continue;
      BoundEvidence& e = it->second;
      if (f.gaps.size() != 1) e.alone = false;
      if (g.bound == BoundSide::none || (e.side != BoundSide::none && g.bound != e.side) || f.gaps.size() != 1)
        e.agree = false;
      if (!e.agree) continue;
      e.side = g.bound;
      bool after = e.side == BoundSide::on_or_after;
      if (!e.tightest || (after ? g.example.scalar > *e.tightest : g.example.scalar < *e.tightest))
        e.tightest = g.example.scalar;
    }
  }
  return out;
}

}  // namespace

void describeBounds(const Checker& checker, const Model& m, RepairResult& repair, bool together,
                    const CheckedRepair* verified) {
  Model repaired = applyRepair(m, repair);
  std::vector<RepairChange*> numbers;
  std::set<std::pair<int, int>> opened;
  for (auto& c : repair.changes) {
    // A confirmed number or date too: "the investment is 300 MNOK or less",
    // not "exactly 300".
    if (c.kind != RepairChange::Kind::change && c.kind != RepairChange::Kind::add &&
        c.kind != RepairChange::Kind::confirm)
      continue;
    // (This includes the confirmation of the day of a date declared as a
    // month, half-year or year: "2021-03-10 or earlier".)
    if (c.instance < 0 || c.attr < 0) continue;
    const Ty& ty = m.types[c.type].attrs[c.attr].ty;
    if (ty.set || !(ty.kind == Kind::Int || ty.kind == Kind::Date || ty.kind == Kind::Duration)) continue;
    numbers.push_back(&c);
    opened.insert({c.instance, c.attr});
  }
  auto settle = [](RepairChange& c, const BoundEvidence& e) {
    if (e.agree && e.tightest && *e.tightest == c.value.scalar) c.bound = e.side;
  };
  // First every moved value open at once: one check, not one per value
  // (N independent products, each with a moved deadline, were N checks of
  // the whole case: quadratic). A value whose findings all have it as their
  // only gap reads its bound exactly as when it alone is open (the other
  // open values are not in those bindings, and a binding undecided with the
  // others declared is undecided with them open too, with them among its
  // gaps); any other value, or every value when a må/skal rule comes out
  // undecided, is checked alone, as before.
  std::map<std::pair<int, int>, BoundEvidence> all;
  if (together && numbers.size() > 1) {
    Model open = repaired;
    for (const auto& [inst, attr] : opened) open.instances[inst].factOfAttr[attr] = -1;
    all = boundsOf(checker, open, opened, verified);
  }
  for (RepairChange* c : numbers) {
    std::pair<int, int> key{c->instance, c->attr};
    if (auto it = all.find(key); it != all.end() && it->second.alone && !it->second.undecided) {
      settle(*c, it->second);
      continue;
    }
    Model open = repaired;
    open.instances[c->instance].factOfAttr[c->attr] = -1;
    settle(*c, boundsOf(checker, open, {key}, verified).at(key));
  }
}

}  // namespace samsvar

#include "engine/repair/encode.hpp"

#include <optional>

namespace samsvar {

using namespace model;

bool mustHold(ast::Strength s) { return s == ast::Strength::maa || s == ast::Strength::skal; }

bool needsRepair(const Model& m, const Finding& f) {
  return mustHold(m.rules[f.rule].strength) && (f.verdict == Verdict::violated || f.verdict == Verdict::gap);
}

namespace {

// Costs of a repair. Changing a declared value or removing a declared member
// costs more than adding what is missing, so that "add a høring" beats
// "lower the level" and "move the deadline" beats "drop the høring".
smt::RepairProblem::Costs costs() {
  smt::RepairProblem::Costs c;
  c.changeValue = 10;
  // Re-pointing a reference (the main responsible of a process, the roadmap
  // step a delivery answers) changes who or what the case is about: it
  // costs as much as three other changes.
  c.changeRef = 30;
  c.removeMember = 10;
  c.addMember = 4;
  // A new instance (a further Choice, Consultation, …) is a whole new object
  // for the user to fill in: it costs more than changing one declared value,
  // so a repair adds one only when no such change does.
  c.addNewInstance = c.changeValue + c.addMember;
  c.breakShould = 1;
  return c;
}

}  // namespace

smt::RepairProblem encodeRepair(const Model& m, const CaseResult& result, std::vector<bool> freeFacts) {
  smt::RepairProblem p;
  p.roles.resize(m.rules.size());
  for (std::size_t r = 0; r < m.rules.size(); ++r) {
    ast::Strength s = m.rules[r].strength;
    p.roles[r] = s == ast::Strength::kan ? smt::RepairProblem::Role::ignored
                 : mustHold(s)           ? smt::RepairProblem::Role::must_hold
                                         : smt::RepairProblem::Role::should_hold;
  }
  for (const auto& f : result.findings) {
    if (f.verdict == Verdict::deviated || f.verdict == Verdict::exempted) p.waived.insert({f.rule, f.binding});
    if (needsRepair(m, f)) p.broken.insert({f.rule, f.binding});
  }
  // A waiver naming no instance covers every binding, also of new members.
  for (const auto& w : m.waivers)
    if (w.target < 0) p.waivedRules.insert(w.rule);
  p.freeFacts = std::move(freeFacts);
  p.costs = costs();
  // An undeclared date or number the repair may have to declare: as close
  // as it can be to the bound the check found for it ("2023-02-01 or
  // earlier" becomes 2023-02-01), else to a date the same instance
  // declares, instead of whatever value the solver happens to pick
  // (1970-01-01).
  for (const auto& f : result.findings)
    for (const auto& g : f.gaps)
      if (g.bound != BoundSide::none && g.instance >= 0 && g.attr >= 0)
        p.anchors.push_back({g.instance, g.attr, g.example.scalar, false});
  for (std::size_t i = 0; i < m.instances.size(); ++i) {
    const Instance& in = m.instances[i];
    if (!in.module.empty()) continue;
    const TypeInfo& ti = m.types[in.type];
    std::optional<std::int64_t> declaredDate;
    for (std::size_t a = 0; a < ti.attrs.size() && !declaredDate; ++a)
      if (in.factOfAttr[a] >= 0 && ti.attrs[a].ty.kind == Kind::Date && !ti.attrs[a].ty.set)
        declaredDate = m.facts[in.factOfAttr[a]].value.scalar;
    if (!declaredDate) continue;
    for (std::size_t a = 0; a < ti.attrs.size(); ++a)
      if (in.factOfAttr[a] < 0 && ti.attrs[a].ty.kind == Kind::Date && !ti.attrs[a].ty.set)
        p.anchors.push_back({static_cast<int>(i), static_cast<int>(a), *declaredDate, true});
  }
  return p;
}

}  // namespace samsvar

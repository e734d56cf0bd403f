#include "engine/repair/encode.hpp"

#include <algorithm>
#include <optional>

#include "core/calendar.hpp"
#include "engine/check/explain_gap.hpp"

namespace samsvar {

using namespace model;

bool mustHold(ast::Strength s) { return s == ast::Strength::maa || s == ast::Strength::skal; }

bool needsRepair(const Model& m, const Finding& f) {
  return mustHold(m.rules[f.rule].strength) && (f.verdict == Verdict::violated || f.verdict == Verdict::gap);
}

bool isDeviable(const Model& m, const Finding& f) {
  return m.rules[f.rule].strength == ast::Strength::skal && f.verdict == Verdict::violated;
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
  // A violated rule is repaired where it applies; making it not apply
  // through a choice (holding no hearing instead of lengthening it) costs
  // more than the change that makes it hold.
  c.stopApplying = 6;
  // Moving one date past another of the same instance (closing a hearing
  // before it opens) costs more than moving the other one along.
  c.breakOrder = c.changeValue + 2;
  // A skal rule the case breaks may be deviated from, with a reason the
  // user writes: an expert's answer when making it hold takes more than
  // re-pointing one reference or moving three dates (a plan delivered a
  // year late, whose hearing would have to move before it opened), never
  // when one or two changes do.
  c.deviate = c.changeRef + c.changeValue / 2;
  return c;
}

// Deciding an open rule takes declarations. While it applies, about one per
// attribute that decides it (a choice as much as adding a member, a world
// fact to confirm a little more); when a world fact takes it out of force,
// that one confirmation (a tender that needs no adaptation needs no trial
// plan, a product that is still relevant need not be withdrawn).
constexpr unsigned kConfirmCost = 5;

smt::RepairProblem::OpenCost openCost(const Model& m, const Finding& f, const smt::RepairProblem::Costs& c) {
  smt::RepairProblem::OpenCost cost;
  bool anyFact = false;
  for (const auto& g : f.gaps) {
    bool fact = isWorldFact(m, g.instance, g.attr);
    anyFact |= fact;
    cost.applies += fact ? kConfirmCost : c.addMember;
  }
  cost.applies = std::max(cost.applies, c.addMember);
  cost.notApplies = anyFact ? kConfirmCost : c.addMember;
  return cost;
}

}  // namespace

bool isWorldFact(const Model& m, int instance, int attr) {
  if (instance < 0 || attr < 0 || instance >= static_cast<int>(m.instances.size())) return false;
  return m.types[m.instances[instance].type].attrs[attr].isFact();
}

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
    if (needsRepair(m, f) && f.verdict == Verdict::gap) p.open[{f.rule, f.binding}] = openCost(m, f, p.costs);
    if (isDeviable(m, f)) p.deviable.insert({f.rule, f.binding});
  }
  // A waiver naming no instance covers every binding, also of new members.
  for (const auto& w : m.waivers)
    if (w.target < 0) p.waivedRules.insert(w.rule);
  // A date that may move lets the other dates of its instance move along, so
  // that the repair can keep their order (see `orders`).
  std::vector<bool> timeline(m.instances.size(), false);
  auto isDate = [&](const Fact& f) {
    const Ty& ty = m.types[m.instances[f.instance].type].attrs[f.attr].ty;
    return ty.kind == Kind::Date && !ty.set;
  };
  for (std::size_t fi = 0; fi < m.facts.size() && fi < freeFacts.size(); ++fi)
    if (freeFacts[fi] && isDate(m.facts[fi])) timeline[m.facts[fi].instance] = true;
  for (std::size_t fi = 0; fi < m.facts.size() && fi < freeFacts.size(); ++fi)
    if (timeline[m.facts[fi].instance] && isDate(m.facts[fi]) && m.instances[m.facts[fi].instance].module.empty())
      freeFacts[fi] = true;
  // A declared world fact is what the user says the world is: never changed.
  // Nor is a tender, repairing an offer on it (`against`): the vendor changes
  // its offer, not the procurer's tender.
  for (std::size_t fi = 0; fi < m.facts.size() && fi < freeFacts.size(); ++fi)
    if (isWorldFact(m, m.facts[fi].instance, m.facts[fi].attr) ||
        (m.facts[fi].span.valid && m.facts[fi].span.file != m.caseFile))
      freeFacts[fi] = false;
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
    std::vector<std::pair<std::int64_t, int>> dates;  // (declared date, attribute)
    for (std::size_t a = 0; a < ti.attrs.size(); ++a)
      if (in.factOfAttr[a] >= 0 && ti.attrs[a].ty.kind == Kind::Date && !ti.attrs[a].ty.set)
        dates.emplace_back(m.facts[in.factOfAttr[a]].value.scalar, static_cast<int>(a));
    std::sort(dates.begin(), dates.end());
    for (std::size_t k = 0; k + 1 < dates.size(); ++k)
      if (dates[k].first < dates[k + 1].first)
        p.orders.push_back({static_cast<int>(i), dates[k].second, dates[k + 1].second});
  }
  // Dates of instances that declare none, and of the further instances a
  // repair adds, stay near the case's own dates (never 1901 or 1970).
  std::optional<std::int64_t> caseDate = caseAnchorDate(m);
  for (std::size_t i = 0; i < m.instances.size(); ++i) {
    const Instance& in = m.instances[i];
    if (!in.module.empty()) continue;
    const TypeInfo& ti = m.types[in.type];
    std::optional<std::int64_t> declaredDate;
    for (std::size_t a = 0; a < ti.attrs.size() && !declaredDate; ++a)
      if (in.factOfAttr[a] >= 0 && ti.attrs[a].ty.kind == Kind::Date && !ti.attrs[a].ty.set)
        declaredDate = m.facts[in.factOfAttr[a]].value.scalar;
    if (!declaredDate) declaredDate = caseDate;
    if (!declaredDate) continue;
    for (std::size_t a = 0; a < ti.attrs.size(); ++a)
      if (in.factOfAttr[a] < 0 && ti.attrs[a].ty.kind == Kind::Date && !ti.attrs[a].ty.set)
        p.anchors.push_back({static_cast<int>(i), static_cast<int>(a), *declaredDate, true});
  }
  // The dates of new instances: not before 2000 unless the case itself has
  // an earlier date (a floor, not an objective: it keeps the solve fast).
  std::int64_t floor = *calendar::dayNumber(2000, 1, 1);
  for (const auto& f : m.facts) {
    const Ty& ty = m.types[m.instances[f.instance].type].attrs[f.attr].ty;
    if (m.instances[f.instance].module.empty() && ty.kind == Kind::Date && !ty.set) floor = std::min(floor, f.value.scalar);
  }
  for (std::size_t t = 0; t < m.types.size(); ++t)
    for (std::size_t a = 0; a < m.types[t].attrs.size(); ++a)
      if (m.types[t].attrs[a].ty.kind == Kind::Date && !m.types[t].attrs[a].ty.set)
        p.floors.push_back({static_cast<int>(m.instances.size() + t), static_cast<int>(a), floor, true});
  return p;
}

}  // namespace samsvar

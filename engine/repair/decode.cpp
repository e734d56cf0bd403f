#include "engine/repair/decode.hpp"

#include <algorithm>
#include <set>

#include "engine/repair/encode.hpp"
#include "engine/smt/bindings.hpp"

namespace samsvar {

using namespace model;

std::vector<int> orderedById(const Model& m, std::vector<int> rules) {
  std::sort(rules.begin(), rules.end(), [&](int a, int b) { return m.rules[a].id < m.rules[b].id; });
  rules.erase(std::unique(rules.begin(), rules.end()), rules.end());
  return rules;
}

std::vector<int> RepairDecoder::rulesTouching(int inst, int attr, int fact) const {
  std::vector<int> rules;
  for (const auto& f : result_.findings) {
    if (!needsRepair(m_, f)) continue;
    bool touches = false;
    for (const auto& e : f.because) touches |= e.fact == fact && fact >= 0;
    for (const auto& g : f.gaps) touches |= g.instance == inst && g.attr == attr;
    if (touches) rules.push_back(f.rule);
  }
  return orderedById(m_, std::move(rules));
}

void RepairDecoder::addNewInstances(std::vector<RepairChange>& out, const std::vector<std::int64_t>& phantoms,
                                    const RepairChange& into) {
  for (auto ph : phantoms) {
    RepairChange c;
    c.kind = RepairChange::Kind::add_instance;
    c.type = smt::phantomType(m_, ph);
    c.attrs = solver_.phantomValues(ph);
    c.intoInstance = into.instance;
    c.intoAttr = into.attr;
    c.fixes = into.fixes;
    out.push_back(std::move(c));
  }
}

void RepairDecoder::addChangedFacts(std::vector<RepairChange>& out) {
  for (int fi : solver_.changedFacts()) {
    const Fact& fact = m_.facts[fi];
    std::vector<std::int64_t> phantoms;
    RepairChange ch;
    ch.kind = RepairChange::Kind::change;
    ch.instance = fact.instance;
    ch.type = m_.instances[fact.instance].type;
    ch.attr = fact.attr;
    ch.value = solver_.value(fact.instance, fact.attr, fact.value.set.open, &phantoms);
    // An open set keeps what it said it does not contain (`not b`), unless
    // the repair adds that element.
    for (int e : fact.value.set.excluded)
      if (std::find(ch.value.set.members.begin(), ch.value.set.members.end(), e) == ch.value.set.members.end())
        ch.value.set.excluded.push_back(e);
    ch.fixes = rulesTouching(fact.instance, fact.attr, fi);
    ch.span = fact.span;
    out.push_back(ch);
    addNewInstances(out, phantoms, ch);
  }
}

void RepairDecoder::declare(std::vector<RepairChange>& out, int inst, int attr) {
  for (const auto& c : out)
    if (c.instance == inst && c.attr == attr) return;
  std::vector<std::int64_t> phantoms;
  RepairChange ch;
  ch.kind = !m_.instances[inst].module.empty() ? RepairChange::Kind::assume
            : isWorldFact(m_, inst, attr)       ? RepairChange::Kind::confirm
                                                : RepairChange::Kind::add;
  ch.instance = inst;
  ch.type = m_.instances[inst].type;
  ch.attr = attr;
  ch.value = solver_.value(inst, attr, false, &phantoms);
  ch.fixes = rulesTouching(inst, attr, -1);
  ch.span = m_.instances[inst].span;
  out.push_back(ch);
  addNewInstances(out, phantoms, ch);
}

}  // namespace samsvar

// Applying a repair to a copy of the model.
#include <algorithm>
#include <map>

#include "engine/repair/repair.hpp"

namespace samsvar {

using namespace model;

Model applyRepair(const Model& m, const RepairResult& repair) {
  Model out = m;
  auto setFact = [&](int inst, int attr, const FactValue& v, Span span) {
    int& fi = out.instances[inst].factOfAttr[attr];
    if (fi >= 0) {
      out.facts[fi].value = v;
    } else {
      fi = static_cast<int>(out.facts.size());
      out.facts.push_back(Fact{inst, attr, v, span});
    }
  };
  // A text the solver picked says nothing: any text will do.
  auto text = [&](const Ty& ty, FactValue v) {
    if (ty.kind == Kind::Text && !ty.set && (v.scalar < 0 || v.scalar >= static_cast<std::int64_t>(out.texts.size())))
      v.scalar = out.internText("(repair: text required)");
    return v;
  };
  // New instances first, so that sets can name them.
  std::map<std::pair<int, int>, std::vector<int>> newMembers;  // (instance, set attribute) -> new instances
  for (const auto& c : repair.changes) {
    if (c.kind != RepairChange::Kind::add_instance) continue;
    Instance in;
    in.name = "ny_" + m.types[c.type].name + "_" + std::to_string(out.instances.size());
    in.type = c.type;
    in.factOfAttr.assign(m.types[c.type].attrs.size(), -1);
    in.span = m.instances.empty() ? Span{} : m.instances.back().span;
    int idx = static_cast<int>(out.instances.size());
    out.instanceByName[in.name] = idx;
    out.instances.push_back(std::move(in));
    for (const auto& [a, v] : c.attrs) {
      FactValue fv = v;
      if (m.types[c.type].attrs[a].ty.kind == Kind::Text &&
          (fv.scalar <= 0 || fv.scalar >= static_cast<std::int64_t>(out.texts.size())))
        fv.scalar = out.internText("(repair: text required)");
      setFact(idx, a, fv, Span{});
    }
    newMembers[{c.intoInstance, c.intoAttr}].push_back(idx);
  }
  for (const auto& c : repair.changes) {
    if (c.kind == RepairChange::Kind::deviate) {
      out.waivers.push_back(Waiver{c.rule, c.instance, false, "(repair: reason required)", c.span});
      continue;
    }
    if (c.kind == RepairChange::Kind::add_instance) continue;
    FactValue v = text(m.types[c.type].attrs[c.attr].ty, c.value);
    auto joined = newMembers.find({c.instance, c.attr});
    if (joined != newMembers.end()) v.set.members.insert(v.set.members.end(), joined->second.begin(), joined->second.end());
    setFact(c.instance, c.attr, v, c.span);
  }
  // New instances that joined a set no change names (an open set left as it was).
  for (const auto& [set, members] : newMembers) {
    bool handled = std::any_of(repair.changes.begin(), repair.changes.end(), [&, &key = set](const RepairChange& c) {
      return c.kind != RepairChange::Kind::add_instance && c.kind != RepairChange::Kind::deviate &&
             c.instance == key.first && c.attr == key.second;
    });
    if (handled || set.first < 0 || set.second < 0) continue;
    int fi = out.instances[set.first].factOfAttr[set.second];
    FactValue v = fi >= 0 ? out.facts[fi].value : FactValue{};
    if (fi < 0) v.set.open = true;
    for (int n : members) v.set.members.push_back(n);
    setFact(set.first, set.second, v, Span{});
  }
  return out;
}

}  // namespace samsvar

#include "engine/check/waivers.hpp"

namespace samsvar {

using namespace model;

void applyWaiver(const Model& m, Finding& f) {
  const RuleInfo& rule = m.rules[f.rule];
  int best = -1;
  for (std::size_t w = 0; w < m.waivers.size(); ++w) {
    const Waiver& wv = m.waivers[w];
    if (wv.rule != f.rule) continue;
    bool matches = wv.target < 0;
    for (std::size_t k = 0; k < rule.bindings.size() && !matches; ++k)
      if (rule.bindings[k].ty.kind == Kind::Ref && f.binding[k] == wv.target) matches = true;
    if (!matches) continue;
    if (best < 0 || (wv.exemption && !m.waivers[best].exemption) ||
        (wv.exemption == m.waivers[best].exemption && m.waivers[best].target < 0 && wv.target >= 0))
      best = static_cast<int>(w);
  }
  if (best < 0) return;
  const Waiver& wv = m.waivers[best];
  if (!wv.exemption && rule.strength == ast::Strength::maa) return;  // sema rejects this
  f.waiver = best;
  f.verdict = wv.exemption ? Verdict::exempted : Verdict::deviated;
}

}  // namespace samsvar

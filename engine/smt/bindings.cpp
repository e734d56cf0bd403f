#include "engine/smt/bindings.hpp"

#include <algorithm>

namespace samsvar::smt {

using namespace model;

Env emptyEnv(const RuleInfo& rule) { return Env(static_cast<std::size_t>(std::max(rule.slots, 1)), -1); }

std::vector<std::int64_t> declaredElements(const Model& m, const Ty& elem) {
  std::vector<std::int64_t> out;
  if (elem.kind == Kind::Enum) {
    for (std::size_t v = 0; v < m.enums[elem.decl].values.size(); ++v) out.push_back(static_cast<std::int64_t>(v));
  } else if (elem.kind == Kind::Ref) {
    for (int i : m.instancesOf(elem.decl)) out.push_back(i);
  }
  return out;
}

std::vector<std::int64_t> elementsWithPhantom(const Model& m, const Ty& elem) {
  auto out = declaredElements(m, elem);
  if (elem.kind == Kind::Ref) out.push_back(static_cast<std::int64_t>(m.instances.size()) + elem.decl);
  return out;
}

namespace {
void enumerate(const RuleInfo& rule, BindingVisitor& v, std::size_t k, Env& env) {
  if (k == rule.bindings.size()) {
    v.visit(env);
    return;
  }
  std::vector<std::int64_t> own;
  const std::vector<std::int64_t>* candidates = v.candidatesAt(k, env);
  if (!candidates) {
    own = v.candidates(rule.bindings[k]);
    candidates = &own;
  }
  for (auto u : *candidates) {
    env[k] = u;
    if (!v.enter(k, env)) continue;
    enumerate(rule, v, k + 1, env);
    v.leave(k);
  }
  env[k] = -1;
}
}  // namespace

void forEachBinding(const RuleInfo& rule, BindingVisitor& visitor) {
  Env env = emptyEnv(rule);
  enumerate(rule, visitor, 0, env);
}

}  // namespace samsvar::smt

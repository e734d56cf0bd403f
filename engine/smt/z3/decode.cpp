#include "engine/smt/z3/decode.hpp"

namespace samsvar::smt {

using namespace model;

namespace {
std::int64_t scalarOf(const z3::model& model, const z3::expr& term, Kind kind) {
  z3::expr v = model.eval(term, true);
  if (kind == Kind::Bool) return v.is_true() ? 1 : 0;
  int64_t n = 0;
  v.is_numeral_i64(n);
  return n;
}
}  // namespace

FactValue decodeAttr(const z3::model& model, Lowering& low, std::int64_t instance, int attr, bool open,
                     std::vector<std::int64_t>* phantoms) {
  const Model& m = low.modelOf();
  const Ty& ty = m.types[typeOfInstance(m, instance)].attrs[attr].ty;
  FactValue v;
  if (!ty.set) {
    v.scalar = scalarOf(model, low.attrTerm(instance, attr), ty.kind);
    return v;
  }
  v.set.open = open;
  for (auto u : low.universe(ty.element())) {
    if (!model.eval(low.memberTerm(instance, attr, u), true).is_true()) continue;
    if (ty.kind == Kind::Ref && low.isPhantom(u)) {
      if (phantoms) phantoms->push_back(u);
      continue;
    }
    v.set.members.push_back(static_cast<int>(u));
  }
  return v;
}

std::int64_t decodeVariable(const z3::model& model, Lowering& low, const Variable& v) {
  if (v.isMembership()) return model.eval(low.memberTerm(v.instance, v.attr, v.element), true).is_true() ? 1 : 0;
  const Model& m = low.modelOf();
  Kind kind = m.types[typeOfInstance(m, v.instance)].attrs[v.attr].ty.kind;
  return scalarOf(model, low.attrTerm(v.instance, v.attr), kind);
}

std::vector<std::pair<int, FactValue>> decodePhantom(const z3::model& model, Lowering& low, std::int64_t phantom) {
  const TypeInfo& ti = low.modelOf().types[low.phantomType(phantom)];
  std::vector<std::pair<int, FactValue>> out;
  for (std::size_t a = 0; a < ti.attrs.size(); ++a) {
    if (ti.attrs[a].ty.set || !low.hasAttrVar(phantom, static_cast<int>(a))) continue;
    out.emplace_back(static_cast<int>(a), decodeAttr(model, low, phantom, static_cast<int>(a)));
  }
  return out;
}

}  // namespace samsvar::smt

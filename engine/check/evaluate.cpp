#include "engine/check/evaluate.hpp"

#include <algorithm>
#include <limits>

#include "core/calendar.hpp"
#include "core/errors.hpp"
#include "engine/sema/absence.hpp"

namespace samsvar {

using namespace model;

Evaluator::Evaluator(const Model& m) : m_(m), instanceCount_(static_cast<std::int64_t>(m.instances.size())) {
  typeUniverse_.resize(m.types.size());
  inTypeUniverse_.assign(m.instances.size(), 0);
  for (std::size_t i = 0; i < m.instances.size(); ++i)
    if (!m.instances[i].phantom && m.inUse(static_cast<int>(i))) {
      typeUniverse_[m.instances[i].type].push_back(static_cast<std::int64_t>(i));
      inTypeUniverse_[i] = 1;
    }
  for (std::size_t t = 0; t < m.types.size(); ++t)
    typeUniverse_[t].push_back(instanceCount_ + static_cast<std::int64_t>(t));  // the phantom
  sorted_.resize(m.facts.size());
  inUniverse_.resize(m.facts.size());
  sortedBuilt_.assign(m.facts.size(), 0);
  inUniverseBuilt_.assign(m.facts.size(), 0);
  enumUniverse_.resize(m.enums.size());
  for (std::size_t e = 0; e < m.enums.size(); ++e)
    for (std::size_t v = 0; v < m.enums[e].values.size(); ++v) enumUniverse_[e].push_back(static_cast<std::int64_t>(v));
}

// The same universe as smt::elementsWithPhantom: enum values, or the declared
// instances of a type followed by its phantom.
const std::vector<std::int64_t>& Evaluator::universe(const Ty& elem) {
  static const std::vector<std::int64_t> none;
  if (elem.kind == Kind::Enum) return enumUniverse_[elem.decl];
  if (elem.kind == Kind::Ref) return typeUniverse_[elem.decl];
  return none;
}

const std::vector<std::int64_t>& Evaluator::sortedMembers(int f) {
  if (!sortedBuilt_[f]) {
    const auto& members = m_.facts[f].value.set.members;
    sorted_[f].assign(members.begin(), members.end());
    std::sort(sorted_[f].begin(), sorted_[f].end());
    sorted_[f].erase(std::unique(sorted_[f].begin(), sorted_[f].end()), sorted_[f].end());
    sortedBuilt_[f] = 1;
  }
  return sorted_[f];
}

const std::vector<std::int64_t>& Evaluator::universeMembers(int f) {
  if (!inUniverseBuilt_[f]) {
    const Fact& fact = m_.facts[f];
    const Ty elem = m_.types[m_.instances[fact.instance].type].attrs[fact.attr].ty.element();
    // Both universes are ascending (declared instances or enum values; the
    // phantom, last, is never a declared member).
    for (auto u : sortedMembers(f)) {
      bool in = elem.kind == Kind::Enum ? u >= 0 && u < static_cast<std::int64_t>(enumUniverse_[elem.decl].size())
              : elem.kind == Kind::Ref  ? u >= 0 && u < instanceCount_ && inTypeUniverse_[u] &&
                                             m_.instances[u].type == elem.decl
                                        : false;
      if (in) inUniverse_[f].push_back(u);
    }
    inUniverseBuilt_[f] = 1;
  }
  return inUniverse_[f];
}

const std::vector<std::int64_t>* Evaluator::exactMembers(const TExpr& set, Env& env) {
  if (set.op != Op::Attr) return nullptr;
  Value obj = eval(*set.kids[0], env);
  if (!obj || *obj < 0 || *obj >= instanceCount_) return nullptr;
  int f = m_.instances[*obj].factOfAttr[set.index];
  if (f < 0 || (hidden_ && (*hidden_)[f]) || m_.facts[f].value.set.open) return nullptr;
  const Ty elem = set.ty.element();
  if (elem.kind != Kind::Enum && elem.kind != Kind::Ref) return nullptr;
  if (reads_) reads_->push_back(f);
  return &universeMembers(f);
}

Evaluator::Value Evaluator::attr(std::int64_t inst, int a) {
  if (inst < 0 || inst >= instanceCount_) return std::nullopt;  // a phantom has no declared facts
  if (trace_) trace_->push_back(factKey(inst, a));
  if (inst == assumedInstance_ && a == assumedAttr_) return assumedValue_;
  int f = m_.instances[inst].factOfAttr[a];
  if (f < 0 || (hidden_ && (*hidden_)[f])) return std::nullopt;
  // A month, half-year or year is some day of it: Z3 decides whether the
  // rule holds for every day, none or some.
  if (m_.facts[f].value.imprecise()) return std::nullopt;
  if (reads_) reads_->push_back(f);
  return m_.facts[f].value.scalar;
}

Evaluator::Value Evaluator::memberOf(std::int64_t inst, int a, std::int64_t elem) {
  if (inst < 0 || inst >= instanceCount_) return std::nullopt;
  if (trace_) trace_->push_back(factKey(inst, a));
  int f = m_.instances[inst].factOfAttr[a];
  if (f < 0 || (hidden_ && (*hidden_)[f])) return std::nullopt;
  if (reads_) reads_->push_back(f);
  const SetValue& s = m_.facts[f].value.set;
  bool in;
  if (s.members.size() > 8) {
    const auto& sorted = sortedMembers(f);  // a large set: binary search, not a scan per element
    in = std::binary_search(sorted.begin(), sorted.end(), elem);
  } else {
    in = std::find(s.members.begin(), s.members.end(), elem) != s.members.end();
  }
  if (in) return 1;
  if (!s.open || s.excludes(elem)) return 0;
  return std::nullopt;
}

namespace {

/// `e` reads an attribute through a reference declared `none`: a clause that
/// does is false (lowering's defined()); quantifier bodies per member.
bool readsNone(Evaluator& ev, const TExpr& e, Evaluator::Env& env) {
  if (e.op == Op::Exists || e.op == Op::Forall) return readsNone(ev, *e.kids[0], env);
  if (e.op == Op::Attr && e.kids[0]->ty.kind == Kind::Ref && !e.kids[0]->ty.set && e.kids[0]->op != Op::Var) {
    Evaluator::Value obj = ev.eval(*e.kids[0], env);
    if (obj && *obj == kNoInstance) return true;
  }
  for (const auto& k : e.kids)
    if (readsNone(ev, *k, env)) return true;
  return false;
}

}  // namespace

Evaluator::Value Evaluator::member(const TExpr& set, std::int64_t elem, Env& env) {
  if (set.op == Op::SetLit) {
    bool open = false;
    for (const auto& k : set.kids) {
      Value v = eval(*k, env);
      if (!v) open = true;
      else if (*v == elem) return 1;
    }
    if (open) return std::nullopt;
    return 0;
  }
  if (set.op == Op::Attr) {
    Value obj = eval(*set.kids[0], env);
    if (!obj) return std::nullopt;
    return memberOf(*obj, set.index, elem);
  }
  throw InternalError("member(): unsupported set expression");
}

namespace {
using Value = Evaluator::Value;
Value known(bool b) { return b ? 1 : 0; }
}  // namespace

Evaluator::Value Evaluator::eval(const TExpr& e, Env& env) {
  auto E = [&](int k) { return eval(*e.kids[k], env); };
  switch (e.op) {
    case Op::Const: return e.value;
    case Op::Today: return m_.caseDate;
    case Op::Var: return env.at(e.index);
    case Op::Attr: {
      Value obj = E(0);
      if (!obj) return std::nullopt;
      return attr(*obj, e.index);
    }
    case Op::Not: {
      Value v = E(0);
      return v ? known(*v == 0) : std::nullopt;
    }
    case Op::Neg: {
      Value v = E(0);
      // -INT64_MIN does not fit: leave it to Z3, which computes exactly
      if (!v || *v == std::numeric_limits<std::int64_t>::min()) return std::nullopt;
      return Value(-*v);
    }
    case Op::And: {
      Value a = E(0);
      if (a && *a == 0) return 0;
      Value b = E(1);
      if (b && *b == 0) return 0;
      return a && b ? Value(1) : std::nullopt;
    }
    case Op::Or: {
      Value a = E(0);
      if (a && *a != 0) return 1;
      Value b = E(1);
      if (b && *b != 0) return 1;
      return a && b ? Value(0) : std::nullopt;
    }
    case Op::Implies: {
      Value a = E(0);
      if (a && *a == 0) return 1;
      Value b = E(1);
      if (b && *b != 0) return 1;
      return a && b ? Value(0) : std::nullopt;
    }
    case Op::Eq:
    case Op::Ne: {
      bool eq;
      if (e.kids[0]->ty.set) {
        eq = true;
        bool open = false;
        for (auto u : universe(e.kids[0]->ty.element())) {
          Value x = member(*e.kids[0], u, env), y = member(*e.kids[1], u, env);
          if (!x || !y) open = true;
          else if (*x != *y) eq = false;
          if (!eq) break;
        }
        if (eq && open) return std::nullopt;
      } else {
        Value a = E(0), b = E(1);
        if (!a || !b) return std::nullopt;
        eq = e.kids[0]->ty.kind == Kind::Bool ? ((*a != 0) == (*b != 0)) : *a == *b;
      }
      return known(e.op == Op::Eq ? eq : !eq);
    }
    case Op::Lt: case Op::Le: case Op::Gt: case Op::Ge:
    case Op::Add: case Op::Sub: case Op::Mul: {
      Value a = E(0), b = E(1);
      if (!a || !b) return std::nullopt;
      std::int64_t r;
      switch (e.op) {
        case Op::Lt: return known(*a < *b);
        case Op::Le: return known(*a <= *b);
        case Op::Gt: return known(*a > *b);
        case Op::Ge: return known(*a >= *b);
        case Op::Add: if (__builtin_add_overflow(*a, *b, &r)) return std::nullopt; return r;
        case Op::Sub: if (__builtin_sub_overflow(*a, *b, &r)) return std::nullopt; return r;
        default: if (__builtin_mul_overflow(*a, *b, &r)) return std::nullopt; return r;
      }
    }
    case Op::AddMonths: {
      Value d = E(0), k = E(1);
      if (!k) throw InternalError("month count is not a constant");
      if (!d) return std::nullopt;
      return calendar::addMonths(*d, *k);
    }
    case Op::In: {
      Value x = E(0);
      if (!x) return std::nullopt;
      return member(*e.kids[1], *x, env);
    }
    case Op::SetLit: throw InternalError("a set literal cannot be evaluated as a scalar");
    case Op::Exists:
    case Op::Forall: {
      // Exists: some member satisfies the body; Forall: every member does.
      const bool exists = e.op == Op::Exists;
      bool open = false;
      if (env.size() <= static_cast<std::size_t>(e.index)) env.resize(e.index + 1, -1);
      const std::vector<std::int64_t>* exact = exactMembers(*e.kids[0], env);
      for (auto u : exact ? *exact : universe(e.kids[0]->ty.element())) {
        Value mem = exact ? Value(1) : member(*e.kids[0], u, env);
        if (mem && *mem == 0) continue;
        std::int64_t saved = env[e.index];
        env[e.index] = u;
        Value body = readsNone(*this, *e.kids[1], env) ? Value(0) : eval(*e.kids[1], env);
        env[e.index] = saved;
        if (mem && body && (*body != 0) == exists) return known(exists);  // decided by this member
        if (body && (*body != 0) != exists) continue;                       // this member changes nothing
        open = true;
      }
      if (open) return std::nullopt;
      return known(!exists);
    }
    case Op::Count: {
      if (const std::vector<std::int64_t>* exact = exactMembers(*e.kids[0], env))
        return static_cast<std::int64_t>(exact->size());
      std::int64_t n = 0;
      for (auto u : universe(e.kids[0]->ty.element())) {
        Value mem = member(*e.kids[0], u, env);
        if (!mem) return std::nullopt;
        n += *mem != 0;
      }
      return n;
    }
  }
  return std::nullopt;
}

BindingValue evaluateBinding(Evaluator& eval, const RuleInfo& rule, Evaluator::Env& env) {
  Evaluator::Value app = 1;
  auto conj = [&](Evaluator::Value v) {
    if (app && *app == 0) return;
    if (v && *v == 0) app = 0;
    else if (!v) app = std::nullopt;
  };
  for (std::size_t k = 0; k < rule.bindings.size(); ++k)
    if (rule.bindings[k].set) conj(eval.member(*rule.bindings[k].set, env[k], env));
  if (app && *app == 0) return {app, std::nullopt};
  // Reading through a reference declared `none` makes the clause false (as lowering's defined()).
  if (rule.when) conj(readsNone(eval, *rule.when, env) ? Evaluator::Value(0) : eval.eval(*rule.when, env));
  if (app && *app == 0) return {app, std::nullopt};
  return {app, readsNone(eval, *rule.require, env) ? Evaluator::Value(0) : eval.eval(*rule.require, env)};
}

}  // namespace samsvar

#include "engine/smt/z3/lower.hpp"

#include <algorithm>
#include <limits>
#include <unordered_set>

#include "core/calendar.hpp"
#include "core/errors.hpp"
#include "engine/sema/absence.hpp"
#include "engine/smt/z3/terms.hpp"

namespace samsvar::smt {

using namespace model;

Lowering::Lowering(z3::context& ctx, const Model& m, bool substituteFacts, bool fixModuleFacts)
    : ctx_(ctx), m_(m), substitute_(substituteFacts), fixModules_(fixModuleFacts),
      instanceCount_(static_cast<std::int64_t>(m.instances.size())) {}

bool Lowering::substitutesFact(int f) const {
  if (f < 0) return false;
  if (static_cast<std::size_t>(f) < free_.size() && free_[f]) return false;
  return substitute_ || (fixModules_ && !m_.instances[m_.facts[f].instance].module.empty());
}

std::string Lowering::elementName(const Ty& elem, std::int64_t v) const {
  if (elem.kind == Kind::Ref && isPhantom(v)) return "?" + m_.types[phantomType(v)].name;
  return literalText(m_, elem, v);
}

const Variable* Lowering::varInfo(const std::string& name) const {
  auto it = varInfo_.find(name);
  return it == varInfo_.end() ? nullptr : &it->second;
}

z3::expr Lowering::phantomExists(int type) {
  std::int64_t ph = instanceCount_ + type;
  z3::expr_vector alts(ctx_);
  for (std::size_t i = 0; i < m_.instances.size(); ++i) {
    const TypeInfo& ti = m_.types[m_.instances[i].type];
    for (std::size_t a = 0; a < ti.attrs.size(); ++a)
      if (ti.attrs[a].ty.set && ti.attrs[a].ty.kind == Kind::Ref && ti.attrs[a].ty.decl == type)
        alts.push_back(memberTerm(static_cast<std::int64_t>(i), static_cast<int>(a), ph));
  }
  return alts.empty() ? ctx_.bool_val(false) : z3::mk_or(alts);
}

const z3::expr* Lowering::auxSource(const std::string& name) const {
  auto it = auxSource_.find(name);
  return it == auxSource_.end() ? nullptr : &it->second;
}

std::vector<z3::expr> Lowering::definitionsFor(const z3::expr& e) const {
  std::vector<z3::expr> out;
  std::vector<bool> taken(auxDefs_.size(), false);
  forEachConstant({e}, [&](const z3::expr& x, std::vector<z3::expr>& more) {
    if (auto d = domainOf_.find(x.id()); d != domainOf_.end()) out.push_back(d->second);
    if (auxDefs_.empty()) return;
    auto it = auxDefOf_.find(x.decl().name().str());
    if (it != auxDefOf_.end() && !taken[it->second]) {
      taken[it->second] = true;
      out.push_back(auxDefs_[it->second]);
      more.push_back(auxDefs_[it->second]);  // a date may itself be a month shift
    }
  });
  return out;
}

std::vector<z3::expr> Lowering::allDefinitions() const { return auxDefs_; }

std::vector<z3::expr> Lowering::takeDomainConstraints() {
  std::vector<z3::expr> out;
  out.swap(pendingDomain_);
  return out;
}

z3::expr Lowering::attrVar(std::int64_t inst, int attr) {
  auto key = std::make_pair(inst, attr);
  if (auto it = attrVars_.find(key); it != attrVars_.end()) return it->second;
  const AttrInfo& a = m_.types[typeOfInstance(m_, inst)].attrs[attr];
  std::string instName = isPhantom(inst) ? "?" + m_.types[phantomType(inst)].name : m_.instances[inst].name;
  std::string name = instName + "." + a.name;
  z3::expr v = a.ty.kind == Kind::Bool ? ctx_.bool_const(name.c_str()) : ctx_.int_const(name.c_str());
  switch (a.ty.kind) {
    case Kind::Enum:
      pendingDomain_.push_back(v >= 0 && v < static_cast<int>(m_.enums[a.ty.decl].values.size()));
      domainOf_.emplace(v.id(), pendingDomain_.back());
      break;
    case Kind::Ref: {
      z3::expr_vector alts(ctx_);
      auto targets = declaredRefsOnly_ && !isPhantom(inst) ? declaredElements(m_, a.ty) : universe(a.ty);
      if (targets.empty()) targets = universe(a.ty);
      for (auto u : targets) alts.push_back(v == ctx_.int_val(static_cast<int64_t>(u)));
      // Declared `none`: when the repair may change it, keeping it is a value too.
      if (!isPhantom(inst)) {
        int f = m_.instances[inst].factOfAttr[attr];
        if (f >= 0 && m_.facts[f].value.scalar == kNoInstance)
          alts.push_back(v == ctx_.int_val(static_cast<int64_t>(kNoInstance)));
      }
      pendingDomain_.push_back(z3::mk_or(alts));
      domainOf_.emplace(v.id(), pendingDomain_.back());
      break;
    }
    case Kind::Date: {
      auto lo = *calendar::dayNumber(calendar::kMinYear, 1, 1);
      auto hi = *calendar::dayNumber(calendar::kMaxYear, 12, 31);
      // A date declared as a month, half-year or year whose declaration is
      // taken as given: a bounded unknown, some day of that period.
      if (!isPhantom(inst)) {
        int f = m_.instances[inst].factOfAttr[attr];
        if (f >= 0 && m_.facts[f].value.imprecise() && substitutesFact(f)) {
          lo = m_.facts[f].value.scalar;
          hi = m_.facts[f].value.last;
        }
      }
      pendingDomain_.push_back(v >= ctx_.int_val(static_cast<int64_t>(lo)) &&
                               v <= ctx_.int_val(static_cast<int64_t>(hi)));
      domainOf_.emplace(v.id(), pendingDomain_.back());
      break;
    }
    case Kind::Int: case Kind::Duration: case Kind::Months:
      // integers are 64-bit (docs/language.md): an unknown can only take a value a case can declare
      pendingDomain_.push_back(v >= ctx_.int_val(std::numeric_limits<std::int64_t>::min()) &&
                               v <= ctx_.int_val(std::numeric_limits<std::int64_t>::max()));
      domainOf_.emplace(v.id(), pendingDomain_.back());
      break;
    default: break;
  }
  varInfo_[name] = Variable{static_cast<int>(inst), attr, -1};
  attrVars_.emplace(key, v);
  return v;
}

z3::expr Lowering::memberVar(std::int64_t inst, int attr, std::int64_t elem) {
  auto key = std::make_tuple(inst, attr, elem);
  if (auto it = memberVars_.find(key); it != memberVars_.end()) return it->second;
  const AttrInfo& a = m_.types[typeOfInstance(m_, inst)].attrs[attr];
  std::string instName = isPhantom(inst) ? "?" + m_.types[phantomType(inst)].name : m_.instances[inst].name;
  std::string name = instName + "." + a.name + "∋" + elementName(a.ty.element(), elem);
  z3::expr v = ctx_.bool_const(name.c_str());
  varInfo_[name] = Variable{static_cast<int>(inst), attr, elem};
  memberVars_.emplace(key, v);
  return v;
}

z3::expr Lowering::attrTerm(std::int64_t inst, int attr) {
  if (!isPhantom(inst)) {
    int f = m_.instances[inst].factOfAttr[attr];
    if (substitutesFact(f) && !m_.facts[f].value.imprecise()) {
      const AttrInfo& a = m_.types[m_.instances[inst].type].attrs[attr];
      std::int64_t v = m_.facts[f].value.scalar;
      if (a.ty.kind == Kind::Bool) return ctx_.bool_val(v != 0);
      return ctx_.int_val(static_cast<int64_t>(v));
    }
  }
  return attrVar(inst, attr);
}

const std::vector<std::int64_t>& Lowering::sortedMembers(int f) {
  auto [it, fresh] = sortedMembers_.try_emplace(f);
  if (fresh) {
    const auto& members = m_.facts[f].value.set.members;
    it->second.assign(members.begin(), members.end());
    std::sort(it->second.begin(), it->second.end());
  }
  return it->second;
}

const std::vector<std::int64_t>* Lowering::knownMembers(const TExpr& set, Env& env) {
  if (set.op != Op::Attr) return nullptr;
  auto c = concreteRef(*set.kids[0], env);
  if (!c || *c < 0 || isPhantom(*c)) return nullptr;
  int f = m_.instances[*c].factOfAttr[set.index];
  if (!substitutesFact(f) || m_.facts[f].value.set.open) return nullptr;
  auto [it, fresh] = knownMembers_.try_emplace(f);
  if (fresh) {
    const auto& sorted = sortedMembers(f);
    for (auto u : universe(set.ty.element()))
      if (std::binary_search(sorted.begin(), sorted.end(), u)) it->second.push_back(u);
  }
  return &it->second;
}

z3::expr Lowering::memberTerm(std::int64_t inst, int attr, std::int64_t elem) {
  if (!isPhantom(inst)) {
    int f = m_.instances[inst].factOfAttr[attr];
    if (substitutesFact(f)) {
      const SetValue& s = m_.facts[f].value.set;
      bool in;
      if (s.members.size() > 8) {
        const auto& sorted = sortedMembers(f);
        in = std::binary_search(sorted.begin(), sorted.end(), elem);
      } else {
        in = std::find(s.members.begin(), s.members.end(), elem) != s.members.end();
      }
      if (in) return ctx_.bool_val(true);
      if (!s.open || s.excludes(elem)) return ctx_.bool_val(false);
    }
  }
  return memberVar(inst, attr, elem);
}

z3::expr Lowering::factConstraint(int f) {
  const Fact& fact = m_.facts[f];
  const AttrInfo& a = m_.types[m_.instances[fact.instance].type].attrs[fact.attr];
  if (a.ty.set) {
    z3::expr_vector parts(ctx_);
    const SetValue& s = fact.value.set;
    for (auto u : universe(a.ty.element())) {
      bool in = std::find(s.members.begin(), s.members.end(), u) != s.members.end();
      if (in) parts.push_back(memberVar(fact.instance, fact.attr, u));
      else if (!s.open || s.excludes(u)) parts.push_back(!memberVar(fact.instance, fact.attr, u));
    }
    return z3::mk_and(parts);
  }
  z3::expr v = attrVar(fact.instance, fact.attr);
  if (a.ty.kind == Kind::Bool) return v == ctx_.bool_val(fact.value.scalar != 0);
  if (fact.value.imprecise())
    return v >= ctx_.int_val(static_cast<int64_t>(fact.value.scalar)) &&
           v <= ctx_.int_val(static_cast<int64_t>(fact.value.last));
  return v == ctx_.int_val(static_cast<int64_t>(fact.value.scalar));
}

z3::expr Lowering::defined(const TExpr& e, Env& env) {
  // Only a case that declares some reference `none` needs guards: every
  // other case lowers exactly as before.
  if (!hasNone_) {
    hasNone_ = false;
    for (const auto& f : m_.facts) {
      const Ty& ty = m_.types[m_.instances[f.instance].type].attrs[f.attr].ty;
      if (ty.kind == Kind::Ref && !ty.set && f.value.scalar == kNoInstance) hasNone_ = true;
    }
  }
  if (!*hasNone_) return ctx_.bool_val(true);
  z3::expr_vector parts(ctx_);
  std::function<void(const TExpr&)> walk = [&](const TExpr& x) {
    if (x.op == Op::Exists || x.op == Op::Forall) {
      walk(*x.kids[0]);  // the body is guarded for each member (lower())
      return;
    }
    if (x.op == Op::Attr && x.kids[0]->ty.kind == Kind::Ref && !x.kids[0]->ty.set && x.kids[0]->op != Op::Var) {
      z3::expr r = lower(*x.kids[0], env);
      int64_t n;
      if (!r.is_numeral_i64(n)) parts.push_back(r != ctx_.int_val(static_cast<int64_t>(kNoInstance)));
      else if (n == kNoInstance) parts.push_back(ctx_.bool_val(false));
    }
    for (const auto& k : x.kids) walk(*k);
  };
  walk(e);
  return parts.empty() ? ctx_.bool_val(true) : z3::mk_and(parts);
}

std::optional<std::int64_t> Lowering::concreteRef(const TExpr& e, Env& env) {
  if (e.op == Op::Var) return env.at(e.index);
  if (e.op == Op::Const) return e.value;
  z3::expr v = lower(e, env).simplify();
  int64_t n;
  if (v.is_numeral_i64(n)) return n;
  return std::nullopt;
}

z3::expr Lowering::member(const TExpr& set, std::int64_t elem, Env& env) {
  if (set.op == Op::SetLit) {
    z3::expr_vector alts(ctx_);
    for (const auto& k : set.kids) {
      if (auto c = concreteRef(*k, env)) {
        if (*c == elem) return ctx_.bool_val(true);
      } else {
        alts.push_back(lower(*k, env) == ctx_.int_val(static_cast<int64_t>(elem)));
      }
    }
    return alts.empty() ? ctx_.bool_val(false) : z3::mk_or(alts);
  }
  if (set.op == Op::Attr) {
    const TExpr& obj = *set.kids[0];
    if (auto c = concreteRef(obj, env)) return *c == kNoInstance ? ctx_.bool_val(false) : memberTerm(*c, set.index, elem);
    z3::expr r = lower(obj, env);
    auto cands = universe(obj.ty);
    z3::expr out = memberTerm(cands.back(), set.index, elem);
    for (auto it = cands.rbegin() + 1; it != cands.rend(); ++it)
      assign(out, z3::ite(r == ctx_.int_val(static_cast<int64_t>(*it)), memberTerm(*it, set.index, elem), out));
    return out;
  }
  throw InternalError("member(): unsupported set expression");
}

// Symbolic calendar arithmetic works on March-based years: year Y runs from
// 1 March of civil year Y to the end of February of Y + 1, and month index
// mp counts from March (0) to February (11), so the leap day is the last day
// of such a year. For Y in [1900, 2099] (civil dates 1900-03-01 to
// 2100-02-28) the Gregorian corrections -Y/100 + Y/400 are the constant -15
// and a year is a leap year exactly when 4 divides it: the day number is
// linear in Y, Y/4, a table over mp, and d (Hinnant's days_from_civil,
// simplified). The general formula with /100 and /400 made a repair with
// two unknown dates take 20 s; this one keeps it in milliseconds.
namespace {
constexpr int kMarchYearMin = 1900;
constexpr int kMarchYearMax = 2099;
constexpr int kDaysBeforeMonth[12] = {0, 31, 61, 92, 122, 153, 184, 214, 245, 275, 306, 337};
constexpr int kDaysInMonth[12] = {31, 30, 31, 30, 31, 31, 30, 31, 30, 31, 31, 28};  // Feb: +1 in leap years
}  // namespace

z3::expr Lowering::daysFromMarchYear(const z3::expr& y, const z3::expr& mp, const z3::expr& d) {
  z3::expr before = ctx_.int_val(kDaysBeforeMonth[11]);
  for (int i = 10; i >= 0; --i) assign(before, z3::ite(mp == i, ctx_.int_val(kDaysBeforeMonth[i]), before));
  return 365 * y + y / 4 - 15 + before + d - 1 - 719468;
}

z3::expr Lowering::daysInMarchMonth(const z3::expr& y, const z3::expr& mp) {
  // February of March-based year y lies in civil year y + 1.
  z3::expr out = z3::ite(z3::mod(y + 1, 4) == 0, ctx_.int_val(29), ctx_.int_val(28));
  for (int i = 10; i >= 0; --i) assign(out, z3::ite(mp == i, ctx_.int_val(kDaysInMonth[i]), out));
  return out;
}

z3::expr Lowering::addMonths(const z3::expr& date, std::int64_t k) {
  int64_t n;
  z3::expr s = date.simplify();
  if (s.is_numeral_i64(n)) return ctx_.int_val(static_cast<int64_t>(calendar::addMonths(n, k)));
  // The same shift of the same date (HOR-12 and HOR-13 both ask for three
  // months after the opening) is one decomposition: each further one is
  // another set of year, month and day variables the solver must tie to
  // the date, which made a repair's solving several times slower.
  auto key = std::make_pair(s.id(), k);
  if (auto it = monthShifts_.find(key); it != monthShifts_.end()) return it->second.second;
  // Symbolic date: decompose into year, month and day (unique for each day
  // number), shift the month and clamp the day (domstolloven § 148).
  std::string tag = "#" + std::to_string(fresh_++);
  z3::expr y = ctx_.int_const(("year" + tag).c_str());
  z3::expr mp = ctx_.int_const(("month" + tag).c_str());
  z3::expr d = ctx_.int_const(("day" + tag).c_str());
  for (const char* part : {"year", "month", "day"}) {
    auxSource_.emplace(part + tag, date);
    auxDefOf_.emplace(part + tag, static_cast<int>(auxDefs_.size()));
  }
  std::int64_t kq = k >= 0 ? k / 12 : -((-k + 11) / 12);  // floor(k / 12)
  std::int64_t kr = k - 12 * kq;                           // 0..11
  z3::expr wrap = mp + static_cast<int>(kr) >= 12;
  z3::expr y2 = y + static_cast<int>(kq) + z3::ite(wrap, ctx_.int_val(1), ctx_.int_val(0));
  z3::expr mp2 = mp + static_cast<int>(kr) - z3::ite(wrap, ctx_.int_val(12), ctx_.int_val(0));
  auto inRange = [&](const z3::expr& yy) { return yy >= kMarchYearMin && yy <= kMarchYearMax; };
  auxDefs_.push_back(inRange(y) && inRange(y2) && mp >= 0 && mp <= 11 && d >= 1 &&
                     d <= daysInMarchMonth(y, mp) && date == daysFromMarchYear(y, mp, d));
  z3::expr last = daysInMarchMonth(y2, mp2);
  z3::expr shifted = daysFromMarchYear(y2, mp2, z3::ite(d <= last, d, last));
  monthShifts_.emplace(key, std::make_pair(s, shifted));
  return shifted;
}

z3::expr Lowering::lower(const TExpr& e, Env& env) {
  auto key = std::make_pair(&e, env);
  if (auto it = memo_.find(key); it != memo_.end()) return it->second;
  auto L = [&](int k) { return lower(*e.kids[k], env); };
  z3::expr out(ctx_);
  switch (e.op) {
    case Op::Const:
      assign(out, e.ty.kind == Kind::Bool && !e.ty.set ? ctx_.bool_val(e.value != 0)
                                                       : ctx_.int_val(static_cast<int64_t>(e.value)));
      break;
    case Op::Today: assign(out, ctx_.int_val(static_cast<int64_t>(m_.caseDate))); break;
    case Op::Var: {
      std::int64_t v = env.at(e.index);
      assign(out, e.ty.kind == Kind::Bool ? ctx_.bool_val(v != 0) : ctx_.int_val(static_cast<int64_t>(v)));
      break;
    }
    case Op::Attr: {
      const TExpr& obj = *e.kids[0];
      if (auto c = concreteRef(obj, env)) {
        // Through `none` there is no value; defined() makes the clause that
        // reads it false, so any value of the right sort will do.
        assign(out, *c != kNoInstance        ? attrTerm(*c, e.index)
                    : e.ty.kind == Kind::Bool ? ctx_.bool_val(false)
                                              : ctx_.int_val(0));
      } else {
        z3::expr r = lower(obj, env);
        auto cands = universe(obj.ty);
        assign(out, attrTerm(cands.back(), e.index));
        for (auto it = cands.rbegin() + 1; it != cands.rend(); ++it)
          assign(out, z3::ite(r == ctx_.int_val(static_cast<int64_t>(*it)), attrTerm(*it, e.index), out));
      }
      break;
    }
    case Op::Not: assign(out, !L(0)); break;
    case Op::Neg: assign(out, -L(0)); break;
    case Op::And: assign(out, L(0) && L(1)); break;
    case Op::Or: assign(out, L(0) || L(1)); break;
    case Op::Implies: assign(out, z3::implies(L(0), L(1))); break;
    case Op::Eq:
    case Op::Ne: {
      if (e.kids[0]->ty.set) {
        z3::expr_vector parts(ctx_);
        for (auto u : universe(e.kids[0]->ty.element()))
          parts.push_back(member(*e.kids[0], u, env) == member(*e.kids[1], u, env));
        assign(out, z3::mk_and(parts));
        if (e.op == Op::Ne) assign(out, !out);
      } else {
        assign(out, e.op == Op::Eq ? L(0) == L(1) : L(0) != L(1));
      }
      break;
    }
    case Op::Lt: assign(out, L(0) < L(1)); break;
    case Op::Le: assign(out, L(0) <= L(1)); break;
    case Op::Gt: assign(out, L(0) > L(1)); break;
    case Op::Ge: assign(out, L(0) >= L(1)); break;
    case Op::Add: assign(out, L(0) + L(1)); break;
    case Op::Sub: assign(out, L(0) - L(1)); break;
    case Op::Mul: assign(out, L(0) * L(1)); break;
    case Op::AddMonths: {
      int64_t k;
      z3::expr months = L(1).simplify();
      if (!months.is_numeral_i64(k)) throw InternalError("month count is not a constant");
      assign(out, addMonths(L(0), k));
      break;
    }
    case Op::In: {
      const TExpr& elem = *e.kids[0];
      if (auto c = concreteRef(elem, env)) {
        assign(out, member(*e.kids[1], *c, env));
      } else {
        z3::expr x = L(0);
        z3::expr_vector alts(ctx_);
        for (auto u : universe(elem.ty)) alts.push_back(x == ctx_.int_val(static_cast<int64_t>(u)) && member(*e.kids[1], u, env));
        assign(out, z3::mk_or(alts));
      }
      break;
    }
    case Op::SetLit: throw InternalError("a set literal cannot be lowered as a scalar");
    case Op::Exists:
    case Op::Forall: {
      z3::expr_vector parts(ctx_);
      const TExpr& set = *e.kids[0];
      // A declared closed set: its members (the rest are not, and add nothing).
      const std::vector<std::int64_t>* known = knownMembers(set, env);
      for (auto u : known ? *known : universe(set.ty.element())) {
        expand();
        z3::expr mem = member(set, u, env);
        if (mem.is_false()) continue;
        if (env.size() <= static_cast<std::size_t>(e.index)) env.resize(e.index + 1, -1);
        std::int64_t saved = env[e.index];
        env[e.index] = u;
        z3::expr body = lower(*e.kids[1], env);
        if (z3::expr d = defined(*e.kids[1], env); !d.is_true()) assign(body, d && body);
        env[e.index] = saved;
        parts.push_back(e.op == Op::Exists ? (mem && body) : z3::implies(mem, body));
      }
      assign(out, e.op == Op::Exists ? (parts.empty() ? ctx_.bool_val(false) : z3::mk_or(parts))
                                     : (parts.empty() ? ctx_.bool_val(true) : z3::mk_and(parts)));
      break;
    }
    case Op::Count: {
      z3::expr sum = ctx_.int_val(0);
      if (const std::vector<std::int64_t>* known = knownMembers(*e.kids[0], env)) {
        assign(out, ctx_.int_val(static_cast<int64_t>(known->size())));
        break;
      }
      for (auto u : universe(e.kids[0]->ty.element())) {
        expand();
        assign(sum, sum + z3::ite(member(*e.kids[0], u, env), ctx_.int_val(1), ctx_.int_val(0)));
      }
      out = sum;
      break;
    }
  }
  memo_.emplace(std::move(key), out);
  return out;
}

namespace {
/// Keeps the membership condition of each entered slot (see forEachLoweredBinding).
class LoweredBindings : public BindingVisitor {
 public:
  LoweredBindings(Lowering& low, const RuleInfo& rule,
                  const std::function<std::vector<std::int64_t>(const Binding&)>& candidates, bool prune,
                  const std::function<void(Env&, const std::vector<z3::expr>&)>& each)
      : low_(low), rule_(rule), candidates_(candidates), prune_(prune), each_(each),
        conditional_(rule.bindings.size(), false) {}

  std::vector<std::int64_t> candidates(const Binding& b) override { return candidates_(b); }

  bool enter(std::size_t k, Env& env) override {
    const Binding& b = rule_.bindings[k];
    std::int64_t u = env[k];
    conditional_[k] = b.set || (b.ty.kind == Kind::Ref && low_.isPhantom(u));
    if (!conditional_[k]) return true;
    z3::expr mem = (b.set ? low_.member(*b.set, u, env) : low_.phantomExists(b.ty.decl)).simplify();
    // (An enum value past the instance count counts as a phantom here, as it
    // always has: a repair's constraints, and so its choices, depend on it.)
    if ((prune_ || low_.isPhantom(u)) && mem.is_false()) return false;
    conds_.push_back(mem);
    return true;
  }

  void leave(std::size_t k) override {
    if (conditional_[k]) conds_.pop_back();
  }

  void visit(Env& env) override { each_(env, conds_); }

 private:
  Lowering& low_;
  const RuleInfo& rule_;
  const std::function<std::vector<std::int64_t>(const Binding&)>& candidates_;
  bool prune_;
  const std::function<void(Env&, const std::vector<z3::expr>&)>& each_;
  std::vector<bool> conditional_;
  std::vector<z3::expr> conds_;
};
}  // namespace

void forEachLoweredBinding(Lowering& low, const RuleInfo& rule,
                           const std::function<std::vector<std::int64_t>(const Binding&)>& candidates, bool prune,
                           const std::function<void(Env&, const std::vector<z3::expr>&)>& each) {
  LoweredBindings v(low, rule, candidates, prune, each);
  forEachBinding(rule, v);
}

RuleTerms ruleTerms(Lowering& low, const RuleInfo& rule, Env& env,
                    const std::vector<z3::expr>& memberships) {
  z3::context& ctx = low.context();
  z3::expr_vector parts(ctx);
  for (const auto& c : memberships) parts.push_back(c);
  // A clause that reads through a reference declared `none` is false.
  if (rule.when) {
    if (z3::expr d = low.defined(*rule.when, env); !d.is_true()) parts.push_back(d);
    parts.push_back(low.lower(*rule.when, env));
  }
  z3::expr app = parts.empty() ? ctx.bool_val(true) : z3::mk_and(parts);
  z3::expr req = low.lower(*rule.require, env);
  if (z3::expr d = low.defined(*rule.require, env); !d.is_true()) assign(req, d && req);
  return RuleTerms{app, req};
}

}  // namespace samsvar::smt

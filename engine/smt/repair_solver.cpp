#include "engine/smt/repair_solver.hpp"

#include <algorithm>
#include <chrono>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <unordered_map>
#include <unordered_set>

#include "engine/sema/absence.hpp"
#include "engine/smt/z3/decode.hpp"
#include "engine/smt/z3/lower.hpp"
#include "engine/smt/z3/solver.hpp"
#include "engine/smt/z3/terms.hpp"

namespace samsvar::smt {

using namespace model;

struct RepairSolver::Impl {
  Impl(const Model& model, const Limits& l, const Limits& q)
      : m(model), limits(l), questionLimits(q), low(ctx, model, true) {}

  /// Every binding of every rule that takes part: hard where it must hold,
  /// soft where it should.
  /// With `take`, only the bindings it accepts.
  void encodeRules(const RepairProblem& p,
                   const std::function<bool(const RuleInfo&, const std::vector<std::int64_t>&)>& take = {}) {
    auto candidates = [&](const Binding& b) { return low.universe(b.ty); };
    for (int r : m.activeRules) {
      const RuleInfo& rule = m.rules[r];
      RepairProblem::Role role = p.roles[r];
      if (role == RepairProblem::Role::ignored) continue;
      forEachLoweredBinding(low, rule, candidates, /*prune=*/false, [&](Env& env, const std::vector<z3::expr>& conds) {
        std::vector<std::int64_t> b(env.begin(), env.begin() + static_cast<long>(rule.bindings.size()));
        if (p.waived.count({r, b}) || p.waivedRules.count(r)) return;
        if (take && !take(rule, b)) return;
        RuleTerms terms = ruleTerms(low, rule, env, conds);
        z3::expr phi = terms.phi();
        if (p.broken.count({r, b})) {
          if (auto open = p.open.find({r, b}); open != p.open.end()) {
            if (open->second.applies) softs.push_back({!terms.app, open->second.applies});
            if (open->second.notApplies) softs.push_back({terms.app, open->second.notApplies});
          } else {
            softs.push_back({terms.app, p.costs.stopApplying});
          }
        }
        if (role == RepairProblem::Role::must_hold && !p.deviable.count({r, b})) {
          hard.emplace_back(phi, r);
        } else {
          softs.push_back({phi, role == RepairProblem::Role::must_hold ? p.costs.deviate : p.costs.breakShould});
        }
      });
    }
  }

  /// Soft constraints that keep each changeable declared fact, and the
  /// second objective: moved and declared numbers and dates move as little
  /// as they must.
  void encodePreferences(const RepairProblem& p) {
    for (std::size_t fi = 0; fi < m.facts.size(); ++fi) {
      const Fact& fact = m.facts[fi];
      if (low.substitutesFact(static_cast<int>(fi))) continue;  // not to be changed
      const Ty& ty = m.types[m.instances[fact.instance].type].attrs[fact.attr].ty;
      if (!ty.set) {
        z3::expr v = low.attrTerm(fact.instance, fact.attr);
        if (fact.value.imprecise()) {
          // A month, half-year or year: kept while the day stays in it (the
          // repair then narrows it, decode declares the day); moved as far
          // as the day leaves it.
          z3::expr first = ctx.int_val(static_cast<int64_t>(fact.value.scalar));
          z3::expr last = ctx.int_val(static_cast<int64_t>(fact.value.last));
          z3::expr c = v >= first && v <= last;
          softs.push_back({c, p.costs.changeValue});
          facts.emplace_back(c, static_cast<int>(fi));
          displacement.push_back(distance(v, first, last));
          earlier.push_back(z3::ite(v < first, ctx.int_val(1), ctx.int_val(0)));
          continue;
        }
        z3::expr c = ty.kind == Kind::Bool ? v == ctx.bool_val(fact.value.scalar != 0)
                                           : v == ctx.int_val(static_cast<int64_t>(fact.value.scalar));
        softs.push_back({c, ty.kind == Kind::Ref ? p.costs.changeRef : p.costs.changeValue});
        facts.emplace_back(c, static_cast<int>(fi));
        if (ty.kind == Kind::Date || ty.kind == Kind::Int || ty.kind == Kind::Duration) {
          z3::expr old = ctx.int_val(static_cast<int64_t>(fact.value.scalar));
          displacement.push_back(distance(v, old, old));
          // Of two equally far moves, a deadline moves later rather than a
          // start earlier (what has begun cannot be undone): a third objective.
          if (ty.kind == Kind::Date) earlier.push_back(z3::ite(v < old, ctx.int_val(1), ctx.int_val(0)));
        }
        continue;
      }
      const SetValue& sv = fact.value.set;
      for (auto u : low.universe(ty.element())) {
        if (ty.kind == Kind::Ref && !sharesPart(fact.instance, u)) continue;  // cut (decompose())
        z3::expr mem = low.memberTerm(fact.instance, fact.attr, u);
        bool in = std::find(sv.members.begin(), sv.members.end(), u) != sv.members.end();
        if (in) {
          softs.push_back({mem, p.costs.removeMember});
          facts.emplace_back(mem, static_cast<int>(fi));
        } else if (!sv.open || sv.excludes(u)) {
          softs.push_back({!mem, ty.kind == Kind::Ref && low.isPhantom(u) ? p.costs.addNewInstance : p.costs.addMember});
          facts.emplace_back(!mem, static_cast<int>(fi));
        }
      }
    }
    std::set<std::pair<int, int>> anchored;
    for (const auto& a : p.anchors) {
      if (a.ifEncoded && !low.hasAttrVar(a.instance, a.attr)) continue;
      if (!anchored.insert({a.instance, a.attr}).second) continue;
      z3::expr v = low.attrTerm(a.instance, a.attr);
      z3::expr at = ctx.int_val(static_cast<int64_t>(a.value));
      displacement.push_back(distance(v, at, at));
    }
    for (const auto& o : p.orders) {
      z3::expr first = low.attrTerm(o.instance, o.first), second = low.attrTerm(o.instance, o.second);
      if (!(first <= second).simplify().is_true()) softs.push_back({first <= second, p.costs.breakOrder});
    }
    for (const auto& f : p.floors) {
      if (f.ifEncoded && !low.hasAttrVar(f.instance, f.attr)) continue;
      domain.push_back(low.attrTerm(f.instance, f.attr) >= ctx.int_val(static_cast<int64_t>(f.value)));
    }
  }

  /// How far `v` lies outside [first, last], as a term of the second
  /// objective: a variable of its own, at least each of the distances (hard
  /// constraints); minimised, it is the distance. (As `ite(v >= old, v - old,
  /// old - v)` the objective split cases the arithmetic had to search: the
  /// N-products part took 1.4 s, as a bounded variable 0.08 s.)
  z3::expr distance(const z3::expr& v, const z3::expr& first, const z3::expr& last) {
    z3::expr d = ctx.int_const(("distance#" + std::to_string(distances++)).c_str());
    domain.push_back(d >= 0 && d >= first - v && d >= v - last);
    return d;
  }

  /// A soft constraint: `e` should hold; leaving it false costs `weight`.
  struct Soft {
    z3::expr e;
    unsigned weight;
  };

  /// One part of the problem: constraints that share no variable with
  /// another part's (decompose()), solved on its own.
  struct Part {
    std::vector<z3::expr> hard, displacement, earlier;
    std::vector<Soft> softs;
    std::optional<z3::model> model;
  };

  void decompose(bool byParts);
  void partitionInstances();
  /// Whether a set of `owner` may gain `element`: not when both belong to
  /// different independent parts.
  bool sharesPart(std::int64_t owner, std::int64_t element) const {
    auto partOfInstance = [&](std::int64_t i) {
      return i >= 0 && i < static_cast<std::int64_t>(instancePart.size()) ? instancePart[i] : -1;
    };
    int a = partOfInstance(owner), b = partOfInstance(element);
    return a < 0 || b < 0 || a == b;
  }
  z3::check_result solvePart(Part& part, std::string& reason);
  /// The part whose variables include `v` (-1: none).
  int partOf(const z3::expr& v) const {
    auto it = partOfConst.find(v.decl().id());
    return it == partOfConst.end() ? -1 : it->second;
  }

  const Model& m;
  Limits limits, questionLimits;
  z3::context ctx;
  Lowering low;
  std::vector<std::pair<z3::expr, int>> hard;   // must_hold constraints and their rules
  std::vector<Soft> softs;                      // rule bindings that should hold, facts to keep
  std::vector<z3::expr> displacement;           // the second objective's terms (their sum)
  std::vector<z3::expr> earlier;                // the third's: declared dates moved earlier
  std::vector<std::pair<z3::expr, int>> facts;  // "keep this fact" constraints and their facts
  std::vector<z3::expr> domain;                 // value ranges, calendar definitions and distances
  int distances = 0;                            // distance() variables so far
  std::vector<Part> parts;
  std::vector<int> instancePart;  // by instance: its independent part, -1: shared (partitionInstances())
  std::unordered_map<unsigned, int> partOfConst;  // variable (declaration id) -> part
  int lastPart = -1;                              // the part of the set value() read last
  std::optional<z3::model> model;                 // every part's model in one
};

RepairSolver::RepairSolver(const Model& m, const Limits& limits, const Limits& questionLimits)
    : impl_(guarded("repair", [&] { return std::make_unique<Impl>(m, limits, questionLimits); })) {}
RepairSolver::~RepairSolver() = default;

namespace {

/// The uninterpreted constants (the variables) of `e`.
void constantsOf(const z3::expr& e, std::unordered_set<unsigned>& seen, std::vector<z3::expr>& out) {
  if (!e.is_app() || !seen.insert(e.id()).second) return;
  if (e.is_const() && e.decl().decl_kind() == Z3_OP_UNINTERPRETED) {
    out.push_back(e);
    return;
  }
  for (unsigned i = 0; i < e.num_args(); ++i) constantsOf(e.arg(i), seen, out);
}

std::vector<z3::expr> constantsOf(const z3::expr& e) {
  std::unordered_set<unsigned> seen;
  std::vector<z3::expr> out;
  constantsOf(e, seen, out);
  return out;
}

/// Parts with at least this many constraints and objectives are solved in
/// a Z3 context of their own (solvePart()).
constexpr unsigned kOwnContextTerms = 32;

/// Union-find over small integer keys.
struct UnionFind {
  std::vector<int> parent;
  int add() {
    parent.push_back(static_cast<int>(parent.size()));
    return parent.back();
  }
  int find(int x) {
    while (parent[x] != x) x = parent[x] = parent[parent[x]];
    return x;
  }
  void unite(int a, int b) {
    a = find(a), b = find(b);
    if (a != b) parent[std::max(a, b)] = std::min(a, b);
  }
};

}  // namespace

/// The case's independent parts, before anything is encoded: instances
/// with a fact the repair may change, connected by declared references
/// (a product and its hearings). An instance with no changeable fact (the
/// directorate every product names as issuer, reference data) is shared:
/// every part sees it, and it connects nothing.
void RepairSolver::Impl::partitionInstances() {
  int n = static_cast<int>(m.instances.size());
  std::vector<bool> active(n, false);
  for (std::size_t fi = 0; fi < m.facts.size(); ++fi)
    if (!low.substitutesFact(static_cast<int>(fi)) && m.instances[m.facts[fi].instance].module.empty())
      active[m.facts[fi].instance] = true;
  // A case instance with an undeclared single reference is active too: the
  // repair may declare it.
  for (int i = 0; i < n; ++i) {
    if (!m.instances[i].module.empty()) continue;
    const TypeInfo& ti = m.types[m.instances[i].type];
    for (std::size_t a = 0; a < ti.attrs.size(); ++a)
      if (ti.attrs[a].ty.kind == Kind::Ref && !ti.attrs[a].ty.set && m.instances[i].factOfAttr[a] < 0) active[i] = true;
  }
  UnionFind inst;
  for (int i = 0; i < n; ++i) inst.add();
  auto link = [&](int a, std::int64_t b) {
    if (b >= 0 && b < n && active[a] && active[b]) inst.unite(a, static_cast<int>(b));
  };
  for (const Fact& f : m.facts) {
    const Ty& ty = m.types[m.instances[f.instance].type].attrs[f.attr].ty;
    if (ty.kind != Kind::Ref) continue;
    if (!ty.set && f.value.scalar != kNoInstance) link(f.instance, f.value.scalar);
    for (auto u : f.value.set.members) link(f.instance, u);
  }
  // A single reference the repair may set (a changeable or undeclared one)
  // may point at any active instance of its type: they are one part. (A set
  // gains only members of its own part, shared instances or new ones.)
  for (int i = 0; i < n; ++i) {
    if (!active[i]) continue;
    const TypeInfo& ti = m.types[m.instances[i].type];
    for (std::size_t a = 0; a < ti.attrs.size(); ++a) {
      const Ty& ty = ti.attrs[a].ty;
      if (ty.kind != Kind::Ref || ty.set) continue;
      int f = m.instances[i].factOfAttr[a];
      if (f >= 0 && low.substitutesFact(f)) continue;
      for (int u = 0; u < n; ++u)
        if (active[u] && m.instances[u].type == ty.decl) link(i, u);
    }
  }
  instancePart.assign(n, -1);
  std::unordered_map<int, int> partOfRoot;
  for (int i = 0; i < n; ++i)
    if (active[i]) instancePart[i] = partOfRoot.emplace(inst.find(i), static_cast<int>(partOfRoot.size())).first->second;
}

/// Splits the problem into parts that share no variable: a case's
/// independent parts (products with their own hearings) are repaired
/// separately, each a small MaxSMT problem, instead of one problem whose
/// cost grows far faster than its size. The minimum of a sum of independent
/// parts is the sum of their minima, so the repair stays minimal.
///
/// Two kinds of variables do not join parts:
/// - a declared instance that a set of another part could gain ("add h2 to
///   p1.consultations"): parts are what the changeable facts connect
///   (a product, its hearings), and a repair adds to a set only what its own
///   part holds or a new instance;
/// - the new instance of a type (the phantom, engine/smt/bindings.hpp) and
///   its attributes: each part gets its own, so two parts that each need a
///   new hearing get one each.
/// A constraint only about new instances goes to every part whose sets
/// could hold them.
void RepairSolver::Impl::decompose(bool byParts) {
  parts.clear();
  partOfConst.clear();
  std::vector<std::pair<z3::expr, int>> items;  // constraint, kind: 0 hard, 1 soft, 2 displacement
  std::vector<unsigned> weights;
  for (auto& [e, r] : hard) items.emplace_back(e, 0), weights.push_back(0);
  for (auto& d : domain) items.emplace_back(d, 0), weights.push_back(0);
  for (auto& sc : softs) items.emplace_back(sc.e, 1), weights.push_back(sc.weight);
  for (auto& d : displacement) items.emplace_back(d, 2), weights.push_back(0);
  for (auto& d : earlier) items.emplace_back(d, 3), weights.push_back(0);
  auto add = [&](Part& part, const z3::expr& e, std::size_t i) {
    switch (items[i].second) {
      case 0: part.hard.push_back(e); break;
      case 1: part.softs.push_back({e, weights[i]}); break;
      case 2: part.displacement.push_back(e); break;
      default: part.earlier.push_back(e); break;
    }
  };
  if (!byParts) {
    parts.emplace_back();
    for (std::size_t i = 0; i < items.size(); ++i) add(parts[0], items[i].first, i);
    return;
  }

  int n = static_cast<int>(m.instances.size());
  auto caseInstance = [&](std::int64_t i) { return i >= 0 && i < n && m.instances[i].module.empty(); };

  // What each variable is: 0 joins parts, 1 a membership of a new instance
  // (joins only with the rest of its constraint), 2 private to each part
  // (a new instance's attribute, or calendar variables of one), 3 cut (an
  // addition across parts: it stays false).
  std::unordered_map<unsigned, int> kindOf;
  std::function<int(const z3::expr&)> kind = [&](const z3::expr& c) -> int {
    if (auto it = kindOf.find(c.id()); it != kindOf.end()) return it->second;
    int k = 0;
    std::string name = c.decl().name().str();
    if (const Variable* v = low.varInfo(name)) {
      const Ty& ty = m.types[typeOfInstance(m, v->instance)].attrs[v->attr].ty;
      bool refElement = v->isMembership() && ty.kind == Kind::Ref;
      if (low.isPhantom(v->instance)) {
        k = 2;
      } else if (refElement && low.isPhantom(v->element)) {
        k = 1;
      } else if (refElement && caseInstance(v->instance) && caseInstance(v->element) &&
                 !sharesPart(v->instance, v->element)) {
        k = 3;
      }
    } else if (const z3::expr* src = low.auxSource(name)) {
      kindOf[c.id()] = 0;  // (no cycles: a calendar variable decomposes a date)
      auto cs = constantsOf(*src);
      k = cs.empty() ? 0 : 2;
      for (auto& x : cs)
        if (kind(x) != 2) k = 0;
    }
    kindOf[c.id()] = k;
    return k;
  };

  // Cut variables are false everywhere.
  std::vector<std::vector<z3::expr>> consts(items.size());
  z3::expr_vector cutFrom(ctx), cutTo(ctx);
  std::unordered_set<unsigned> cutSeen;
  for (std::size_t i = 0; i < items.size(); ++i) {
    consts[i] = constantsOf(items[i].first);
    for (auto& c : consts[i])
      if (kind(c) == 3 && cutSeen.insert(c.id()).second) cutFrom.push_back(c), cutTo.push_back(ctx.bool_val(false));
  }
  if (!cutFrom.empty())
    for (std::size_t i = 0; i < items.size(); ++i) {
      bool touches = std::any_of(consts[i].begin(), consts[i].end(), [&](const z3::expr& c) { return kind(c) == 3; });
      if (!touches) continue;
      assign(items[i].first, items[i].first.substitute(cutFrom, cutTo).simplify());
      consts[i] = constantsOf(items[i].first);
    }

  // Parts: the joining variables (and memberships of new instances) that
  // constraints connect.
  UnionFind uf;
  std::unordered_map<unsigned, int> node;  // constant id -> union-find key
  std::vector<z3::expr> nodeConst;
  auto nodeOf = [&](const z3::expr& c) {
    auto [it, fresh] = node.emplace(c.id(), 0);
    if (fresh) it->second = uf.add(), nodeConst.push_back(c);
    return it->second;
  };
  for (std::size_t i = 0; i < items.size(); ++i) {
    int first = -1;
    bool joining = std::any_of(consts[i].begin(), consts[i].end(), [&](const z3::expr& c) { return kind(c) == 0; });
    for (auto& c : consts[i]) {
      int k = kind(c);
      if (k == 2 || k == 3) continue;
      int x = nodeOf(c);
      if (k == 1 && !joining) continue;  // "some set holds the new instance": per part
      if (first < 0) first = x; else uf.unite(first, x);
    }
  }
  // Parts in the order of their first variable (the encoding's order): deterministic.
  std::unordered_map<int, int> partOfRoot;
  for (std::size_t x = 0; x < nodeConst.size(); ++x) {
    int root = uf.find(static_cast<int>(x));
    auto [it, fresh] = partOfRoot.emplace(root, static_cast<int>(parts.size()));
    if (fresh) parts.emplace_back();
    partOfConst[nodeConst[x].decl().id()] = it->second;
  }
  if (parts.empty()) parts.emplace_back();
  std::vector<std::size_t> privateOnly;
  std::vector<std::set<int>> itemParts(items.size());
  for (std::size_t i = 0; i < items.size(); ++i) {
    std::set<int> in;
    bool joining = false;
    for (auto& c : consts[i]) {
      int k = kind(c);
      if (k == 0 || k == 1) in.insert(partOf(c));
      joining |= k == 0;
    }
    if (joining || in.size() == 1) {
      // Joining variables are all in one part; so are the memberships with them.
      int p = -1;
      for (auto& c : consts[i])
        if (kind(c) == 0) { p = partOf(c); break; }
      if (p < 0) p = *in.begin();
      add(parts[p], items[i].first, i);
      itemParts[i].insert(p);
    } else if (!in.empty()) {
      // Only memberships of new instances (and their attributes): each part
      // gets the constraint with the other parts' memberships false.
      for (int p : in) {
        z3::expr_vector from(ctx), to(ctx);
        for (auto& c : consts[i])
          if (kind(c) == 1 && partOf(c) != p) from.push_back(c), to.push_back(ctx.bool_val(false));
        add(parts[p], items[i].first.substitute(from, to).simplify(), i);
        itemParts[i].insert(p);
      }
    } else if (consts[i].empty()) {
      // No variable at all: it holds or not whatever the repair does.
      if (!items[i].first.simplify().is_true()) add(parts[0], items[i].first, i), itemParts[i].insert(0);
    } else if (items[i].second == 0) {
      privateOnly.push_back(i);  // below
    } else {
      add(parts[0], items[i].first, i);
      itemParts[i].insert(0);
    }
  }
  // A constraint only about a new instance's own variables (a value range,
  // a calendar definition, a rule binding between new instances) goes to
  // every part that mentions one of its variables, directly or through
  // another such constraint.
  if (privateOnly.empty()) return;
  std::vector<std::unordered_set<unsigned>> mentioned(parts.size());
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (std::find(privateOnly.begin(), privateOnly.end(), i) != privateOnly.end()) continue;
    for (auto& c : consts[i]) {
      if (kind(c) != 2) continue;
      for (int p : itemParts[i]) mentioned[p].insert(c.id());
    }
  }
  for (std::size_t p = 0; p < parts.size(); ++p) {
    std::vector<bool> taken(privateOnly.size(), false);
    for (bool grew = true; grew;) {
      grew = false;
      for (std::size_t k = 0; k < privateOnly.size(); ++k) {
        if (taken[k]) continue;
        const auto& cs = consts[privateOnly[k]];
        bool needed = std::any_of(cs.begin(), cs.end(), [&](const z3::expr& c) { return mentioned[p].count(c.id()) > 0; });
        if (!needed) continue;
        taken[k] = grew = true;
        for (auto& c : cs) mentioned[p].insert(c.id());
      }
    }
    for (std::size_t k = 0; k < privateOnly.size(); ++k)
      if (taken[k]) add(parts[p], items[privateOnly[k]].first, privateOnly[k]);
  }
}

/// The minimal repair of one part with Z3's Optimize (MaxSMT, maxres):
/// first the cost of the changes, then the displacement of moved numbers
/// and dates, then whether declared dates move earlier, then the members of
/// sets it declares. The repair budget
/// holds per part: its resource limit, and the wall-clock backstop. (Measured against a bisection on
/// the cost with a plain solver and Z3's older arithmetic solver: as fast
/// on the N-products series once the parts are split, several times slower
/// on the bundled examples, and it breaks ties differently; bench/README.md.)
///
/// Each part is solved in a Z3 context of its own, its terms translated
/// into it: in the encoding's context, which holds every part's terms, each
/// part cost more the more parts came before it (N products: 210 ms of CPU
/// per part at N = 10, 334 ms at N = 50 for the same problem), and what Z3
/// picks among equally small repairs of one part would depend on the others.
z3::check_result RepairSolver::Impl::solvePart(Part& part, std::string& reason) {
  const Limits& left = limits;
  // Everything the part asks, in one vector, translated at once (shared
  // subterms once): the hard constraints, the soft ones, then the objectives.
  z3::expr_vector terms(ctx);
  for (auto& h : part.hard) terms.push_back(h);
  for (auto& sc : part.softs) terms.push_back(sc.e);
  std::vector<z3::expr> objectives;
  auto sumOf = [&](const std::vector<z3::expr>& es) {
    z3::expr_vector d(ctx);
    for (auto& e : es) d.push_back(e);
    return z3::sum(d);
  };
  if (!part.displacement.empty()) objectives.push_back(sumOf(part.displacement));
  if (!part.earlier.empty()) objectives.push_back(sumOf(part.earlier));
  // Last, of equally small repairs, the one whose sets it declares hold the
  // fewest members, declared instances before new ones: "declare
  // responsible = { leverandoeren }", not a new actor nothing asked for.
  std::vector<z3::expr> members;
  std::unordered_set<unsigned> seen;
  std::vector<z3::expr> vars;
  for (auto& h : part.hard) constantsOf(h, seen, vars);
  for (auto& v : vars) {
    const Variable* info = low.varInfo(v.decl().name().str());
    if (!info || !info->isMembership() || low.isPhantom(info->instance)) continue;
    if (m.instances[info->instance].factOfAttr[info->attr] >= 0) continue;  // declared: its own costs
    const Ty& ty = m.types[m.instances[info->instance].type].attrs[info->attr].ty;
    int weight = ty.kind == Kind::Ref && low.isPhantom(info->element) ? 2 : 1;
    members.push_back(z3::ite(v, ctx.int_val(weight), ctx.int_val(0)));
  }
  if (!members.empty()) objectives.push_back(sumOf(members));
  for (auto& o : objectives) terms.push_back(o);

  // A small part (a fact to keep and its range, one undeclared date) is
  // solved in the encoding's context: a context of its own would cost more
  // to make than the part does to solve (kritisk-info-helseforetak's repair,
  // mostly such parts, took 0.36 s of CPU with one context per part against
  // 0.21 s).
  const bool small = terms.size() < kOwnContextTerms;
  std::optional<z3::context> fresh;
  if (!small) fresh.emplace();
  z3::context& own = small ? ctx : *fresh;
  z3::expr_vector t = small ? terms : z3::expr_vector(own, terms);  // Z3_ast_vector_translate
  z3::optimize opt(own);
  z3::params params = limitParams(own, left);
  // maxres without its hill climbing of cores: the same repairs (the golden
  // files), a fifth less solving on the N-products series (bench/README.md).
  params.set("maxres.hill_climb", false);
  opt.set(params);
  unsigned k = 0;
  for (std::size_t i = 0; i < part.hard.size(); ++i) opt.add(t[k++]);
  for (auto& sc : part.softs) opt.add_soft(t[k++], sc.weight);
  for (std::size_t i = 0; i < objectives.size(); ++i) opt.minimize(t[k++]);
  auto started = std::chrono::steady_clock::now();
  z3::check_result r = opt.check();
  if (r == z3::sat) {
    z3::model found = opt.get_model();
    if (small)
      part.model.emplace(found);
    else
      part.model.emplace(found, ctx, z3::model::translate());
  }
  if (r == z3::unknown) {
    reason = Z3_optimize_get_reason_unknown(own, opt);
    // Z3 says "canceled", "timeout", "max. resource limit exceeded" or just
    // "unknown" when the budget ends the search; the resource units it
    // counted, or the clock, tell.
    unsigned long long used = 0;
    z3::stats st = opt.statistics();
    for (unsigned i = 0; i < st.size(); ++i)
      if (st.key(i) == "rlimit count") used = st.is_uint(i) ? st.uint_value(i) : static_cast<unsigned long long>(st.double_value(i));
    bool outOfUnits = limits.rlimit && used >= limits.rlimit;
    bool outOfTime = left.timeoutMs && std::chrono::steady_clock::now() - started >= std::chrono::milliseconds(left.timeoutMs);
    if (outOfUnits || outOfTime || reason == "canceled" || reason == "timeout" ||
        reason.find("resource limit") != std::string::npos)
      reason = kRepairBudgetReason;
  }
  return r;
}

Answer RepairSolver::solve(const RepairProblem& p) {
  return guarded("repair", [&] {
    Impl& s = *impl_;
    s.low.setFreeFacts(p.freeFacts);
    // References held by declared instances point only at declared
    // instances: "set step to an undeclared plan step" repairs nothing.
    s.low.setDeclaredRefsOnly(true);
    if (p.byParts) {
      // Rule bindings part by part, each over its own instances and the
      // shared ones, so that a case of N independent products is N small
      // encodings rather than one of N^2 cross bindings ("is h7 one of
      // p3's hearings?"); the bindings over shared instances alone once.
      s.partitionInstances();
      int count = 0;
      for (int k : s.instancePart) count = std::max(count, k + 1);
      for (int part = -1; part < count; ++part) {
        if (part < 0)
          s.low.setUniverseFilter([&](std::int64_t u) { return s.instancePart[u] < 0; });
        else
          s.low.setUniverseFilter([&, part](std::int64_t u) { return s.instancePart[u] < 0 || s.instancePart[u] == part; });
        s.encodeRules(p, [&, part](const RuleInfo& rule, const std::vector<std::int64_t>& b) {
          bool mine = part < 0;
          for (std::size_t k = 0; k < b.size() && k < rule.bindings.size(); ++k) {
            auto u = b[k];
            if (rule.bindings[k].ty.kind == Kind::Ref && u >= 0 &&
                u < static_cast<std::int64_t>(s.instancePart.size()) && s.instancePart[u] == part)
              mine = true;
          }
          return mine;
        });
      }
      s.low.setUniverseFilter(nullptr);
    } else {
      s.encodeRules(p);
    }
    s.encodePreferences(p);
    auto domain = s.low.takeDomainConstraints();
    for (auto& d : s.low.allDefinitions()) domain.push_back(d);
    for (auto& d : domain) s.domain.push_back(d);
    s.decompose(p.byParts);
    // Every part is solved, in order; the first that has no repair or that
    // the budget stops decides the answer.
    z3::model all(s.ctx);
    for (auto& part : s.parts) {
      std::string reason;
      z3::check_result r = s.solvePart(part, reason);
      if (r != z3::sat) return answerOf(r, reason);
      for (unsigned i = 0; i < part.model->num_consts(); ++i) {
        z3::func_decl d = part.model->get_const_decl(i);
        if (all.has_interp(d)) continue;
        z3::expr v = part.model->get_const_interp(d);
        all.add_const_interp(d, v);
      }
    }
    s.model.emplace(all);
    return Answer::sat();
  });
}

std::vector<int> RepairSolver::conflictingRules() {
  return guarded("repair", [&] {
    Impl& s = *impl_;
    z3::solver solver(s.ctx, z3::solver::simple());
    applyLimits(solver, s.questionLimits);
    for (auto& d : s.domain) solver.add(d);
    z3::expr_vector trackers(s.ctx);
    std::map<unsigned, int> ruleOf;
    for (std::size_t i = 0; i < s.hard.size(); ++i) {
      z3::expr t = s.ctx.bool_const(("rule#" + std::to_string(i)).c_str());
      solver.add(z3::implies(t, s.hard[i].first));
      trackers.push_back(t);
      ruleOf[t.id()] = s.hard[i].second;
    }
    std::set<int> rules;
    if (solver.check(trackers) == z3::unsat) {
      auto core = solver.unsat_core();
      std::vector<z3::expr> c;
      for (unsigned i = 0; i < core.size(); ++i) c.push_back(core[i]);
      for (auto& t : shrinkCore(solver, std::move(c))) rules.insert(ruleOf.at(t.id()));
    }
    return std::vector<int>(rules.begin(), rules.end());
  });
}

std::vector<int> RepairSolver::changedFacts() {
  if (!impl_->model) throw InternalError("changedFacts(): no repair found");
  return guarded("repair", [&] {
    std::set<int> changed;
    for (auto& [c, fi] : impl_->facts)
      if (!impl_->model->eval(c, true).is_true()) changed.insert(fi);
    return std::vector<int>(changed.begin(), changed.end());
  });
}

FactValue RepairSolver::value(int instance, int attr, bool open, std::vector<std::int64_t>* phantoms) {
  if (!impl_->model) throw InternalError("value(): no repair found");
  return guarded("repair", [&] {
    Impl& s = *impl_;
    // The part of this set: a new instance it gains is that part's own.
    s.lastPart = -1;
    const Ty& ty = s.m.types[typeOfInstance(s.m, instance)].attrs[attr].ty;
    if (ty.set)
      for (auto u : s.low.universe(ty.element()))
        if (s.low.isPhantom(u) && ty.kind == Kind::Ref) s.lastPart = s.partOf(s.low.memberTerm(instance, attr, u));
    return decodeAttr(*s.model, s.low, instance, attr, open, phantoms);
  });
}

std::vector<std::pair<int, FactValue>> RepairSolver::phantomValues(std::int64_t phantom) {
  if (!impl_->model) throw InternalError("phantomValues(): no repair found");
  return guarded("repair", [&] {
    Impl& s = *impl_;
    const z3::model& model = s.lastPart >= 0 ? *s.parts[s.lastPart].model : *s.model;
    return decodePhantom(model, s.low, phantom);
  });
}

}  // namespace samsvar::smt

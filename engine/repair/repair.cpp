#include "engine/repair/repair.hpp"

#include <algorithm>
#include <map>
#include <optional>
#include <set>

#include "engine/check/checker_impl.hpp"
#include "engine/smt/lower.hpp"

namespace samsvar {

using namespace model;

namespace {

bool isBinding(ast::Strength s) { return s == ast::Strength::maa || s == ast::Strength::skal; }

/// Findings that a repair must fix: må/skal violations and gaps without a waiver.
bool needsRepair(const Model& m, const Finding& f) {
  return isBinding(m.rules[f.rule].strength) && (f.verdict == Verdict::violated || f.verdict == Verdict::gap);
}

// Costs of a repair. Changing a declared value or removing a declared member
// costs more than adding what is missing, so that "add a høring" beats
// "lower the level" and "move the deadline" beats "drop the høring".
constexpr unsigned kFactWeight = 10;    // keeping a declared scalar value
// Re-pointing a reference (the main responsible of a process, the roadmap
// step a delivery answers) changes who or what the case is about: it costs
// as much as three other changes.
constexpr unsigned kRefWeight = 30;
constexpr unsigned kMemberWeight = 10;  // keeping a declared member of a set
constexpr unsigned kAddWeight = 4;      // not adding a member to a complete set
// A new instance (a further Choice, Consultation, …) is a whole new object
// for the user to fill in: it costs more than changing one declared value,
// so a repair adds one only when no such change does.
constexpr unsigned kNewInstanceWeight = kFactWeight + kAddWeight;
constexpr unsigned kShouldWeight = 1;   // satisfying a bør rule

class Repairer {
 public:
  /// `free`: the declared facts the repair may change (indexed by fact);
  /// every other declared fact is a constant.
  Repairer(Checker& checker, z3::context& ctx, const Model& m, const CaseResult& result, std::vector<bool> free)
      : checker_(checker), ctx_(ctx), m_(m), result_(result), low_(ctx_, m, true),
        opt_(ctx_) {
    low_.setFreeFacts(std::move(free));
    low_.setDeclaredRefsOnly(true);
  }

  RepairResult run() {
    RepairResult out;
    if (std::none_of(result_.findings.begin(), result_.findings.end(),
                     [&](const Finding& f) { return needsRepair(m_, f); }))
      return out;
    z3::params p(ctx_);
    // The resource limit decides when a repair gives up, deterministically
    // (the same case gives the same report on any machine); the time limit
    // is only a safety net far above it.
    p.set("rlimit", static_cast<unsigned>(std::min<unsigned long long>(checker_.options().repairRlimit, 4'000'000'000ULL)));
    if (checker_.options().timeoutMs) p.set("timeout", checker_.options().timeoutMs * 30);
    opt_.set(p);
    buildConstraints();
    addFactPreferences();
    auto domain = low_.takeDomainConstraints();
    for (auto& d : low_.allDefinitions()) domain.push_back(d);
    for (auto& d : domain) {
      opt_.add(d);
      domain_.push_back(d);
    }
    z3::check_result r = opt_.check();
    if (r == z3::unknown) {
      out.status = RepairResult::Status::unknown;
      out.reason = Z3_optimize_get_reason_unknown(ctx_, opt_);
      return out;
    }
    if (r == z3::unsat) {
      out.status = RepairResult::Status::impossible;
      out.conflicting = conflictingRules();
      return out;
    }
    model_ = std::make_unique<z3::model>(opt_.get_model());
    out.status = RepairResult::Status::found;
    collectChanges(out);
    complete(out);
    return out;
  }

 private:
  void buildConstraints() {
    std::set<std::pair<int, std::vector<std::int64_t>>> waived, broken;
    for (const auto& f : result_.findings) {
      if (f.verdict == Verdict::deviated || f.verdict == Verdict::exempted) waived.insert({f.rule, f.binding});
      if (needsRepair(m_, f)) broken.insert({f.rule, f.binding});
    }
    for (int r : m_.activeRules) {
      const RuleInfo& rule = m_.rules[r];
      if (rule.strength == ast::Strength::kan) continue;
      forEachBinding(low_, rule, false, [&](Lowering::Env& env, const std::vector<z3::expr>& conds) {
        std::vector<std::int64_t> b(env.begin(), env.begin() + static_cast<long>(rule.bindings.size()));
        if (waived.count({r, b})) return;
        // A waiver naming no instance covers every binding, also of new members.
        for (const auto& w : m_.waivers)
          if (w.rule == r && w.target < 0) return;
        RuleTerms terms = ruleTerms(low_, rule, env, conds);
        // A violated or open rule is repaired by making it hold where it
        // applies, not by changing the case until it no longer applies
        // (moving a process to another one, dropping a target group).
        z3::expr phi = broken.count({r, b}) ? terms.app && terms.req : terms.phi();
        if (isBinding(rule.strength)) {
          opt_.add(phi);
          hard_.emplace_back(phi, r);
        } else {
          opt_.add_soft(phi, kShouldWeight);
        }
      }, /*phantoms=*/true);
    }
  }

  void addFactPreferences() {
    z3::expr_vector displacement(ctx_);
    for (std::size_t fi = 0; fi < m_.facts.size(); ++fi) {
      const Fact& fact = m_.facts[fi];
      if (low_.substitutesFact(static_cast<int>(fi))) continue;  // not to be changed
      const Ty& ty = m_.types[m_.instances[fact.instance].type].attrs[fact.attr].ty;
      if (!ty.set) {
        z3::expr v = low_.attrTerm(fact.instance, fact.attr);
        z3::expr c = ty.kind == Kind::Bool ? v == ctx_.bool_val(fact.value.scalar != 0)
                                           : v == ctx_.int_val(static_cast<int64_t>(fact.value.scalar));
        opt_.add_soft(c, ty.kind == Kind::Ref ? kRefWeight : kFactWeight);
        facts_.emplace_back(c, static_cast<int>(fi));
        if (ty.kind == Kind::Date || ty.kind == Kind::Int || ty.kind == Kind::Duration) {
          z3::expr old = ctx_.int_val(static_cast<int64_t>(fact.value.scalar));
          displacement.push_back(z3::ite(v >= old, v - old, old - v));
        }
        continue;
      }
      const SetValue& sv = fact.value.set;
      for (auto u : low_.universe(ty.element())) {
        z3::expr mem = low_.memberTerm(fact.instance, fact.attr, u);
        bool in = std::find(sv.members.begin(), sv.members.end(), u) != sv.members.end();
        if (in) {
          opt_.add_soft(mem, kMemberWeight);
          facts_.emplace_back(mem, static_cast<int>(fi));
        } else if (!sv.open) {
          opt_.add_soft(!mem, ty.kind == Kind::Ref && low_.isPhantom(u) ? kNewInstanceWeight : kAddWeight);
          facts_.emplace_back(!mem, static_cast<int>(fi));
        }
      }
    }
    // An undeclared date or number the repair may have to declare: as close
    // as it can be to the bound the check found for it ("2023-02-01 or
    // earlier" becomes 2023-02-01), else to a date the same instance
    // declares, instead of whatever value the solver happens to pick
    // (1970-01-01).
    std::set<std::pair<int, int>> anchored;
    auto anchor = [&](int inst, int attr, std::int64_t at) {
      if (!anchored.insert({inst, attr}).second) return;
      z3::expr v = low_.attrTerm(inst, attr);
      z3::expr a = ctx_.int_val(static_cast<int64_t>(at));
      displacement.push_back(z3::ite(v >= a, v - a, a - v));
    };
    for (const auto& f : result_.findings)
      for (const auto& g : f.gaps)
        if (!g.bound.empty() && g.instance >= 0 && g.attr >= 0) anchor(g.instance, g.attr, g.boundValue);
    for (std::size_t i = 0; i < m_.instances.size(); ++i) {
      const Instance& in = m_.instances[i];
      if (!in.module.empty()) continue;
      const TypeInfo& ti = m_.types[in.type];
      std::optional<std::int64_t> declaredDate;
      for (std::size_t a = 0; a < ti.attrs.size() && !declaredDate; ++a)
        if (in.factOfAttr[a] >= 0 && ti.attrs[a].ty.kind == Kind::Date && !ti.attrs[a].ty.set)
          declaredDate = m_.facts[in.factOfAttr[a]].value.scalar;
      if (!declaredDate) continue;
      for (std::size_t a = 0; a < ti.attrs.size(); ++a)
        if (in.factOfAttr[a] < 0 && ti.attrs[a].ty.kind == Kind::Date && !ti.attrs[a].ty.set &&
            low_.varInfo(in.name + "." + ti.attrs[a].name))
          anchor(static_cast<int>(i), static_cast<int>(a), *declaredDate);
    }
    // Second objective, after the number of changes: a moved date or number
    // moves as little as it must ("move the deadline to 2024-04-12", not to
    // any date the solver happens to find).
    if (!displacement.empty()) opt_.minimize(z3::sum(displacement));
  }

  std::vector<int> conflictingRules() {
    z3::solver s(ctx_, z3::solver::simple());
    configureSolver(ctx_, s, limitsOf(checker_.options()));
    for (auto& d : domain_) s.add(d);
    z3::expr_vector trackers(ctx_);
    std::map<unsigned, int> ruleOf;
    for (std::size_t i = 0; i < hard_.size(); ++i) {
      z3::expr t = ctx_.bool_const(("rule#" + std::to_string(i)).c_str());
      s.add(z3::implies(t, hard_[i].first));
      trackers.push_back(t);
      ruleOf[t.id()] = hard_[i].second;
    }
    std::set<int> rules;
    if (s.check(trackers) == z3::unsat) {
      auto core = s.unsat_core();
      std::vector<z3::expr> c;
      for (unsigned i = 0; i < core.size(); ++i) c.push_back(core[i]);
      for (auto& t : shrinkCore(s, std::move(c))) rules.insert(ruleOf.at(t.id()));
    }
    return {rules.begin(), rules.end()};
  }

  std::int64_t intValue(const z3::expr& e) {
    int64_t n = 0;
    model_->eval(e, true).is_numeral_i64(n);
    return n;
  }

  /// The fact's value as the repair model has it.
  FactValue modelValue(int inst, int attr, const Ty& ty, bool open, std::vector<int>* phantoms) {
    FactValue v;
    if (ty.set) {
      v.set.open = open;
      for (auto u : low_.universe(ty.element())) {
        if (!model_->eval(low_.memberTerm(inst, attr, u), true).is_true()) continue;
        if (ty.kind == Kind::Ref && low_.isPhantom(u)) {
          if (phantoms) phantoms->push_back(static_cast<int>(u));
          continue;
        }
        v.set.members.push_back(static_cast<int>(u));
      }
    } else if (ty.kind == Kind::Bool) {
      v.scalar = model_->eval(low_.attrTerm(inst, attr), true).is_true() ? 1 : 0;
    } else {
      v.scalar = intValue(low_.attrTerm(inst, attr));
    }
    return v;
  }

  /// A value as the report shows it, in both languages (they differ only
  /// where new instances are described).
  Bilingual show(const Ty& ty, const FactValue& v, const std::vector<int>& phantoms = {}) {
    if (ty.set) {
      std::string nb = "{ ", en = "{ ";
      bool first = true;
      for (int e : v.set.members) {
        std::string t = valueText(m_, ty.element(), e);
        nb += (first ? "" : ", ") + t;
        en += (first ? "" : ", ") + t;
        first = false;
      }
      for (int ph : phantoms) {
        Bilingual t = phantomText(ph);
        nb += (first ? "" : ", ") + t.nb;
        en += (first ? "" : ", ") + t.en;
        first = false;
      }
      if (v.set.open) {
        nb += first ? "..." : ", ...";
        en += first ? "..." : ", ...";
      }
      if (first && !v.set.open) return Bilingual{"{}", "{}"};
      return Bilingual{nb + " }", en + " }"};
    }
    // Which text the solver picked says nothing: a repair can only ask for
    // some non-empty text.
    std::string t = ty.kind == Kind::Text ? (v.scalar == 0 ? "\"\"" : "\"…\"") : valueText(m_, ty, v.scalar);
    return Bilingual{t, t};
  }

  Bilingual phantomText(int ph) {
    const TypeInfo& ti = m_.types[low_.phantomType(ph)];
    std::string withNb, withEn;
    for (std::size_t a = 0; a < ti.attrs.size(); ++a) {
      std::string n = "?" + ti.name + "." + ti.attrs[a].name;
      if (!low_.varInfo(n) || ti.attrs[a].ty.set) continue;
      FactValue fv = modelValue(ph, static_cast<int>(a), ti.attrs[a].ty, false, nullptr);
      Bilingual v = show(ti.attrs[a].ty, fv);
      withNb += (withNb.empty() ? "" : ", ") + ti.attrs[a].name + " = " + v.nb;
      withEn += (withEn.empty() ? "" : ", ") + ti.attrs[a].name + " = " + v.en;
    }
    return Bilingual{"en ny " + ti.name + (withNb.empty() ? "" : " med " + withNb),
                 "a new " + ti.name + (withEn.empty() ? "" : " with " + withEn)};
  }

  void addPhantoms(RepairResult& out, const std::vector<int>& phantoms, const std::string& intoSet,
                   const std::vector<std::string>& fixes) {
    for (int ph : phantoms) {
      RepairChange c;
      c.kind = RepairChange::Kind::add_instance;
      c.type = low_.phantomType(ph);
      const TypeInfo& ti = m_.types[c.type];
      for (std::size_t a = 0; a < ti.attrs.size(); ++a) {
        std::string n = "?" + ti.name + "." + ti.attrs[a].name;
        if (!low_.varInfo(n) || ti.attrs[a].ty.set) continue;
        c.attrs.emplace_back(static_cast<int>(a), modelValue(ph, static_cast<int>(a), ti.attrs[a].ty, false, nullptr));
      }
      Bilingual t = phantomText(ph);
      c.to = t.en;
      c.toNb = t.nb;
      c.intoSet = intoSet;
      c.fixes = fixes;
      out.changes.push_back(std::move(c));
    }
  }

  std::vector<std::string> rulesTouching(int inst, int attr, int fact) {
    std::set<std::string> ids;
    for (const auto& f : result_.findings) {
      if (!needsRepair(m_, f)) continue;
      bool touches = false;
      for (const auto& e : f.because) touches |= e.fact == fact && fact >= 0;
      for (const auto& g : f.gaps) touches |= g.instance == inst && g.attr == attr;
      if (touches) ids.insert(m_.rules[f.rule].id);
    }
    return {ids.begin(), ids.end()};
  }

  void collectChanges(RepairResult& out) {
    std::set<int> changed;
    for (auto& [c, fi] : facts_)
      if (!model_->eval(c, true).is_true()) changed.insert(fi);
    for (int fi : changed) {
      const Fact& fact = m_.facts[fi];
      const Ty& ty = m_.types[m_.instances[fact.instance].type].attrs[fact.attr].ty;
      std::vector<int> phantoms;
      RepairChange ch;
      ch.kind = RepairChange::Kind::change;
      ch.instance = fact.instance;
      ch.type = m_.instances[fact.instance].type;
      ch.attr = fact.attr;
      ch.path = m_.instances[fact.instance].name + "." + m_.types[ch.type].attrs[fact.attr].name;
      ch.from = show(ty, fact.value).en;
      ch.value = modelValue(fact.instance, fact.attr, ty, fact.value.set.open, &phantoms);
      Bilingual to = show(ty, ch.value, phantoms);
      ch.to = to.en;
      ch.toNb = to.nb;
      ch.fixes = rulesTouching(fact.instance, fact.attr, fi);
      ch.span = fact.span;
      out.changes.push_back(ch);
      addPhantoms(out, phantoms, ch.path, ch.fixes);
    }
  }

  void addDeclaration(RepairResult& out, int inst, int attr) {
    for (const auto& c : out.changes)
      if (c.instance == inst && c.attr == attr) return;
    const Ty& ty = m_.types[m_.instances[inst].type].attrs[attr].ty;
    std::vector<int> phantoms;
    RepairChange ch;
    ch.kind = m_.instances[inst].module.empty() ? RepairChange::Kind::add : RepairChange::Kind::assume;
    ch.instance = inst;
    ch.type = m_.instances[inst].type;
    ch.attr = attr;
    ch.path = m_.instances[inst].name + "." + m_.types[ch.type].attrs[attr].name;
    ch.value = modelValue(inst, attr, ty, false, &phantoms);
    Bilingual to = show(ty, ch.value, phantoms);
    ch.to = to.en;
    ch.toNb = to.nb;
    ch.fixes = rulesTouching(inst, attr, -1);
    ch.span = m_.instances[inst].span;
    out.changes.push_back(ch);
    addPhantoms(out, phantoms, ch.path, ch.fixes);
  }

  /// Declares undeclared attributes (with the repair model's values) until
  /// the repaired case has no må/skal violation or gap left.
  void complete(RepairResult& out) {
    for (const auto& f : result_.findings)
      if (needsRepair(m_, f))
        for (const auto& g : f.gaps) addDeclaration(out, g.instance, g.attr);
    for (int round = 0; round < 8; ++round) {
      Model repaired = applyRepair(m_, out);
      CaseResult again = checker_.check(repaired);
      bool clean = true;
      for (const auto& f : again.findings) {
        if (!needsRepair(repaired, f)) continue;
        clean = false;
        for (const auto& g : f.gaps)
          if (g.instance < static_cast<int>(m_.instances.size())) addDeclaration(out, g.instance, g.attr);
      }
      if (clean) break;
    }
    describeBounds(out);
    std::stable_sort(out.changes.begin(), out.changes.end(), [](const RepairChange& a, const RepairChange& b) {
      return std::tie(a.span.file, a.span.begin, a.path) < std::tie(b.span.file, b.span.begin, b.path);
    });
  }

  /// A moved or declared number or date: says which side of the new value
  /// also satisfies ("2024-04-12 or later"), when every må/skal rule that
  /// depends on it, checked with it left open in the repaired case, has a
  /// bound on the same side and the tightest one is the new value.
  void describeBounds(RepairResult& out) {
    Model repaired = applyRepair(m_, out);
    for (auto& c : out.changes) {
      if (c.kind != RepairChange::Kind::change && c.kind != RepairChange::Kind::add) continue;
      if (c.instance < 0 || c.attr < 0) continue;
      const Ty& ty = m_.types[c.type].attrs[c.attr].ty;
      if (ty.set || !(ty.kind == Kind::Int || ty.kind == Kind::Date || ty.kind == Kind::Duration)) continue;
      Model open = repaired;
      open.instances[c.instance].factOfAttr[c.attr] = -1;
      CaseResult r = checker_.check(open);
      std::string side;
      std::optional<std::int64_t> tightest;
      bool agree = true;
      for (const auto& f : r.findings) {
        for (const auto& g : f.gaps) {
          if (g.instance != c.instance || g.attr != c.attr) continue;
          if (!isBinding(open.rules[f.rule].strength)) continue;
          if (g.bound.empty() || (!side.empty() && g.bound != side) || f.gaps.size() != 1) agree = false;
          if (!agree) break;
          side = g.bound;
          bool after = side == "on_or_after";
          if (!tightest || (after ? g.boundValue > *tightest : g.boundValue < *tightest)) tightest = g.boundValue;
        }
        if (!agree) break;
      }
      if (agree && tightest && *tightest == c.value.scalar) c.bound = side;
    }
  }

  Checker& checker_;
  z3::context& ctx_;
  const Model& m_;
  const CaseResult& result_;
  Lowering low_;
  z3::optimize opt_;
  std::vector<std::pair<z3::expr, int>> hard_;
  std::vector<std::pair<z3::expr, int>> facts_;
  std::vector<z3::expr> domain_;
  std::unique_ptr<z3::model> model_;
};

}  // namespace

RepairResult computeRepair(Checker& checker, const Model& m, const CaseResult& result) {
  try {
    // First the facts that cause the findings: every repair must change at
    // least one fact of each violation's core, and with the rest of the case
    // fixed the MaxSMT problem stays small (symbolic dates in particular).
    // When that is not enough (a change there breaks another rule, or a core
    // is missing), every fact the case itself declares may change; the
    // rulebase's reference data never does.
    std::vector<bool> causes(m.facts.size(), false), caseFacts(m.facts.size(), false);
    bool coresComplete = true;
    for (std::size_t fi = 0; fi < m.facts.size(); ++fi)
      caseFacts[fi] = m.instances[m.facts[fi].instance].module.empty();
    for (const auto& f : result.findings) {
      if (!needsRepair(m, f) || f.verdict != Verdict::violated) continue;
      if (f.because.empty()) coresComplete = false;
      for (const auto& e : f.because) causes[e.fact] = caseFacts[e.fact];
    }
    if (coresComplete && causes != caseFacts) {
      // Each attempt in a fresh context: which of several equally small
      // repairs Z3 finds depends on every term its context has seen, and a
      // report must not depend on the cases checked before it.
      z3::context ctx;
      RepairResult narrow = Repairer(checker, ctx, m, result, causes).run();
      if (narrow.status == RepairResult::Status::found || narrow.status == RepairResult::Status::not_needed)
        return narrow;
    }
    z3::context ctx;
    Repairer r(checker, ctx, m, result, caseFacts);
    return r.run();
  } catch (const z3::exception& e) {
    throw InternalError(std::string("solver error in repair: ") + e.msg());
  }
}

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
  // New instances first, so that sets can name them.
  std::map<std::string, std::vector<int>> newMembers;
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
    newMembers[c.intoSet].push_back(idx);
  }
  for (const auto& c : repair.changes) {
    if (c.kind == RepairChange::Kind::add_instance) continue;
    FactValue v = c.value;
    const Ty& ty = m.types[c.type].attrs[c.attr].ty;
    if (ty.kind == Kind::Text && !ty.set && (v.scalar < 0 || v.scalar >= static_cast<std::int64_t>(out.texts.size())))
      v.scalar = out.internText("(repair: text required)");
    for (int n : newMembers[c.path]) v.set.members.push_back(n);
    setFact(c.instance, c.attr, v, c.span);
  }
  // New instances joined a set that was not otherwise changed (an open set).
  for (const auto& entry : newMembers) {
    const std::string& path = entry.first;
    const auto& members = entry.second;
    // (no structured binding: clang 14 cannot capture one in a lambda)
    bool handled = std::any_of(repair.changes.begin(), repair.changes.end(), [&](const RepairChange& c) {
      return c.kind != RepairChange::Kind::add_instance && c.path == path;
    });
    if (handled) continue;
    auto dot = path.find('.');
    auto it = out.instanceByName.find(path.substr(0, dot));
    if (it == out.instanceByName.end()) continue;
    const TypeInfo& ti = out.types[out.instances[it->second].type];
    auto a = ti.attrIndex.find(path.substr(dot + 1));
    if (a == ti.attrIndex.end()) continue;
    int fi = out.instances[it->second].factOfAttr[a->second];
    FactValue v = fi >= 0 ? out.facts[fi].value : FactValue{};
    if (fi < 0) v.set.open = true;
    for (int n : members) v.set.members.push_back(n);
    setFact(it->second, a->second, v, Span{});
  }
  return out;
}

}  // namespace samsvar

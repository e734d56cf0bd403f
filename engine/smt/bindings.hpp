// The elements a rule's variables range over, and the one enumerator of a
// rule's bindings. Z3-free: checking, repair and rulebase analysis all bind
// rules through it, with or without lowering the memberships.
#pragma once

#include <cstdint>
#include <vector>

#include "engine/sema/model.hpp"

namespace samsvar::smt {

/// Values of a rule's variable slots (its bindings, then its quantifier
/// variables): enum value or instance indices, -1 while unset.
using Env = std::vector<std::int64_t>;

/// An unset Env for `rule` (one slot at least).
Env emptyEnv(const model::RuleInfo& rule);

/// The elements of an element type: every value of an enum, or the declared
/// instances of a type in declaration order.
std::vector<std::int64_t> declaredElements(const model::Model& m, const model::Ty& elem);

/// The same plus, for a type, its phantom: one undeclared further instance,
/// numbered `m.instances.size() + type`, which stands for every instance a
/// case does not declare (what an open set may still contain).
std::vector<std::int64_t> elementsWithPhantom(const model::Model& m, const model::Ty& elem);

/// Whether an instance index is a phantom (see elementsWithPhantom).
inline bool isPhantom(const model::Model& m, std::int64_t instance) {
  return instance >= static_cast<std::int64_t>(m.instances.size());
}
/// The type a phantom stands for.
inline int phantomType(const model::Model& m, std::int64_t phantom) {
  return static_cast<int>(phantom - static_cast<std::int64_t>(m.instances.size()));
}
/// The type of an instance, declared or phantom.
inline int typeOfInstance(const model::Model& m, std::int64_t instance) {
  return isPhantom(m, instance) ? phantomType(m, instance) : m.instances[instance].type;
}

/// What the enumerator asks at each slot and reports for each binding.
class BindingVisitor {
 public:
  virtual ~BindingVisitor() = default;
  /// The elements slot `binding` ranges over, in the order they are tried.
  virtual std::vector<std::int64_t> candidates(const model::Binding& binding) = 0;
  /// The candidates of slot `slot` given the slots before it, when the
  /// visitor knows them cheaply: the same elements, in the same order, as
  /// candidates() less some that enter() would skip (the members of a set
  /// known exactly), or a cached candidates(). null: candidates() is asked.
  /// The list must stay valid until the enumeration ends.
  virtual const std::vector<std::int64_t>* candidatesAt(std::size_t slot, Env& env) { return nullptr; }
  /// Slot `slot` of `env` holds a candidate: false skips it (it is certainly
  /// not a member of the binding's set).
  virtual bool enter(std::size_t slot, Env& env) = 0;
  /// The bindings below an entered candidate are done.
  virtual void leave(std::size_t slot) {}
  /// Every binding slot of `env` holds an element.
  virtual void visit(Env& env) = 0;
};

/// Enumerates the bindings of `rule`, slot by slot, candidates in order: the
/// order of findings, cores and repairs follows it.
void forEachBinding(const model::RuleInfo& rule, BindingVisitor& visitor);

}  // namespace samsvar::smt

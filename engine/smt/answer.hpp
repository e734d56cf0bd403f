// What the solver says about one question. Z3-free: every folder may use it.
#pragma once

#include <string>
#include <utility>

namespace samsvar::smt {

/// The answer to "is this satisfiable?": yes (sat), no (unsat), or the solver
/// could not tell within its limits (unknown, with Z3's reason). Never a bool:
/// an unknown answer must not pass for either of the others.
class Answer {
 public:
  enum class Kind { sat, unsat, unknown };

  static Answer sat() { return Answer(Kind::sat, {}); }
  static Answer unsat() { return Answer(Kind::unsat, {}); }
  /// An empty reason becomes "unknown".
  static Answer unknown(std::string reason) {
    return Answer(Kind::unknown, reason.empty() ? "unknown" : std::move(reason));
  }

  Kind kind() const { return kind_; }
  bool isSat() const { return kind_ == Kind::sat; }
  bool isUnsat() const { return kind_ == Kind::unsat; }
  bool isUnknown() const { return kind_ == Kind::unknown; }
  /// Why the solver gave up (unknown answers only).
  const std::string& reason() const { return reason_; }

 private:
  Answer(Kind kind, std::string reason) : kind_(kind), reason_(std::move(reason)) {}
  Kind kind_;
  std::string reason_;
};

}  // namespace samsvar::smt

// The wall-clock backstop of a thread's solver checks. PRIVATE to engine/smt/.
#pragma once

#include <z3++.h>

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>

namespace samsvar::smt {

/// Ends a check that has run too long with Z3_interrupt (the check answers
/// unknown, "canceled", as under Z3's own timeout).
///
/// Z3's `timeout` parameter gives every check a timer: it hands the check
/// to a timer thread and spins until that thread has let go, two thread
/// switches per question (a batch of 1,000 bundled cases made 1,169 threads
/// and 42,041 futex calls). One watchdog serves all checks of its thread:
/// it sleeps until the running check's deadline, or, with none running, for
/// the last limit used, so a check started while it sleeps never needs to
/// wake it (its deadline is later than the watchdog's waking) unless its
/// limit is shorter than that.
class CheckWatchdog {
 public:
  /// The calling thread's watchdog, made on first use and ended with the thread.
  static CheckWatchdog& ofThisThread();

  CheckWatchdog();
  ~CheckWatchdog();
  CheckWatchdog(const CheckWatchdog&) = delete;
  CheckWatchdog& operator=(const CheckWatchdog&) = delete;

  /// Runs `check`, a check of a solver of `ctx`, interrupting it once it has
  /// run `ms` milliseconds; 0: no limit.
  z3::check_result run(z3::context& ctx, unsigned ms, const std::function<z3::check_result()>& check);

 private:
  using Clock = std::chrono::steady_clock;
  void loop();

  std::mutex mutex_;
  std::condition_variable wake_;
  z3::context* running_ = nullptr;  // the context of the check running, if any
  Clock::time_point deadline_;      // its deadline
  Clock::time_point wakesAt_;       // when the watchdog wakes next
  Clock::duration idle_ = std::chrono::seconds(1);
  bool stop_ = false;
  std::thread thread_;  // last: it starts once the members it reads exist
};

/// `check()`, a check of a solver of `ctx`, ended after `ms` milliseconds by
/// the calling thread's watchdog; 0: no limit (and no watchdog is made).
z3::check_result checkWithin(z3::context& ctx, unsigned ms, const std::function<z3::check_result()>& check);

}  // namespace samsvar::smt

#include "engine/smt/z3/watchdog.hpp"

namespace samsvar::smt {

CheckWatchdog& CheckWatchdog::ofThisThread() {
  thread_local CheckWatchdog watchdog;
  return watchdog;
}

CheckWatchdog::CheckWatchdog() : wakesAt_(Clock::now()), thread_([this] { loop(); }) {}

CheckWatchdog::~CheckWatchdog() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stop_ = true;
  }
  wake_.notify_one();
  thread_.join();
}

void CheckWatchdog::loop() {
  std::unique_lock<std::mutex> lock(mutex_);
  while (!stop_) {
    Clock::time_point now = Clock::now();
    if (running_ && now >= deadline_) {
      // Under the lock: the check cannot end and another begin meanwhile.
      // If it has just returned, Z3 has no check to interrupt and ignores it.
      running_->interrupt();
      running_ = nullptr;
      continue;
    }
    wakesAt_ = running_ ? deadline_ : now + idle_;
    wake_.wait_until(lock, wakesAt_);
  }
}

z3::check_result CheckWatchdog::run(z3::context& ctx, unsigned ms, const std::function<z3::check_result()>& check) {
  if (ms == 0) return check();
  bool notify = false;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    running_ = &ctx;
    idle_ = std::chrono::milliseconds(ms);
    deadline_ = Clock::now() + idle_;
    notify = deadline_ < wakesAt_;
  }
  if (notify) wake_.notify_one();
  struct Done {
    CheckWatchdog& w;
    ~Done() {
      std::lock_guard<std::mutex> lock(w.mutex_);
      w.running_ = nullptr;
    }
  } done{*this};
  return check();
}

z3::check_result checkWithin(z3::context& ctx, unsigned ms, const std::function<z3::check_result()>& check) {
  return ms ? CheckWatchdog::ofThisThread().run(ctx, ms, check) : check();
}

}  // namespace samsvar::smt

// The bounded worker queue of `samsvar serve`: at most `workers` cases are
// checked at once and at most `queue` more wait for a worker; a request past
// that is refused at once (503), so a flood of requests cannot pile up
// solver work or threads.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <mutex>
#include <optional>

namespace samsvar::serve {

class Admission {
 public:
  Admission(std::size_t workers, std::size_t queue) : workers_(workers ? workers : 1), queue_(queue) {}

  /// A worker held: released when the ticket is destroyed.
  class Ticket {
   public:
    explicit Ticket(Admission* owner) : owner_(owner) {}
    Ticket(Ticket&& other) noexcept : owner_(other.owner_) { other.owner_ = nullptr; }
    Ticket(const Ticket&) = delete;
    Ticket& operator=(const Ticket&) = delete;
    Ticket& operator=(Ticket&&) = delete;
    ~Ticket();

   private:
    Admission* owner_;
  };

  /// Waits for a worker when one is free or a place in the queue is; nullopt
  /// at once when every worker is busy and the queue is full.
  std::optional<Ticket> enter();

  std::size_t workers() const { return workers_; }
  std::size_t queue() const { return queue_; }

 private:
  void leave();

  const std::size_t workers_, queue_;
  std::mutex mu_;
  std::condition_variable freed_;
  std::size_t running_ = 0, waiting_ = 0;
};

}  // namespace samsvar::serve

#include "engine/serve/admission.hpp"

namespace samsvar::serve {

Admission::Ticket::~Ticket() {
  if (owner_) owner_->leave();
}

std::optional<Admission::Ticket> Admission::enter() {
  std::unique_lock<std::mutex> lock(mu_);
  if (running_ >= workers_) {
    if (waiting_ >= queue_) return std::nullopt;
    ++waiting_;
    freed_.wait(lock, [&] { return running_ < workers_; });
    --waiting_;
  }
  ++running_;
  return Ticket(this);
}

void Admission::leave() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    --running_;
  }
  freed_.notify_one();
}

}  // namespace samsvar::serve

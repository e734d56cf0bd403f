// The project's one thread pool: a parallel for over indices, used to parse
// rule files, to check a batch of cases and by the benchmarks.
#pragma once

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <exception>
#include <limits>
#include <mutex>
#include <system_error>
#include <thread>
#include <vector>

namespace samsvar {

/// Worker threads for `items` items: `jobs`, or one per core when 0; at least
/// one, and never more than there are items.
inline unsigned workerCount(unsigned jobs, std::size_t items) {
  std::size_t n = jobs ? jobs : std::max(1u, std::thread::hardware_concurrency());
  return static_cast<unsigned>(std::max<std::size_t>(1, std::min(n, items)));
}

/// Calls `work(i)` for every i in [0, items) on workerCount(jobs, items)
/// threads, the calling thread one of them; returns when every call has
/// returned. Items are taken in increasing order, so the first start first.
///
/// Each thread first calls `makeWork()` for its own `work`: state that must
/// not be shared between threads (a Checker owns a Z3 context) lives in what
/// that function captures, and is destroyed on its thread when the items run
/// out. An exception does not stop the other items; once all have run, the
/// one thrown for the lowest index is rethrown, whatever the scheduling.
template <class MakeWork>
void parallelFor(std::size_t items, unsigned jobs, const MakeWork& makeWork) {
  std::atomic<std::size_t> next{0};
  std::mutex failMutex;
  std::exception_ptr failure;
  std::size_t failedAt = std::numeric_limits<std::size_t>::max();
  auto fail = [&](std::size_t at) {
    std::lock_guard<std::mutex> lock(failMutex);
    if (at <= failedAt) {
      failedAt = at;
      failure = std::current_exception();
    }
  };
  auto worker = [&] {
    std::size_t i = std::numeric_limits<std::size_t>::max();
    try {
      auto work = makeWork();
      for (; (i = next++) < items;) {
        try {
          work(i);
        } catch (...) {
          fail(i);
        }
      }
    } catch (...) {
      fail(i);  // makeWork or the destruction of its state
    }
  };
  const unsigned n = workerCount(jobs, items);
  std::vector<std::thread> threads;
  threads.reserve(n - 1);
  for (unsigned t = 1; t < n; ++t) {
    try {
      threads.emplace_back(worker);
    } catch (const std::system_error&) {
      break;  // no more threads to be had: the ones running take every item
    }
  }
  worker();
  for (auto& t : threads) t.join();
  if (failure) std::rethrow_exception(failure);
}

}  // namespace samsvar

// The batch runner: reports come out in input order whichever worker finishes
// first, as soon as the cases before them are done; each case's errors are
// kept in input order; a case whose check throws is reported by name and
// does not stop the others. And the thread pool under it.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <mutex>
#include <set>
#include <stdexcept>
#include <thread>

#include "core/errors.hpp"
#include "engine/driver/batch.hpp"
#include "engine/driver/parallel.hpp"

using namespace samsvar;

namespace {

std::vector<std::string> caseNames(std::size_t n) {
  std::vector<std::string> out;
  for (std::size_t i = 0; i < n; ++i) out.push_back("case" + std::to_string(i) + ".case");
  return out;
}

void sleepMs(int ms) { std::this_thread::sleep_for(std::chrono::milliseconds(ms)); }

TEST(BatchRunner, ReportsInInputOrderWhicheverWorkerFinishesFirst) {
  const std::size_t n = 12;
  std::string out;
  BatchOptions options;
  options.jobs = 4;
  options.separator = "\n";
  options.write = [&](std::string_view s) { out += s; };
  BatchResult r = runBatch(caseNames(n), options, [] {
    return [](std::size_t i, Diagnostics&) -> CaseOutcome {
      sleepMs(static_cast<int>((12 - i) * 3));  // later cases finish first
      return {"report " + std::to_string(i) + "\n", 0};
    };
  });
  std::string expected;
  for (std::size_t i = 0; i < n; ++i) expected += (i ? "\n" : "") + ("report " + std::to_string(i) + "\n");
  EXPECT_EQ(out, expected);
  EXPECT_TRUE(r.failures.empty());
  EXPECT_EQ(r.exitCode, 0);
}

TEST(BatchRunner, AReportIsWrittenBeforeTheBatchEnds) {
  std::atomic<bool> firstWritten{false};
  BatchOptions options;
  options.jobs = 2;
  options.write = [&](std::string_view s) {
    if (s == "first") firstWritten = true;
  };
  bool sawFirst = false;
  runBatch(caseNames(2), options, [&] {
    return [&](std::size_t i, Diagnostics&) -> CaseOutcome {
      if (i == 0) return {"first", 0};
      // The second case waits (at most 10 s) until the first report is out.
      for (int k = 0; k < 1000 && !firstWritten; ++k) sleepMs(10);
      sawFirst = firstWritten;
      return {"second", 0};
    };
  });
  EXPECT_TRUE(sawFirst) << "the first report was held back until the end of the batch";
}

TEST(BatchRunner, NoSeparatorAroundCasesWithoutAReport) {
  std::string out;
  BatchOptions options;
  options.jobs = 3;
  options.separator = "\n";
  options.write = [&](std::string_view s) { out += s; };
  runBatch(caseNames(5), options, [] {
    return [](std::size_t i, Diagnostics&) -> CaseOutcome {
      if (i == 0 || i == 2) return {};  // did not load
      return {"r" + std::to_string(i) + "\n", 0};
    };
  });
  EXPECT_EQ(out, "r1\n\nr3\n\nr4\n");
}

TEST(BatchRunner, EachCasesErrorsInInputOrderAndTheHighestExitCode) {
  BatchOptions options;
  options.jobs = 3;
  options.write = [](std::string_view) {};
  BatchResult r = runBatch(caseNames(6), options, [] {
    return [](std::size_t i, Diagnostics& diags) -> CaseOutcome {
      sleepMs(static_cast<int>((6 - i) * 5));
      if (i % 2 == 0) {
        // Two codes whose names sort "load.missing" < "load.read", added the other way round.
        auto add = [&](DiagCode code, const std::string& text) {
          Diagnostic d;
          d.code = code;
          d.message = {text, text};
          diags.add(d);
        };
        add(DiagCode::loadRead, "b" + std::to_string(i));
        add(DiagCode::loadMissing, "a" + std::to_string(i));
        return {};
      }
      return {"r", i == 3 ? 1 : 0};
    };
  });
  std::vector<std::string> got;
  for (const auto& d : r.diagnostics.items()) got.push_back(d.message.en);
  // Sorted within a case (by code), in input order across cases.
  EXPECT_EQ(got, (std::vector<std::string>{"a0", "b0", "a2", "b2", "a4", "b4"}));
  EXPECT_EQ(r.exitCode, 1);
}

TEST(BatchRunner, EveryCaseThatThrowsIsReportedByNameAndTheOthersStillRun) {
  std::string out;
  BatchOptions options;
  options.jobs = 2;
  options.separator = "\n";
  options.write = [&](std::string_view s) { out += s; };
  BatchResult r = runBatch(caseNames(5), options, [] {
    return [](std::size_t i, Diagnostics&) -> CaseOutcome {
      if (i == 1 || i == 3) throw InternalError("broken invariant " + std::to_string(i));
      return {"r" + std::to_string(i) + "\n", 0};
    };
  });
  EXPECT_EQ(out, "r0\n\nr2\n\nr4\n");
  ASSERT_EQ(r.failures.size(), 2u);
  EXPECT_EQ(r.failures[0].index, 1u);
  EXPECT_EQ(r.failures[1].index, 3u);
  EXPECT_EQ(failureMessage(r.failures[0], Lang::en), "samsvar: internal error in case1.case: broken invariant 1");
  EXPECT_EQ(failureMessage(r.failures[1], Lang::en), "samsvar: internal error in case3.case: broken invariant 3");
  EXPECT_EQ(failureMessage(r.failures[1], Lang::nb), "samsvar: intern feil i case3.case: broken invariant 3");
}

TEST(BatchRunner, ProgressCountsEveryCase) {
  std::vector<std::size_t> seen;
  BatchOptions options;
  options.jobs = 3;
  options.write = [](std::string_view) {};
  options.progress = [&](std::size_t done, std::size_t total) {
    EXPECT_EQ(total, 7u);
    seen.push_back(done);
  };
  runBatch(caseNames(7), options, [] { return [](std::size_t, Diagnostics&) { return CaseOutcome{}; }; });
  EXPECT_EQ(seen, (std::vector<std::size_t>{1, 2, 3, 4, 5, 6, 7}));
}

TEST(ParallelFor, EveryIndexOnceWithOneStatePerWorker) {
  std::mutex m;
  std::multiset<std::size_t> done;
  std::atomic<int> states{0};
  parallelFor(100, 4, [&] {
    ++states;
    return [&](std::size_t i) {
      std::lock_guard<std::mutex> lock(m);
      done.insert(i);
    };
  });
  ASSERT_EQ(done.size(), 100u);
  for (std::size_t i = 0; i < 100; ++i) EXPECT_EQ(done.count(i), 1u) << i;
  EXPECT_GE(states.load(), 1);
  EXPECT_LE(states.load(), 4);
}

TEST(ParallelFor, RethrowsTheExceptionOfTheLowestIndexAfterRunningTheRest) {
  std::atomic<int> ran{0};
  try {
    parallelFor(20, 3, [&] {
      return [&](std::size_t i) {
        ++ran;
        if (i == 7 || i == 13) throw std::runtime_error("item " + std::to_string(i));
      };
    });
    FAIL() << "no exception";
  } catch (const std::runtime_error& e) {
    EXPECT_STREQ(e.what(), "item 7");
  }
  EXPECT_EQ(ran.load(), 20);
}

TEST(ParallelFor, WorkersNeverOutnumberItems) {
  EXPECT_EQ(workerCount(8, 3), 3u);
  EXPECT_EQ(workerCount(2, 100), 2u);
  EXPECT_EQ(workerCount(4, 0), 1u);
  EXPECT_GE(workerCount(0, 100), 1u);
}

}  // namespace

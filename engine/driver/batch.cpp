#include "engine/driver/batch.hpp"

#include <algorithm>
#include <exception>
#include <mutex>

#include "core/messages.hpp"
#include "engine/driver/parallel.hpp"

namespace samsvar {

BatchResult runBatch(const std::vector<std::string>& names, const BatchOptions& options,
                     const std::function<CaseWork()>& makeWork) {
  const std::size_t n = names.size();
  std::vector<CaseOutcome> outcomes(n);
  std::vector<Diagnostics> caseDiags(n);
  std::vector<std::string> failed(n);
  std::vector<char> isFailed(n, false), finished(n, false);
  std::mutex mutex;  // guards finished, written, anyWritten, done and the callbacks
  std::size_t written = 0, done = 0;
  bool anyWritten = false;

  parallelFor(n, options.jobs, [&] {
    return [&, work = makeWork()](std::size_t i) {
      try {
        outcomes[i] = work(i, caseDiags[i]);
      } catch (const std::exception& e) {
        failed[i] = e.what();
        isFailed[i] = true;
      } catch (...) {
        failed[i] = "unknown exception";
        isFailed[i] = true;
      }
      std::lock_guard<std::mutex> lock(mutex);
      finished[i] = true;
      ++done;
      // Write every finished report that is next in input order.
      for (; written < n && finished[written]; ++written) {
        std::string& report = outcomes[written].report;
        if (report.empty()) continue;
        if (anyWritten && !options.separator.empty()) options.write(options.separator);
        options.write(report);
        anyWritten = true;
        std::string().swap(report);  // a batch of thousands holds a few reports at a time
      }
      if (options.progress) options.progress(done, n);
    };
  });

  BatchResult result;
  for (std::size_t i = 0; i < n; ++i) {
    caseDiags[i].sort();
    result.diagnostics.append(caseDiags[i]);
    if (isFailed[i]) result.failures.push_back({i, names[i], failed[i]});
    result.exitCode = std::max(result.exitCode, outcomes[i].exitCode);
  }
  return result;
}

std::string failureMessage(const CaseFailure& failure, Lang lang) {
  return phrase(Phrase::internalErrorIn, {{"case", escapeControls(failure.name)}, {"what", failure.what}}).in(lang);
}

}  // namespace samsvar

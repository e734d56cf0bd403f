// libFuzzer target over the checker: the fuzz input steers the
// structure-aware generator (tests/fuzz/case_generator.hpp); every input
// must keep the oracle's properties (tests/fuzz/check_oracle.hpp). Built
// with -DSAMSVAR_FUZZ=ON and clang; run by tests/fuzz/run.sh.
#include <cstdio>
#include <cstdlib>

#include "check_oracle.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  samsvar::fuzz::Choices c(data, size);
  samsvar::fuzz::Generated g = samsvar::fuzz::generate(c);
  std::string failure = samsvar::fuzz::checkProperties(g);
  if (!failure.empty()) {
    std::fprintf(stderr, "%s\n", failure.c_str());
    std::abort();
  }
  return 0;
}

// samsvar_generate: writes a synthetic workload in samsvar's language and as
// an equivalent clingo program (see workload.hpp).
//
//   samsvar_generate --rules N --cases M --facts F --seed S --out DIR
//   samsvar_generate --large consultations|products --size N --out FILE [--open-set]
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <fstream>
#include <string>

#include "workload.hpp"

namespace {

int usage(const char* argv0, int code) {
  std::fprintf(code ? stderr : stdout,
               "usage: %s --rules N --cases M --facts F --seed S --out DIR [--declared P]\n"
               "  writes DIR/rules/gen.rules, DIR/cases/caseK.case (K = 1..M),\n"
               "  DIR/clingo/rules.lp and DIR/clingo/caseK.lp (the ASP program of case K is both files)\n"
               "  defaults: --rules 100 --cases 1 --facts 50 --seed 1 --declared 0.8\n"
               "   or: %s --large consultations|products --size N --out FILE [--open-set]\n"
               "  writes one large case for the bundled rules: one product with N consultations,\n"
               "  or N products with one consultation each (--open-set: open sets)\n",
               argv0, argv0);
  return code;
}

bool parseInt(const char* s, long long lo, long long& out) {
  char* end = nullptr;
  long long v = std::strtoll(s, &end, 10);
  if (!end || *end || v < lo) return false;
  out = v;
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  samsvar::bench::WorkloadSpec spec;
  std::string out, large;
  long long size = 1000;
  bool openSet = false;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "-h" || a == "--help") return usage(argv[0], 0);
    if (a == "--open-set") {
      openSet = true;
      continue;
    }
    if (i + 1 >= argc) return usage(argv[0], 2);
    const char* v = argv[++i];
    long long n = 0;
    if (a == "--out") {
      out = v;
    } else if (a == "--large") {
      large = v;
      if (large != "consultations" && large != "products") return usage(argv[0], 2);
    } else if (a == "--size") {
      if (!parseInt(v, 1, size)) return usage(argv[0], 2);
    } else if (a == "--declared") {
      char* end = nullptr;
      spec.declaredShare = std::strtod(v, &end);
      if (!end || *end) return usage(argv[0], 2);
    } else if (!parseInt(v, 0, n)) {
      std::fprintf(stderr, "%s: %s needs a non-negative integer, not `%s`\n", argv[0], a.c_str(), v);
      return 2;
    } else if (a == "--rules") {
      spec.rules = static_cast<int>(n);
    } else if (a == "--cases") {
      spec.cases = static_cast<int>(n);
    } else if (a == "--facts") {
      spec.facts = static_cast<int>(n);
    } else if (a == "--seed") {
      spec.seed = static_cast<std::uint64_t>(n);
    } else {
      std::fprintf(stderr, "%s: unknown option %s\n", argv[0], a.c_str());
      return usage(argv[0], 2);
    }
  }
  if (out.empty()) return usage(argv[0], 2);
  if (!large.empty()) {
    auto kind = large == "consultations" ? samsvar::bench::LargeCase::consultations : samsvar::bench::LargeCase::products;
    std::ofstream f(out, std::ios::binary);
    f << samsvar::bench::largeCaseText(kind, static_cast<int>(size), openSet);
    if (!f.flush()) {
      std::fprintf(stderr, "%s: cannot write %s\n", argv[0], out.c_str());
      return 2;
    }
    return 0;
  }
  try {
    auto w = samsvar::bench::generateWorkload(spec);
    samsvar::bench::writeWorkload(w, out);
    std::printf("%s: %d rules, %d cases, %d attributes, seed %llu\n", out.c_str(), spec.rules, spec.cases,
                spec.facts, static_cast<unsigned long long>(spec.seed));
  } catch (const std::exception& e) {
    std::fprintf(stderr, "%s: %s\n", argv[0], e.what());
    return 2;
  }
  return 0;
}

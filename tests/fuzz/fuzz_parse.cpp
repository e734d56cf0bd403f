// libFuzzer target: parse + semantic analysis of arbitrary bytes, as a rule
// module and as a case against a small rulebase. Any crash, sanitizer report
// or uncaught exception is a bug: bad input must only produce diagnostics.
#include <cstddef>
#include <cstdint>
#include <string>

#include "grammar/parse.hpp"
#include "engine/sema/sema.hpp"

using namespace samsvar;

namespace {
const char* kBase = R"(module t
enum Level ordered { veileder, retningslinje, anbefalt, obligatorisk }
enum Kind { innspillsrunde, hoering }
type Consultation { kind: Kind  opens: date  closes: date  open_to_all: bool  note: text }
type Product { level: Level  consultations: set<Consultation>  effects: bool }
rule H-6W må
  title nb "a" en "a"
  source "f.txt"
  for p: Product, c in p.consultations
  when c.kind == hoering
  require c.closes - c.opens >= 6 weeks
)";
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  SourceManager sm;
  Diagnostics diags;
  auto baseId = sm.add("t.rules", kBase);
  auto base = parseFile(sm, baseId, diags);
  if (!base) __builtin_trap();
  auto id = sm.add("fuzz", text);
  auto file = parseFile(sm, id, diags);
  if (!file) {
    (void)renderAll(sm, diags, Lang::en);
    return 0;
  }
  if (file->kind == ast::FileKind::module) {
    std::vector<ast::File> mods{*base, *file};
    (void)analyzeModules(sm, mods, diags);
  } else {
    std::vector<ast::File> mods{*base};
    auto rb = analyzeModules(sm, mods, diags);
    if (rb) (void)analyzeCase(*rb, sm, *file, diags);
  }
  diags.sort();
  (void)renderAll(sm, diags, Lang::nb);
  return 0;
}

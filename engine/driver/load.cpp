#include "engine/driver/load.hpp"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <set>

#include "engine/driver/parallel.hpp"
#include "engine/sema/sema.hpp"
#include "grammar/parse.hpp"

namespace fs = std::filesystem;

namespace samsvar {

// Where an installed samsvar keeps its rules, relative to the folder of the
// executable (from CMake's install directories; see engine/driver/CMakeLists.txt).
// Relative, so an installed tree or an unpacked package can be moved anywhere.
#ifndef SAMSVAR_RULES_FROM_BINDIR
#define SAMSVAR_RULES_FROM_BINDIR "../share/samsvar/rules"
#endif

std::string bundledRulesDir(const char* argv0) {
  if (const char* env = std::getenv("SAMSVAR_RULES"); env && *env) return env;
  std::error_code ec;
  fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (ec && argv0) exe = fs::absolute(argv0, ec);
  const fs::path bin = exe.parent_path();
  auto isRules = [&](const fs::path& dir) { return fs::exists(dir / "felles.rules", ec); };
  // An installed samsvar: <prefix>/bin/samsvar and <prefix>/share/samsvar/rules.
  const fs::path installed = (bin / SAMSVAR_RULES_FROM_BINDIR).lexically_normal();
  if (isRules(installed)) return installed.string();
  // A build tree: rules/ of the nearest folder above the executable (the
  // source tree when the build folder is inside it).
  for (fs::path dir = bin; !dir.empty(); dir = dir.parent_path()) {
    if (isRules(dir / "rules")) return (dir / "rules").string();
    if (dir == dir.parent_path()) break;
  }
  // Nowhere: loading then reports the folder an installed samsvar reads.
  return installed.string();
}

std::vector<std::string> collectFiles(const std::string& path, const std::vector<std::string>& exts,
                                      Diagnostics& diags) {
  std::vector<std::string> out;
  std::error_code ec;
  auto matches = [&](const fs::path& p) {
    std::string s = p.string();
    return std::any_of(exts.begin(), exts.end(), [&](const std::string& e) {
      return s.size() >= e.size() && s.compare(s.size() - e.size(), e.size(), e) == 0;
    });
  };
  if (fs::is_directory(path, ec)) {
    for (fs::recursive_directory_iterator it(path, ec), end; it != end; it.increment(ec)) {
      if (ec) break;
      if (it->is_regular_file(ec) && matches(it->path())) out.push_back(it->path().string());
    }
    std::sort(out.begin(), out.end());
  } else if (fs::exists(path, ec)) {
    out.push_back(path);
  } else {
    diags.error(DiagCode::loadMissing, Span{}, {{"path", path}});
  }
  return out;
}

void CaseRoots::add(const std::string& path) {
  std::error_code ec;
  fs::path p = fs::weakly_canonical(fs::absolute(path, ec), ec);
  if (!fs::is_directory(p, ec)) p = p.parent_path();
  std::string s = p.string();
  if (s.empty() || s.back() != '/') s += '/';
  if (std::find(roots_.begin(), roots_.end(), s) != roots_.end()) return;
  roots_.push_back(s);
  fs::path shown = fs::is_directory(path, ec) ? fs::path(path) : fs::path(path).parent_path();
  shown_.push_back(shown.empty() ? "." : shown.lexically_normal().generic_string());
}

bool CaseRoots::contains(const std::string& path) const {
  if (roots_.empty()) return true;
  std::error_code ec;
  std::string p = fs::weakly_canonical(fs::absolute(path, ec), ec).string();
  return std::any_of(roots_.begin(), roots_.end(), [&](const std::string& r) { return p.compare(0, r.size(), r) == 0; });
}

std::string CaseRoots::shown() const {
  std::string out;
  for (const auto& s : shown_) out += (out.empty() ? "" : ", ") + s;
  return out;
}

std::optional<ast::File> loadFile(SourceManager& sm, const std::string& path, const std::string& display,
                                  Diagnostics& diags, Span origin) {
  std::uint32_t id = 0;
  Bilingual err;
  if (!sm.load(path, id, err, display)) {
    diags.error(DiagCode::loadRead, origin, {{"reason", err}});
    return std::nullopt;
  }
  if (display != path) {
    // Re-register under the display name so messages never show machine paths.
    id = sm.add(display, sm.text(id));
  }
  return parseFile(sm, id, diags);
}

namespace {
/// Analyses a parsed case; an `against "tender.case"` clause is resolved
/// relative to `path`'s folder (shown relative to `display`'s).
std::optional<model::Model> analyzeLoadedCase(SourceManager& sm, const model::Model& rulebase,
                                              const std::string& folder, const std::string& displayFolder,
                                              const ast::File& file, Diagnostics& diags, const CaseLoad& load);
}  // namespace

std::optional<model::Model> loadCase(SourceManager& sm, const model::Model& rulebase, const std::string& path,
                                     const std::string& display, Diagnostics& diags, const CaseLoad& load) {
  if (load.origin.valid && load.roots && !load.roots->contains(path)) {
    // A path named by a stream, not by the user on the command line.
    diags.error(DiagCode::loadOutsideRoots, load.origin, {{"path", path}, {"roots", load.roots->shown()}})
        .withHelp(Phrase::nameCaseRoot);
    return std::nullopt;
  }
  auto file = loadFile(sm, path, display, diags, load.origin);
  if (!file) return std::nullopt;
  return analyzeLoadedCase(sm, rulebase, fs::path(path).parent_path().string(),
                           fs::path(display).parent_path().string(), *file, diags, load);
}

std::optional<model::Model> loadCaseText(SourceManager& sm, const model::Model& rulebase, const std::string& name,
                                         std::string text, Diagnostics& diags, const CaseLoad& load) {
  std::uint32_t id = sm.add(name, std::move(text));
  auto file = parseFile(sm, id, diags);
  if (!file) return std::nullopt;
  return analyzeLoadedCase(sm, rulebase, "", "", *file, diags, load);
}

std::vector<CaseSource> readCaseStream(SourceManager& sm, const std::string& name, std::string text,
                                       Diagnostics& diags) {
  std::uint32_t id = sm.add(name, std::move(text));
  const std::string& all = sm.text(id);
  std::vector<CaseSource> out;
  std::size_t lineNo = 0;
  for (std::size_t at = 0; at < all.size();) {
    std::size_t end = all.find('\n', at);
    if (end == std::string::npos) end = all.size();
    ++lineNo;
    std::string_view line(all.data() + at, end - at);
    Span span = Span::of(id, static_cast<std::uint32_t>(at), static_cast<std::uint32_t>(end));
    std::size_t from = at;
    at = end + 1;
    if (line.find_first_not_of(" \t\r") == std::string_view::npos) continue;
    nlohmann::json j = nlohmann::json::parse(line.begin(), line.end(), nullptr, false);
    auto bad = [&](DiagCode code) {
      diags.error(code, span, {{"line", std::to_string(lineNo)}}).withHelp(Phrase::streamLineForm);
    };
    if (j.is_discarded() || !j.is_object()) {
      bad(DiagCode::loadStreamNotObject);
      continue;
    }
    CaseSource c;
    c.span = span;
    (void)from;
    if (j.contains("text") && j["text"].is_string()) {
      c.text = j["text"].get<std::string>();
      c.inline_ = true;
      c.name = j.contains("name") && j["name"].is_string() ? j["name"].get<std::string>()
                                                           : name + "#" + std::to_string(lineNo);
    } else if (j.contains("path") && j["path"].is_string()) {
      c.name = j["path"].get<std::string>();
    } else {
      bad(DiagCode::loadStreamNoCase);
      continue;
    }
    out.push_back(std::move(c));
  }
  return out;
}

namespace {
std::optional<model::Model> analyzeLoadedCase(SourceManager& sm, const model::Model& rulebase,
                                              const std::string& folder, const std::string& displayFolder,
                                              const ast::File& fileRef, Diagnostics& diags, const CaseLoad& load) {
  const ast::File* file = &fileRef;
  if (!file->against) return analyzeCase(load.tender ? *load.tender : rulebase, sm, *file, diags);
  const ast::StringLit& against = *file->against;
  const fs::path named(against.value);
  fs::path tenderPath = fs::path(folder) / named;
  std::string tenderDisplay = (fs::path(displayFolder) / named).lexically_normal().generic_string();
  std::error_code ec;
  // The offer is someone else's text: it may name a tender next to it, not
  // any file of this machine.
  if (named.is_absolute() || (load.roots && !load.roots->contains(tenderPath.string()))) {
    diags.error(DiagCode::loadTenderOutside, against.span, {{"tender", against.value}})
        .withHelp(Phrase::tenderNextToOffer);
    return std::nullopt;
  }
  if (load.tender) {
    if (!fs::equivalent(tenderPath, load.tenderPath, ec)) {
      diags.error(DiagCode::loadTenderConflict, against.span, {{"tender", tenderDisplay}, {"option", load.tenderPath}})
          .withHelp(Phrase::dropAgainstOption);
      return std::nullopt;
    }
    return analyzeCase(*load.tender, sm, *file, diags);
  }
  if (!fs::is_regular_file(tenderPath, ec)) {
    diags.error(DiagCode::loadTenderMissing, against.span, {{"tender", tenderDisplay}});
    return std::nullopt;
  }
  auto tenderFile = loadFile(sm, tenderPath.string(), tenderDisplay, diags);
  if (!tenderFile) return std::nullopt;
  if (tenderFile->against) {
    diags.error(DiagCode::loadTenderChain, against.span, {{"tender", tenderDisplay}});
    return std::nullopt;
  }
  auto tenderModel = analyzeCase(rulebase, sm, *tenderFile, diags);
  if (!tenderModel) return std::nullopt;
  return analyzeCase(*tenderModel, sm, *file, diags);
}
}  // namespace

std::optional<model::Model> loadRulebase(SourceManager& sm, const std::vector<RulePath>& paths,
                                         Diagnostics& diags) {
  // Read every file first (the source manager is not shared while it
  // grows), then parse them on all cores: parsing is most of a one-case run.
  std::vector<std::uint32_t> ids;
  std::set<std::string> seen;
  bool failed = false;
  for (const auto& rp : paths) {
    for (const auto& f : collectFiles(rp.path, {".rules"}, diags)) {
      std::error_code ec;
      std::string canon = fs::weakly_canonical(f, ec).string();
      if (!seen.insert(canon).second) continue;
      std::string display = f;
      if (!rp.displayPrefix.empty()) {
        fs::path rel = fs::relative(f, fs::is_directory(rp.path) ? fs::path(rp.path) : fs::path(rp.path).parent_path(), ec);
        display = rp.displayPrefix + rel.generic_string();
      }
      std::uint32_t id = 0;
      Bilingual err;
      if (!sm.load(f, id, err, display)) {
        diags.error(DiagCode::loadRead, Span{}, {{"reason", err}});
        failed = true;
        continue;
      }
      if (display != f) id = sm.add(display, sm.text(id));  // messages never show machine paths
      ids.push_back(id);
    }
  }
  std::vector<std::optional<ast::File>> parsed(ids.size());
  std::vector<Diagnostics> fileDiags(ids.size());
  const SourceManager& csm = sm;
  parallelFor(ids.size(), /*jobs=*/0, [&] {
    return [&](std::size_t i) { parsed[i] = parseFile(csm, ids[i], fileDiags[i]); };
  });
  std::vector<ast::File> files;
  for (std::size_t i = 0; i < ids.size(); ++i) {
    diags.append(fileDiags[i]);  // in file order: deterministic
    if (parsed[i]) files.push_back(std::move(*parsed[i]));
    else failed = true;
  }
  // Parse errors of every file are reported; semantic analysis of a partial
  // rulebase would only add follow-on errors.
  if (failed) return std::nullopt;
  return analyzeModules(sm, files, diags);
}

}  // namespace samsvar

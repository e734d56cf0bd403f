// Loading files: rule modules (from files or directories) and cases, parsed
// and analysed, with every problem collected as a diagnostic.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/ast.hpp"
#include "core/diagnostic.hpp"
#include "engine/sema/model.hpp"

namespace samsvar {

/// The bundled rules directory: $SAMSVAR_RULES, else `../share/samsvar/rules`
/// from the executable's folder (installed), else `rules/` in the nearest
/// folder above the executable (a build tree inside the source tree).
std::string bundledRulesDir(const char* argv0);

/// Files under `path` (a file, or a directory searched recursively) whose
/// names end in one of `extensions`, sorted. Missing paths are reported.
std::vector<std::string> collectFiles(const std::string& path, const std::vector<std::string>& extensions,
                                      Diagnostics& diags);

/// The folders cases may be read from when a file is named by untrusted
/// text (a tender named by an offer's `against`, a `{"path": …}` line of a
/// JSON-lines stream): a path there must resolve, symbolic links followed,
/// inside one of the roots. Paths the user passes on the command line are
/// trusted and not checked. Empty: no restriction (library callers, tests).
class CaseRoots {
 public:
  /// Adds a folder (a file adds the folder it is in).
  void add(const std::string& path);
  bool empty() const { return roots_.empty(); }
  /// True if `path` resolves inside a root (always true without roots).
  bool contains(const std::string& path) const;
  /// The roots as shown to the user (", "-separated).
  std::string shown() const;

 private:
  std::vector<std::string> roots_;  // canonical, each ending in '/'
  std::vector<std::string> shown_;
};

/// Reads and parses one file; `display` is the name used in messages. A file
/// that cannot be read is reported at `origin` when it is valid (the line of
/// a stream that named it).
std::optional<ast::File> loadFile(SourceManager& sm, const std::string& path, const std::string& display,
                                  Diagnostics& diags, Span origin = {});

/// How a case is loaded besides its own text.
struct CaseLoad {
  /// The tender of the command line's --against: a case without an
  /// `against` clause is analysed on top of it. An offer whose clause names
  /// another file than this is an error (the two would disagree).
  const model::Model* tender = nullptr;
  std::string tenderPath;  // the file `tender` was read from
  /// Where a tender named by `against` may be read from (see CaseRoots).
  const CaseRoots* roots = nullptr;
  /// The line of a stream that named the case, for errors about reading it.
  Span origin;
};

/// Loads and analyses a case file against a rulebase. An offer whose header
/// says `against "tender.case"` (a relative path, resolved from the offer's
/// folder, that must stay inside the case roots) is analysed on top of that
/// tender, so the tender's requirement rules see the offer's facts; a case
/// without the clause is analysed on top of `load.tender` when given (the
/// CLI's --against), else on the rulebase alone.
std::optional<model::Model> loadCase(SourceManager& sm, const model::Model& rulebase, const std::string& path,
                                     const std::string& display, Diagnostics& diags, const CaseLoad& load = {});

/// Same for a case given as text (a line of a JSON-lines stream); its
/// `against` resolves from the current folder.
std::optional<model::Model> loadCaseText(SourceManager& sm, const model::Model& rulebase, const std::string& name,
                                         std::string text, Diagnostics& diags, const CaseLoad& load = {});

/// One case of a JSON-lines stream: `{"path": "case.case"}` names a file,
/// `{"name": "case.case", "text": "…"}` carries the case itself.
struct CaseSource {
  std::string name;   // the path, or the name shown in messages
  std::string text;   // the case text when inline_
  bool inline_ = false;
  Span span;          // the line of the stream
};
/// Reads a JSON-lines stream of cases (registered in `sm` as `name`, so a bad
/// line is reported as `name:line:col`). Blank lines are skipped.
std::vector<CaseSource> readCaseStream(SourceManager& sm, const std::string& name, std::string text,
                                       Diagnostics& diags);

/// Loads and analyses rule modules from files and directories.
/// `displayBase`: when non-empty, file names are shown relative to it with this prefix
/// (the bundled rules print as `rules/…`, never as a path of this machine).
struct RulePath {
  std::string path;
  std::string displayPrefix;  // e.g. "rules/" for the bundled rules; "" keeps the path as given
};
std::optional<model::Model> loadRulebase(SourceManager& sm, const std::vector<RulePath>& paths,
                                         Diagnostics& diags);

}  // namespace samsvar

#include "engine/driver/commands.hpp"

#include <chrono>
#include <exception>
#include <filesystem>
#include <fstream>
#include <istream>
#include <memory>
#include <iterator>
#include <optional>
#include <ostream>

#include "core/calendar.hpp"
#include "core/errors.hpp"
#include "core/messages.hpp"
#include "core/suggest.hpp"
#include "engine/check/check.hpp"
#include "engine/driver/batch.hpp"
#include "engine/driver/load.hpp"
#include "engine/lint/lint.hpp"
#include "engine/repair/repair.hpp"
#include "engine/report/explain_text.hpp"
#include "engine/report/format.hpp"
#include "engine/report/lint_text.hpp"
#include "engine/report/report.hpp"
#include "engine/report/starter.hpp"
#include "engine/report/vocabulary.hpp"
#include "engine/sema/sema.hpp"

namespace samsvar {

namespace {

/// What every command starts from: the sources, their diagnostics, the
/// rulebase, and how they are printed.
class Session {
 public:
  Session(const CommonOptions& common, const Streams& io) : common_(common), io_(io) {
    sm.setMaxFileBytes(common.maxFileBytes);
  }

  /// The rule paths of the command: the given ones, or the bundled rules
  /// (shown as `rules/…`, never as a path of this machine).
  std::vector<RulePath> rulePaths() const {
    std::vector<RulePath> out;
    if (common_.rules.empty()) out.push_back({bundledRulesDir(common_.program), "rules/"});
    for (const auto& r : common_.rules) out.push_back({r, ""});
    return out;
  }

  /// Loads the rulebase from `paths` (by default the command's rule paths).
  std::optional<model::Model> loadRules(const std::vector<RulePath>& paths) {
    return loadRulebase(sm, paths, diags);
  }
  std::optional<model::Model> loadRules() { return loadRules(rulePaths()); }

  /// Prints the diagnostics to the error stream, sorted unless told
  /// otherwise, followed by the count of errors.
  void printDiagnostics(bool sort = true) {
    if (sort) diags.sort();
    io_.err << renderAll(sm, diags, common_.lang, common_.color);
  }
  /// Prints the diagnostics and returns the exit code of bad input.
  int badInput() {
    printDiagnostics();
    return 2;
  }

  const Streams& io() const { return io_; }

  SourceManager sm;
  Diagnostics diags;

 private:
  const CommonOptions& common_;
  const Streams& io_;
};

/// Runs a command; an exception escaping it is a bug: exit code 3.
template <class Command>
int guarded(const CommonOptions& common, const Streams& io, const Command& command) {
  try {
    return command();
  } catch (const std::exception& e) {
    io.err << phrase(Phrase::internalError, {{"what", e.what()}}).in(common.lang) << "\n";
    return 3;
  }
}

/// The cases to check, in input order: files, directories, and `-` for a
/// JSON-lines stream on the input stream. Only names and inline texts are
/// read here; each case is parsed and analysed when a worker takes it.
std::vector<CaseSource> caseSources(Session& s, const std::vector<std::string>& paths) {
  std::vector<CaseSource> sources;
  for (const auto& p : paths) {
    const std::size_t before = sources.size();
    const bool hadErrors = s.diags.hasErrors();
    if (p == "-") {
      std::string input((std::istreambuf_iterator<char>(s.io().in)), std::istreambuf_iterator<char>());
      for (auto& cs : readCaseStream(s.sm, "<stdin>", std::move(input), s.diags)) sources.push_back(std::move(cs));
    } else {
      for (const auto& f : collectFiles(p, {".case"}, s.diags)) {
        CaseSource cs;
        cs.name = f;
        sources.push_back(std::move(cs));
      }
    }
    // An empty folder or stream is a mistake to point out, not a pass.
    if (sources.size() == before && s.diags.hasErrors() == hadErrors) {
      std::string where = p == "-" ? "<stdin>" : "`" + p + "`";
      s.diags.error(DiagCode::loadNoCases, Span{}, {{"where", where}})
          .withHelp(p == "-" ? Phrase::streamLineForm : Phrase::caseFileForm);
    }
  }
  return sources;
}

/// The folders a stream line or an offer's `against` may name files in: those
/// of the cases on the command line (the current folder for a stream) and
/// any --case-root.
CaseRoots caseRoots(const CheckCommand& a) {
  CaseRoots roots;
  for (const auto& p : a.cases) roots.add(p == "-" ? "." : p);
  for (const auto& r : a.caseRoots) roots.add(r);
  return roots;
}

int check(const CommonOptions& common, const CheckCommand& a, const Streams& io) {
  Session s(common, io);
  // With --format json, input errors are also a JSON document on the output
  // stream, for the program that reads it (docs/input-errors-schema.json).
  const bool json = a.format == "json";
  auto failInput = [&](bool compact = false) {
    if (json) io.out << renderInputErrorsJson(s.sm, s.diags, common.lang, compact);
    return s.badInput();
  };
  auto rulebase = s.loadRules();
  if (!rulebase) return failInput();
  // Cases without a declared date are judged on `--date` (reproducible
  // output), else on the day they are checked. The option is validated by the CLI.
  if (!a.date.empty()) rulebase->today = calendar::parseIsoDate(a.date);
  // `--against TENDER`: the tender (a case, possibly with its own requirement
  // rules) is analysed first; each offer is then analysed on top of it, so the
  // tender's requirements and the bundled rules see both files' facts.
  std::optional<model::Model> tender;
  if (!a.against.empty()) {
    auto tf = loadFile(s.sm, a.against, a.against, s.diags);
    if (tf) tender = analyzeCase(*rulebase, s.sm, *tf, s.diags);
    if (!tender) return failInput();
  }
  std::vector<CaseSource> sources = caseSources(s, a.cases);
  if (sources.empty()) return failInput();
  const CaseRoots roots = caseRoots(a);
  std::vector<std::string> names;
  for (const auto& cs : sources) names.push_back(cs.name);

  CheckOptions options;
  options.timeoutMs = a.timeoutMs;
  options.rlimit = a.rlimit;
  options.repairRlimit = a.repairRlimit;
  const ReportFormat format = reportFormatByName(a.format).value_or(ReportFormat::text);
  const ReportFrame frame = reportFrame(format, sources.size(), common.lang);
  const bool progress = io.progress && sources.size() > 1;
  BatchOptions batch;
  batch.jobs = a.jobs;
  batch.separator = frame.separator;
  batch.write = [&](std::string_view text) { io.out.write(text.data(), static_cast<std::streamsize>(text.size())); };
  if (progress) batch.progress = [&](std::size_t done, std::size_t total) { io.err << "\r" << done << "/" << total; };
  CaseLoad load;
  load.tender = tender ? &*tender : nullptr;
  load.tenderPath = a.against;
  load.roots = &roots;
  // Each case is parsed and analysed when a worker takes it, and dropped
  // once its report is made, so a batch of thousands holds a few models.
  io.out << frame.begin;
  BatchResult result = runBatch(names, batch, [&]() -> CaseWork {
    // One checker per worker; it outlives this factory in the returned work.
    auto checker = std::make_shared<Checker>(options);
    return [&, checker](std::size_t i, Diagnostics& diags) -> CaseOutcome {
      CaseSource& src = sources[i];
      CaseLoad here = load;
      here.origin = src.span;  // valid for the lines of a stream
      auto m = src.inline_ ? loadCaseText(s.sm, *rulebase, src.name, std::move(src.text), diags, here)
                           : loadCase(s.sm, *rulebase, src.name, src.name, diags, here);
      if (!m) return {};
      CaseResult r = checker->check(*m);
      std::optional<RepairResult> repair;
      if (a.repair) repair = computeRepair(*checker, *m, r);
      ReportInput in{s.sm, *m, r, common.lang, a.strict, repair ? &*repair : nullptr, a.all};
      return {renderReport(format, in, sources.size()), exitCodeFor(*m, r, a.strict)};
    };
  });
  if (progress) io.err << "\n";
  io.out << frame.end;
  io.out.flush();
  // The errors before the batch (sorted), then each case's in input order.
  s.diags.sort();
  s.diags.append(result.diagnostics);
  const bool badInput = s.diags.hasErrors();
  if (badInput && json) io.out << renderInputErrorsJson(s.sm, s.diags, common.lang, /*compact=*/sources.size() > 1);
  if (!s.diags.items().empty()) s.printDiagnostics(/*sort=*/false);
  for (const auto& f : result.failures) io.err << failureMessage(f, common.lang) << "\n";
  if (!result.failures.empty()) return 3;
  if (badInput) return 2;
  return result.exitCode;
}

/// The limits of each solver question, from the command's options.
smt::Limits solverLimits(const SolverLimitOptions& o) {
  smt::Limits limits;
  limits.rlimit = o.rlimit;
  limits.timeoutMs = o.timeoutMs;
  return limits;
}

int lint(const CommonOptions& common, const LintCommand& a, const Streams& io) {
  Session s(common, io);
  // Modules named on the command line join the rulebase; cases are checked against it.
  std::vector<RulePath> paths = s.rulePaths();
  std::vector<std::string> cases, namedModules;
  for (const auto& p : a.paths) {
    for (const auto& f : collectFiles(p, {".rules", ".case"}, s.diags)) {
      if (f.size() >= 6 && f.compare(f.size() - 6, 6, ".rules") == 0) {
        paths.push_back({f, ""});
        namedModules.push_back(f);
      } else {
        cases.push_back(f);
      }
    }
  }
  auto rulebase = s.loadRules(paths);
  if (!rulebase) return s.badInput();
  std::optional<model::Model> tender;
  CaseLoad load;
  if (!a.against.empty()) {
    auto tf = loadFile(s.sm, a.against, a.against, s.diags);
    if (tf) tender = analyzeCase(*rulebase, s.sm, *tf, s.diags);
    if (!tender) return s.badInput();
    load.tender = &*tender;
    load.tenderPath = a.against;
  }
  std::vector<model::Model> caseModels;
  for (const auto& cf : cases)
    if (auto m = loadCase(s.sm, *rulebase, cf, cf, s.diags, load)) caseModels.push_back(std::move(*m));
  std::size_t intended = 0;
  if (a.analysis && !s.diags.hasErrors()) {
    IntendedFindings documented;
    for (const auto& rp : paths) documented.addFileIn(rp.path);
    auto analyse = [&](const model::Model& m, const std::optional<std::set<int>>& focus) {
      if (focus && focus->empty()) return;
      auto findings = lintRulebase(m, documented, solverLimits(a.limits), focus);
      for (const auto& f : findings) intended += f.intended ? 1 : 0;
      addLintDiagnostics(m, findings, s.diags);
    };
    // The rules of the modules named (every rule with --rulebase) ...
    std::set<int> named;
    for (std::size_t r = 0; r < rulebase->rules.size(); ++r) {
      const std::uint32_t file = rulebase->rules[r].span.file;
      for (const auto& f : namedModules)
        if (s.sm.name(file) == f) named.insert(static_cast<int>(r));
    }
    if (a.rulebase) analyse(*rulebase, std::nullopt);
    else analyse(*rulebase, named);
    // ... and each case's own rules, with the rules they interact with.
    for (const auto& m : caseModels) {
      std::set<int> own;
      for (std::size_t r = rulebase->rules.size(); r < m.rules.size(); ++r) own.insert(static_cast<int>(r));
      if (tender)
        for (std::size_t r = rulebase->rules.size(); r < tender->rules.size(); ++r) own.erase(static_cast<int>(r));
      analyse(m, own);
    }
  }
  s.printDiagnostics();
  if (s.diags.hasErrors()) return 2;
  io.out << lintSummary({rulebase->modules.size(), rulebase->rules.size(), caseModels.size(),
                         s.diags.items().size() - intended, intended},
                        common.lang);
  return 0;
}

int explain(const CommonOptions& common, const ExplainCommand& a, const Streams& io) {
  Session s(common, io);
  auto rulebase = s.loadRules();
  if (!rulebase) return s.badInput();
  // A case's own rules (a tender's requirements) are explained from the case
  // that declares them: the first case given whose model knows the id.
  std::vector<model::Model> cases;
  for (const auto& p : a.cases)
    for (const auto& f : collectFiles(p, {".case"}, s.diags))
      if (auto m = loadCase(s.sm, *rulebase, f, f, s.diags)) cases.push_back(std::move(*m));
  if (s.diags.hasErrors()) return s.badInput();
  const model::Model* where = cases.empty() ? &*rulebase : &cases.front();
  for (const auto& m : cases) {
    if (explainRuleIdKnown(m, a.rule)) {
      where = &m;
      break;
    }
  }
  Diagnostics unknown;
  auto ex = explainRuleById(*where, a.rule, unknown, solverLimits(a.limits));
  if (!ex) {
    // An unknown rule id has no location: its error and help, without a count.
    for (const auto& d : unknown.items()) io.err << render(s.sm, d, common.lang, common.color);
    return 2;
  }
  io.out << escapeControls(renderExplanation(s.sm, *where, *ex, common.lang), /*keepNewlines=*/true);
  return 0;
}

int vocab(const CommonOptions& common, const VocabCommand& a, const Streams& io) {
  Session s(common, io);
  auto rulebase = s.loadRules();
  if (!rulebase) return s.badInput();
  if (a.format == "markdown") {
    io.out << renderVocabularyMarkdown(*rulebase);
    return 0;
  }
  const VocabularySelection selection = selectVocabulary(*rulebase, a.word);
  if (selection.empty()) {
    // Nothing matches: what the word could have been, or how to look.
    Diagnostic& d = s.diags.error(DiagCode::vocabNoMatch, Span{}, {{"word", a.word}});
    d.help = nameHelp(a.word, vocabularyNames(*rulebase));
    for (const auto& item : s.diags.items()) io.err << render(s.sm, item, common.lang, common.color);
    return 2;
  }
  if (a.format == "json") io.out << renderVocabularyJson(*rulebase, selection);
  else io.out << escapeControls(renderVocabularyText(*rulebase, selection, common.lang), /*keepNewlines=*/true);
  return 0;
}

int init(const CommonOptions& common, const InitCommand& a, const Streams& io) {
  Session s(common, io);
  auto rulebase = s.loadRules();
  if (!rulebase) return s.badInput();
  auto text = starterCase(*rulebase, a.role, common.lang, a.date.empty() ? todayIso() : a.date);
  if (!text) throw InternalError("no starting case for the role " + a.role);  // the CLI accepts only known roles
  if (a.file.empty() || a.file == "-") {
    io.out << *text;
    return 0;
  }
  // A starting case never replaces a file: it may be the user's work.
  std::error_code ec;
  const bool exists = std::filesystem::exists(a.file, ec);
  bool written = false;
  if (!exists) {
    std::ofstream f(a.file, std::ios::binary);
    f << *text;
    f.close();
    written = static_cast<bool>(f);
  }
  if (!written) {
    s.diags.error(exists ? DiagCode::initFileExists : DiagCode::initCannotWrite, Span{}, {{"path", a.file}});
    for (const auto& d : s.diags.items()) io.err << render(s.sm, d, common.lang, common.color);
    return 2;
  }
  io.err << phrase(Phrase::initWrote, {{"path", a.file}}).in(common.lang) << "\n";
  return 0;
}

}  // namespace

std::string todayIso() {
  const auto now = std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now());
  return calendar::isoDate(now.time_since_epoch().count());
}

int runVocab(const CommonOptions& common, const VocabCommand& command, const Streams& io) {
  return guarded(common, io, [&] { return vocab(common, command, io); });
}

int runInit(const CommonOptions& common, const InitCommand& command, const Streams& io) {
  return guarded(common, io, [&] { return init(common, command, io); });
}

int runCheck(const CommonOptions& common, const CheckCommand& command, const Streams& io) {
  return guarded(common, io, [&] { return check(common, command, io); });
}

int runLint(const CommonOptions& common, const LintCommand& command, const Streams& io) {
  return guarded(common, io, [&] { return lint(common, command, io); });
}

int runExplain(const CommonOptions& common, const ExplainCommand& command, const Streams& io) {
  return guarded(common, io, [&] { return explain(common, command, io); });
}

}  // namespace samsvar

#include "harness.hpp"

#include "core/calendar.hpp"

#include <fstream>
#include <sstream>

#include "grammar/parse.hpp"
#include "engine/sema/sema.hpp"
#include "engine/driver/load.hpp"

namespace samsvar::testing {

std::string sourcePath(const std::string& relative) { return std::string(SAMSVAR_SOURCE_DIR) + "/" + relative; }

std::string readFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string Run::errors() const { return renderAll(sm, diags, Lang::en); }

std::optional<Verdict> Run::verdict(const std::string& ruleId) const {
  std::optional<Verdict> worst;
  if (!model) return worst;
  for (const auto& f : result.findings) {
    if (model->rules[f.rule].id != ruleId) continue;
    if (!worst || verdictRank(f.verdict) > verdictRank(*worst)) worst = f.verdict;
  }
  return worst;
}

std::vector<Verdict> Run::verdictsFor(const std::string& ruleId, const std::string& inst) const {
  std::vector<Verdict> out;
  if (!model) return out;
  auto it = model->instanceByName.find(inst);
  if (it == model->instanceByName.end()) return out;
  for (const auto& f : result.findings) {
    const auto& rule = model->rules[f.rule];
    if (rule.id != ruleId) continue;
    for (std::size_t k = 0; k < rule.bindings.size(); ++k)
      if (rule.bindings[k].ty.kind == model::Kind::Ref && f.binding[k] == it->second) {
        out.push_back(f.verdict);
        break;
      }
  }
  return out;
}

const Finding* Run::finding(const std::string& ruleId, const std::string& inst) const {
  if (!model) return nullptr;
  for (const auto& f : result.findings) {
    const auto& rule = model->rules[f.rule];
    if (rule.id != ruleId) continue;
    if (inst.empty()) return &f;
    for (std::size_t k = 0; k < rule.bindings.size(); ++k)
      if (rule.bindings[k].ty.kind == model::Kind::Ref && f.binding[k] >= 0 &&
          f.binding[k] < static_cast<std::int64_t>(model->instances.size()) &&
          model->instances[f.binding[k]].name == inst)
        return &f;
  }
  return nullptr;
}

std::string Run::text(Lang lang) const {
  return model ? renderText(ReportInput{sm, *model, result, lang, false}) : std::string();
}
std::string Run::json() const {
  return model ? renderJson(ReportInput{sm, *model, result, Lang::en, false}) : std::string();
}

std::int64_t testToday() { return *calendar::dayNumber(2026, 12, 1); }

Run runTexts(const std::vector<std::pair<std::string, std::string>>& modules, const std::string& caseText,
             CheckOptions options) {
  Run run;
  std::vector<ast::File> files;
  for (const auto& [name, text] : modules) {
    auto id = run.sm.add(name, text);
    if (auto f = parseFile(run.sm, id, run.diags)) files.push_back(std::move(*f));
  }
  if (run.diags.hasErrors()) return run;
  run.rulebase = analyzeModules(run.sm, files, run.diags);
  if (!run.rulebase) return run;
  run.rulebase->today = testToday();
  auto id = run.sm.add("test.case", caseText);
  auto cf = parseFile(run.sm, id, run.diags);
  if (!cf) return run;
  run.model = analyzeCase(*run.rulebase, run.sm, *cf, run.diags);
  if (!run.model) return run;
  Checker checker(options);
  run.result = checker.check(*run.model);
  run.checked = true;
  return run;
}

Run runBundled(const std::string& caseFile, CheckOptions options) {
  Run run;
  run.rulebase = loadRulebase(run.sm, {{sourcePath("rules"), "rules/"}}, run.diags);
  if (!run.rulebase) return run;
  run.rulebase->today = testToday();
  auto cf = loadFile(run.sm, sourcePath(caseFile), caseFile, run.diags);
  if (!cf) return run;
  run.model = analyzeCase(*run.rulebase, run.sm, *cf, run.diags);
  if (!run.model) return run;
  Checker checker(options);
  run.result = checker.check(*run.model);
  run.checked = true;
  return run;
}

RepairedCase::RepairedCase(const std::string& file) {
  rulebase = loadRulebase(sm, {{sourcePath("rules"), "rules/"}}, diags);
  if (!rulebase) return;
  rulebase->today = testToday();
  model = loadCase(sm, *rulebase, sourcePath(file), file, diags);
  if (!model) return;
  result = checker.check(*model);
  repair = computeRepair(checker, *model, result);
}

std::string lintTexts(const std::vector<std::pair<std::string, std::string>>& files) {
  SourceManager sm;
  Diagnostics diags;
  std::vector<ast::File> modules;
  std::vector<ast::File> cases;
  for (const auto& [name, text] : files) {
    auto id = sm.add(name, text);
    if (auto f = parseFile(sm, id, diags)) {
      if (f->kind == ast::FileKind::module) modules.push_back(std::move(*f));
      else cases.push_back(std::move(*f));
    }
  }
  if (!diags.hasErrors()) {
    auto rb = analyzeModules(sm, modules, diags);
    if (rb)
      for (const auto& c : cases) analyzeCase(*rb, sm, c, diags);
  }
  diags.sort();
  return renderAll(sm, diags, Lang::en);
}

}  // namespace samsvar::testing

#include "engine/driver/incremental.hpp"

#include <algorithm>
#include <filesystem>

#include "engine/check/evaluate.hpp"
#include "engine/sema/sema.hpp"
#include "grammar/parse.hpp"

namespace samsvar {

using namespace model;

namespace {

/// The elements a model holds of its own (past the shared rulebase) are the
/// same in both by `same`, and so are the counts.
template <class T, class Same>
bool sameOwn(const Layered<T>& a, const Layered<T>& b, Same same) {
  if (a.size() != b.size() || a.sharedSize() != b.sharedSize()) return false;
  for (std::size_t i = a.sharedSize(); i < a.size(); ++i)
    if (!same(a[i], b[i])) return false;
  return true;
}

bool sameValue(const Model& a, const FactValue& x, const Model& b, const FactValue& y, const Ty& ty) {
  // A text is its interned id in the terms and its string in the report: both must stay.
  auto same = [&](std::int64_t u, std::int64_t v) {
    if (u != v) return false;
    return ty.kind != Kind::Text || a.texts[static_cast<std::size_t>(u)] == b.texts[static_cast<std::size_t>(v)];
  };
  if (!ty.set) return same(x.scalar, y.scalar);
  const SetValue &s = x.set, &t = y.set;
  if (s.open != t.open || s.members.size() != t.members.size() || s.excluded != t.excluded) return false;
  for (std::size_t i = 0; i < s.members.size(); ++i)
    if (!same(s.members[i], t.members[i])) return false;
  return true;
}

}  // namespace

bool sameDeclarations(const SourceManager& asm_, const Model& a, const SourceManager& bsm, const Model& b) {
  auto text = [&](const Span& x, const Span& y) { return asm_.slice(x) == bsm.slice(y); };
  if (a.isCase != b.isCase || a.caseDate != b.caseDate || a.caseDateDeclared != b.caseDateDeclared ||
      a.today != b.today || a.activeRules != b.activeRules || a.modulesInUse != b.modulesInUse)
    return false;
  if (!sameOwn(a.modules, b.modules, [&](const ModuleInfo& x, const ModuleInfo& y) { return x.name == y.name; }) ||
      !sameOwn(a.enums, b.enums, [&](const EnumInfo& x, const EnumInfo& y) { return text(x.span, y.span); }) ||
      !sameOwn(a.types, b.types,
               [&](const TypeInfo& x, const TypeInfo& y) { return x.name == y.name && text(x.span, y.span); }) ||
      !sameOwn(a.instances, b.instances,
               [&](const Instance& x, const Instance& y) {
                 return x.name == y.name && x.type == y.type && x.module == y.module && x.phantom == y.phantom;
               }) ||
      !sameOwn(a.rules, b.rules,
               [&](const RuleInfo& x, const RuleInfo& y) { return x.id == y.id && text(x.span, y.span); }) ||
      !sameOwn(a.waivers, b.waivers, [&](const Waiver& x, const Waiver& y) { return text(x.span, y.span); }) ||
      !sameOwn(a.documents, b.documents,
               [&](const DocumentInfo& x, const DocumentInfo& y) { return text(x.span, y.span); }) ||
      !sameOwn(a.successions, b.successions,
               [&](const Succession& x, const Succession& y) { return text(x.span, y.span); }))
    return false;
  // A case's own rules hold text values by their interned ids, which the
  // case's text facts (interned first) may shift.
  if (a.rules.size() > a.rules.sharedSize() &&
      !sameOwn(a.texts, b.texts, [](const std::string& x, const std::string& y) { return x == y; }))
    return false;
  return true;
}

std::vector<std::int64_t> changedFacts(const Model& a, const Model& b) {
  std::vector<std::int64_t> out;
  for (std::size_t i = 0; i < a.instances.size(); ++i) {
    if (a.instances.isShared(i) && b.instances.isShared(i) && a.instances.sharesWith(b.instances)) continue;
    const Instance &x = a.instances[i], &y = b.instances[i];
    const TypeInfo& type = a.types[x.type];
    for (std::size_t k = 0; k < x.factOfAttr.size(); ++k) {
      int f = x.factOfAttr[k], g = y.factOfAttr[k];
      if (f < 0 && g < 0) continue;
      if (f < 0 || g < 0 || !sameValue(a, a.facts[f].value, b, b.facts[g].value, type.attrs[k].ty))
        out.push_back(factKey(static_cast<std::int64_t>(i), static_cast<int>(k)));
    }
  }
  return out;  // sorted: by instance, then attribute
}

IncrementalChecker::IncrementalChecker(const SourceManager& sources, const Model& rulebase, CheckOptions options)
    : rulebase_(rulebase), checker_(options) {
  for (std::uint32_t i = 0; i < sources.size(); ++i) files_.emplace_back(sources.name(i), sources.text(i));
}

const WarmCheck& IncrementalChecker::check(const CaseText& caseText, const std::optional<CaseText>& tenderText) {
  auto out = std::make_unique<WarmCheck>();
  out->sm = std::make_unique<SourceManager>();
  SourceManager& sm = *out->sm;
  for (const auto& [name, text] : files_) sm.add(name, text);
  Diagnostics& diags = out->diags;

  std::optional<Model> tender;
  if (tenderText) {
    auto tf = parseFile(sm, sm.add(tenderText->name, tenderText->text), diags);
    if (tf && tf->against)
      diags.error(DiagCode::loadTenderChain, tf->against->span, {{"tender", tenderText->name}});
    else if (tf)
      tender = analyzeCase(rulebase_, sm, *tf, diags);
  }
  out->caseFile = sm.add(caseText.name, caseText.text);
  out->caseAst = parseFile(sm, out->caseFile, diags);
  const auto& cf = out->caseAst;
  if (cf && !diags.hasErrors()) {
    if (cf->against) {
      // The tender an offer names must come with it, under the name the
      // offer gives it (relative to the offer's own name).
      namespace fs = std::filesystem;
      std::string named =
          (fs::path(caseText.name).parent_path() / cf->against->value).lexically_normal().generic_string();
      if (!tender || tenderText->name != named)
        diags.error(DiagCode::serveTenderNeeded, cf->against->span, {{"tender", cf->against->value}});
      else
        out->model = analyzeCase(*tender, sm, *cf, diags);
    } else {
      out->model = analyzeCase(tender ? *tender : rulebase_, sm, *cf, diags);
    }
  }
  diags.sort();
  if (out->model && diags.hasErrors()) out->model.reset();

  if (out->model) {
    CheckTrace trace;
    // The last check that analysed (an editor passes through texts with
    // errors, which keep nothing).
    const WarmCheck* prev = good_.get();
    if (prev && sameDeclarations(*prev->sm, *prev->model, sm, *out->model)) {
      CheckReuse reuse{&trace_, changedFacts(*prev->model, *out->model)};
      out->result = checker_.check(*out->model, &reuse, &trace);
      out->incremental = true;
    } else {
      out->result = checker_.check(*out->model, nullptr, &trace);
    }
    trace_ = std::move(trace);
  }
  lastName_ = caseText.name;
  last_ = std::shared_ptr<WarmCheck>(std::move(out));
  if (last_->model) good_ = last_;
  return *last_;
}

}  // namespace samsvar

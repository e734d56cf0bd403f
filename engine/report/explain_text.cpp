#include "engine/report/explain_text.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "engine/report/lint_text.hpp"
#include "engine/report/report.hpp"
#include "engine/report/strength.hpp"

namespace samsvar {

namespace {

/// The facts of an example as lines: what a set lacks is said once per set,
/// with the first few elements, so that a set over a long enum (44 target
/// groups) does not take a line per element.
std::vector<std::string> exampleLines(const RuleExample& e, Lang lang) {
  constexpr std::size_t kShown = 3;
  const bool nb = lang == Lang::nb;
  std::vector<std::string> lines;
  std::vector<std::pair<std::string, std::vector<std::string>>> lacks;  // in order of first appearance
  for (const auto& f : e.facts) {
    if (f.kind != WitnessFact::Kind::lacks) {
      lines.push_back(witnessText(f, lang));
      continue;
    }
    auto it = std::find_if(lacks.begin(), lacks.end(), [&](const auto& l) { return l.first == f.attribute; });
    if (it == lacks.end()) it = lacks.insert(lacks.end(), {f.attribute, {}});
    it->second.push_back(f.value);
  }
  for (const auto& [attribute, values] : lacks) {
    if (values.size() <= kShown) {
      for (const auto& v : values) lines.push_back(witnessText({attribute, WitnessFact::Kind::lacks, v}, lang));
      continue;
    }
    std::string shown;
    for (std::size_t k = 0; k < kShown; ++k) shown += (k ? ", " : "") + values[k];
    lines.push_back(fmt::format(fmt::runtime(nb ? "{} inneholder ikke {} eller {} andre" : "{} lacks {} or {} others"),
                                attribute, shown, values.size() - kShown));
  }
  return lines;
}

/// Why an example does not exist: the rule never applies (in a world of one
/// instance per type, where two bindings of one type are the same instance),
/// always holds where it applies, or can never hold.
std::string missingExampleReason(const model::Model& m, const model::RuleInfo& rule, const RuleExplanation& ex,
                                 bool satisfying, Lang lang) {
  const bool nb = lang == Lang::nb;
  if (!ex.satisfying.found && !ex.violating.found && ex.satisfying.undecided.empty() && ex.violating.undecided.empty()) {
    // Two bindings of the same type: the examples have one instance of each type.
    for (std::size_t i = 0; i < rule.bindings.size(); ++i)
      for (std::size_t j = i + 1; j < rule.bindings.size(); ++j)
        if (!rule.bindings[i].set && !rule.bindings[j].set && rule.bindings[i].ty == rule.bindings[j].ty &&
            rule.bindings[i].ty.kind == model::Kind::Ref) {
          const std::string type = model::typeName(m, rule.bindings[i].ty);
          return nb ? fmt::format("finnes ikke: eksemplene har én {0} ({1} og {2} er samme instans), og regelen gjelder "
                                  "bare for to ulike; `samsvar check` på en sak med to {0} viser hvordan den virker",
                                  type, rule.bindings[i].var, rule.bindings[j].var)
                    : fmt::format("none exists: the examples have one {0} ({1} and {2} are the same instance), and the "
                                  "rule applies only to two different ones; `samsvar check` on a case with two {0} shows how it works",
                                  type, rule.bindings[i].var, rule.bindings[j].var);
        }
    return nb ? "finnes ikke: regelen gjelder aldri (betingelsen kan ikke bli sann); `samsvar lint --rulebase` viser det"
              : "none exists: the rule never applies (its condition cannot hold); `samsvar lint --rulebase` shows it";
  }
  if (satisfying)
    return nb ? "finnes ikke: ingen sak kan oppfylle regelen der den gjelder; `samsvar lint --rulebase` viser det"
              : "none exists: no case can satisfy the rule where it applies; `samsvar lint --rulebase` shows it";
  return nb ? "finnes ikke: regelen holder alltid der den gjelder" : "none exists: the rule always holds where it applies";
}

}  // namespace

std::string renderExplanation(const SourceManager& sm, const model::Model& rulebase, const RuleExplanation& ex,
                              Lang lang) {
  const model::RuleInfo& rule = rulebase.rules[ex.rule];
  const bool nb = lang == Lang::nb;
  std::string out = fmt::format("{} [{}] ({})\n", rule.id, strengthName(rule.strength), sm.location(rule.idSpan));
  out += fmt::format("  nb: {}\n  en: {}\n", rule.title.nb, rule.title.en);
  if (rule.message) out += fmt::format("  {}: {}\n", nb ? "melding" : "message", rule.message->in(lang));
  for (const auto& s : rule.sources) {
    out += fmt::format("  {}: {}\n", nb ? "kilde" : "source", citationText(rulebase, s, lang));
    if (const model::DocumentInfo* d = citedDocument(rulebase, s))
      if (std::string details = documentDetails(*d); !details.empty()) out += fmt::format("    ({})\n", details);
  }
  out += fmt::format("  {}: {}\n", nb ? "styrke" : "strength", strengthMeaning(rule.strength).in(lang));
  out += fmt::format("  {}:\n", nb ? "regel" : "rule");
  std::string_view text = sm.slice(rule.span);
  for (std::size_t start = 0;;) {
    std::size_t nl = text.find('\n', start);
    out += fmt::format("    {}\n", text.substr(start, nl == std::string_view::npos ? std::string_view::npos : nl - start));
    if (nl == std::string_view::npos) break;
    start = nl + 1;
  }
  auto example = [&](const RuleExample& e, const char* nbTitle, const char* enTitle) {
    out += fmt::format("  {}:\n", nb ? nbTitle : enTitle);
    if (!e.found && !e.undecided.empty()) {  // the solver gave up: say so, never "none exists"
      out += fmt::format("    ({}: {})\n", nb ? "ikke avgjort" : "not decided", unknownReasonText(e.undecided, lang));
      return;
    }
    if (!e.found) {
      out += fmt::format("    ({})\n", missingExampleReason(rulebase, rule, ex, &e == &ex.satisfying, lang));
      return;
    }
    if (e.facts.empty()) out += nb ? "    (gjelder for alle fakta)\n" : "    (holds for any facts)\n";
    for (const auto& line : exampleLines(e, lang)) out += fmt::format("    {}\n", line);
  };
  example(ex.satisfying, "eksempel som oppfyller regelen (generert av Z3)",
          "example that satisfies the rule (generated by Z3)");
  example(ex.violating, "eksempel som bryter regelen (generert av Z3)", "example that violates the rule (generated by Z3)");
  return out;
}

}  // namespace samsvar

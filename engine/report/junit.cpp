#include "engine/report/junit.hpp"

#include <fmt/format.h>

#include "core/calendar.hpp"

#include "engine/report/strength.hpp"

namespace samsvar {

using namespace model;

namespace {

std::string location(const SourceManager& sm, const Span& s) {
  return s.valid && s.file < sm.size() ? sm.location(s) : "";
}

/// What a finding says, as the text report says it: message, sources, the
/// facts that cause it, what decides it, the waiver and the solver's reason.
std::string details(const ReportInput& in, const Finding& f) {
  const Model& m = in.model;
  const RuleInfo& rule = m.rules[f.rule];
  const bool nb = in.lang == Lang::nb;
  std::string out = fmt::format("{}: {}\n", strengthName(rule.strength), rule.title.in(in.lang));
  std::string bound = bindingText(m, f);
  if (!bound.empty()) out += fmt::format("for {}\n", bound);
  if (std::string at = location(in.sm, f.location); !at.empty()) out += fmt::format("--> {}\n", at);
  out += ruleMessage(m, f, in.lang) + "\n";
  for (const auto& c : rule.sources) out += fmt::format("{}: {}\n", nb ? "kilde" : "source", citationText(in.model, c, in.lang));
  if (!f.because.empty()) {
    out += fmt::format("{}:\n", nb ? "fordi" : "because");
    for (const auto& e : f.because) out += fmt::format("  {}  {}\n", location(in.sm, e.span), factText(m, e.fact, in.lang, f));
  }
  if (!f.gaps.empty()) {
    out += fmt::format("{}:\n", nb ? "avgjøres av det som ikke er deklarert" : "decided by what is not declared");
    for (const auto& g : f.gaps) out += "  " + gapText(m, f, g, in.lang) + "\n";
  }
  if (f.waiver >= 0) {
    const Waiver& w = m.waivers[f.waiver];
    out += fmt::format("{} ({}): «{}»\n", waiverLabel(w, in.lang), location(in.sm, w.span), w.text);
    out += fmt::format("{}: {}\n", nb ? "uten dette" : "without it", underlyingText(f, in.lang));
  }
  if (f.verdict == Verdict::unknown)
    out += fmt::format("{}: {}\n", nb ? "årsak" : "reason", unknownReasonText(f.unknownReason, in.lang));
  return out;
}

/// The verdict as a word of the report's language.
std::string verdictWord(Verdict v, Lang lang) {
  const bool nb = lang == Lang::nb;
  switch (v) {
    case Verdict::violated: return nb ? "brudd" : "violated";
    case Verdict::gap: return nb ? "mangel" : "gap";
    case Verdict::unknown: return nb ? "ukjent" : "unknown";
    case Verdict::deviated: return nb ? "avvik" : "deviation";
    case Verdict::exempted: return nb ? "unntak" : "exemption";
    case Verdict::satisfied: return nb ? "oppfylt" : "satisfied";
    case Verdict::not_applicable: return nb ? "ikke aktuell" : "not applicable";
    case Verdict::information: return nb ? "til informasjon" : "for information";
  }
  return "";
}

}  // namespace

std::string xmlEscape(const std::string& text) {
  std::string out;
  for (char c : escapeControls(text, /*keepNewlines=*/true)) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&apos;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string renderJunitSuite(const ReportInput& in) {
  const Model& m = in.model;
  const SourceManager& sm = in.sm;
  const std::string file = sm.name(m.caseFile);
  std::size_t tests = 0, failures = 0, skipped = 0, notApplicable = 0, information = 0;
  std::string cases;
  for (const auto& f : in.result.findings) {
    if (f.verdict == Verdict::not_applicable) {
      ++notApplicable;
      continue;
    }
    // A rule that cannot fail (a permission or definition) is no test.
    if (f.verdict == Verdict::information) {
      ++information;
      continue;
    }
    ++tests;
    const RuleInfo& rule = m.rules[f.rule];
    std::string bound = bindingText(m, f);
    std::string name = rule.id + ": " + rule.title.in(in.lang) + (bound.empty() ? "" : " (" + bound + ")");
    std::string attrs = fmt::format("name=\"{}\" classname=\"{}\" file=\"{}\"", xmlEscape(name), xmlEscape(rule.id),
                                    xmlEscape(file));
    if (f.location.valid && f.location.file < sm.size())
      attrs += fmt::format(" line=\"{}\"", sm.lineCol(f.location.file, f.location.begin).line);
    const bool fails = exitCodeFor(m, CaseResult{{f}}, in.strict) != 0;
    const std::string summary =
        fmt::format("{} ({}): {}", verdictWord(f.verdict, in.lang), strengthName(rule.strength), ruleMessage(m, f, in.lang));
    std::string body;
    if (fails) {
      ++failures;
      body = fmt::format("      <failure type=\"{}\" message=\"{}\">{}</failure>\n", xmlEscape(verdictName(f.verdict)),
                         xmlEscape(summary), xmlEscape(details(in, f)));
    } else if (f.verdict == Verdict::violated || f.verdict == Verdict::gap || f.verdict == Verdict::unknown) {
      ++skipped;
      body = fmt::format("      <skipped message=\"{}\"/>\n      <system-out>{}</system-out>\n", xmlEscape(summary),
                         xmlEscape(details(in, f)));
    } else if (f.verdict == Verdict::deviated || f.verdict == Verdict::exempted) {
      body = fmt::format("      <system-out>{}</system-out>\n", xmlEscape(details(in, f)));
    }
    cases += body.empty() ? fmt::format("    <testcase {}/>\n", attrs)
                          : fmt::format("    <testcase {}>\n{}    </testcase>\n", attrs, body);
  }
  const bool nb = in.lang == Lang::nb;
  std::string suiteName = fmt::format("{} «{}»", nb ? "Sak" : "Case", m.caseTitle);
  std::string out = fmt::format(
      "  <testsuite name=\"{}\" tests=\"{}\" failures=\"{}\" errors=\"0\" skipped=\"{}\" file=\"{}\">\n"
      "    <properties>\n"
      "      <property name=\"summary\" value=\"{}\"/>\n"
      "      <property name=\"not_applicable\" value=\"{}\"/>\n"
      "      <property name=\"information\" value=\"{}\"/>\n"
      "      <property name=\"exit_code\" value=\"{}\"/>\n"
      "      <property name=\"date\" value=\"{}\"/>\n"
      "    </properties>\n",
      xmlEscape(suiteName), tests, failures, skipped, xmlEscape(file), xmlEscape(summaryText(in.result, in.lang)),
      notApplicable, information, exitCodeFor(m, in.result, in.strict), calendar::isoDate(m.caseDate));
  out += cases;
  if (in.repair) {
    const RepairResult& r = *in.repair;
    std::string text = fmt::format("{}\n", nb ? "Minste reparasjon" : "Smallest repair");
    std::string confirm;
    for (const auto& c : r.changes)
      if (std::string line = repairChangeText(m, r, c, in.lang); !line.empty())
        (isConfirmation(c) ? confirm : text) += (isConfirmation(c) ? "    " : "  ") + line + "\n";
    if (!confirm.empty()) text += "  " + repairConfirmHeading(in.lang) + "\n" + confirm;
    std::string outcome = r.status == RepairResult::Status::unverified ? repairUnverifiedText(m, r, in.lang)
                                                                       : repairOutcomeText(m, r, in.lang);
    if (!outcome.empty()) text += "  " + outcome + "\n";
    out += fmt::format("    <system-out>{}</system-out>\n", xmlEscape(text));
  }
  out += "  </testsuite>\n";
  return out;
}

std::string junitBegin() { return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"samsvar\">\n"; }

std::string junitEnd() { return "</testsuites>\n"; }

std::string renderJunit(const ReportInput& in) { return junitBegin() + renderJunitSuite(in) + junitEnd(); }

}  // namespace samsvar

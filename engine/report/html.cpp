#include "engine/report/html.hpp"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "engine/report/strength.hpp"

namespace samsvar {

using namespace model;

namespace {

using Attrs = std::vector<std::pair<std::string, std::string>>;

/// Every text of a view passes through here: whatever a file holds, no
/// control character reaches a page or a document.
ViewNode text(const std::string& s) { return ViewNode{"", {}, escapeControls(s, /*keepNewlines=*/true), {}}; }

ViewNode el(std::string tag, Attrs attrs = {}, std::vector<ViewNode> children = {}) {
  for (auto& [name, value] : attrs) value = escapeControls(value);
  return ViewNode{std::move(tag), std::move(attrs), "", std::move(children)};
}

ViewNode el(std::string tag, Attrs attrs, const std::string& s) { return el(std::move(tag), std::move(attrs), {text(s)}); }

/// ASCII class names of the strengths (må → maa, bør → boer).
const char* strengthClass(ast::Strength s) {
  switch (s) {
    case ast::Strength::maa: return "maa";
    case ast::Strength::skal: return "skal";
    case ast::Strength::boer: return "boer";
    case ast::Strength::kan: return "kan";
  }
  return "skal";
}

/// `data-file` and `data-line` of a span, and its "file:line:col".
struct Where {
  Attrs attrs;
  std::string shown;
};
Where where(const SourceManager& sm, const Span& s) {
  if (!s.valid || s.file >= sm.size()) return {};
  auto lc = sm.lineCol(s.file, s.begin);
  return {{{"data-file", sm.name(s.file)}, {"data-line", std::to_string(lc.line)}}, sm.location(s)};
}

/// A located element: `class` plus where it points.
Attrs located(const std::string& cls, const Where& w) {
  Attrs a{{"class", cls}};
  a.insert(a.end(), w.attrs.begin(), w.attrs.end());
  return a;
}

ViewNode findingView(const ReportInput& in, std::size_t index, const ReportSection& section, const ViewOptions& options) {
  const Model& m = in.model;
  const Finding& f = in.result.findings[index];
  const RuleInfo& rule = m.rules[f.rule];
  const bool nb = in.lang == Lang::nb;
  const Where at = where(in.sm, f.location);
  Attrs attrs = located(std::string("finding ") + section.label, at);
  attrs.emplace_back("data-rule", rule.id);
  attrs.emplace_back("data-verdict", verdictName(f.verdict));
  attrs.emplace_back("data-strength", strengthName(rule.strength));
  ViewNode article = el("article", attrs);
  auto& kids = article.children;
  kids.push_back(el("h4", {},
                    {el("span", {{"class", std::string("badge ") + strengthClass(rule.strength)}}, strengthName(rule.strength)),
                     text(" "), el("span", {{"class", "rule-id"}}, rule.id), text(" "),
                     el("span", {{"class", "title"}}, rule.title.in(in.lang))}));
  if (std::string bound = bindingText(m, f); !bound.empty()) kids.push_back(el("p", {{"class", "binding"}}, "for " + bound));
  if (!at.shown.empty()) kids.push_back(el("p", {{"class", "where"}}, {el("span", located("loc", at), at.shown)}));
  kids.push_back(el("p", {{"class", "message"}}, ruleMessage(m, f, in.lang)));
  if (!rule.sources.empty()) {
    ViewNode list = el("ul", {{"class", "sources"}});
    for (const auto& c : rule.sources)
      list.children.push_back(el("li", {}, {el("span", {{"class", "label"}}, nb ? "kilde" : "source"), text(" "),
                                            text(citationText(m, c, in.lang))}));
    kids.push_back(std::move(list));
  }
  if (!f.because.empty()) {
    ViewNode list = el("ul");
    for (const auto& e : f.because) {
      const Where cause = where(in.sm, e.span);
      list.children.push_back(el("li", located("cause", cause),
                                 {el("span", {{"class", "loc"}}, cause.shown), text(" "),
                                  el("code", {}, factText(m, e.fact, in.lang, f))}));
    }
    kids.push_back(el("div", {{"class", "because"}}, {el("p", {{"class", "label"}}, nb ? "fordi" : "because"), std::move(list)}));
  }
  if (!f.gaps.empty()) {
    ViewNode list = el("ul");
    for (std::size_t g = 0; g < f.gaps.size(); ++g) {
      ViewNode item = el("li", {{"class", "gap"}}, {el("span", {}, gapText(m, f, f.gaps[g], in.lang))});
      if (options.actions)
        item.children.push_back(el("button",
                                   {{"type", "button"},
                                    {"class", "insert"},
                                    {"data-action", "insert-gap"},
                                    {"data-finding", std::to_string(index)},
                                    {"data-gap", std::to_string(g)}},
                                   nb ? "Sett inn" : "Insert"));
      list.children.push_back(std::move(item));
    }
    kids.push_back(el("div", {{"class", "gaps"}},
                      {el("p", {{"class", "label"}},
                          nb ? "avgjøres av det som ikke er deklarert" : "decided by what is not declared"),
                       std::move(list)}));
  }
  if (f.waiver >= 0) {
    const Waiver& w = m.waivers[f.waiver];
    const Where wat = where(in.sm, w.span);
    kids.push_back(el("p", located("waiver", wat),
                      {el("span", {{"class", "label"}}, waiverLabel(w, in.lang)), text(" "),
                       el("span", {{"class", "loc"}}, wat.shown), text(": «" + w.text + "»")}));
    kids.push_back(el("p", {{"class", "without"}}, (nb ? "uten dette: " : "without it: ") + underlyingText(f, in.lang)));
  }
  if (f.verdict == Verdict::unknown)
    kids.push_back(el("p", {{"class", "reason"}},
                      (nb ? "årsak: " : "reason: ") + unknownReasonText(f.unknownReason, in.lang)));
  return article;
}

ViewNode repairView(const ReportInput& in, const ViewOptions& options) {
  const Model& m = in.model;
  const RepairResult& r = *in.repair;
  const bool nb = in.lang == Lang::nb;
  ViewNode section = el("section", {{"class", "repair"}, {"data-status", ""}},
                        {el("h3", {}, nb ? "Minste reparasjon" : "Smallest repair")});
  static const char* status[] = {"not_needed", "found", "unverified", "impossible", "unknown", "undecided"};
  section.attrs[1].second = status[static_cast<int>(r.status)];
  ViewNode list = el("ul", {{"class", "changes"}});
  ViewNode confirm = el("ul", {{"class", "confirm"}});
  for (const auto& c : r.changes) {
    std::string line = repairChangeText(m, r, c, in.lang);
    if (line.empty()) continue;
    const Where at = c.kind == RepairChange::Kind::add_instance ? Where{} : where(in.sm, c.span);
    ViewNode item = el("li", located(c.kind == RepairChange::Kind::assume ? "change assume" : "change", at),
                       {el("span", {}, line)});
    if (!at.shown.empty()) item.children.push_back(el("span", {{"class", "loc"}}, at.shown));
    (isConfirmation(c) ? confirm : list).children.push_back(std::move(item));
  }
  if (!list.children.empty()) section.children.push_back(std::move(list));
  if (!confirm.children.empty()) {
    section.children.push_back(el("p", {{"class", "confirm-heading"}}, repairConfirmHeading(in.lang)));
    section.children.push_back(std::move(confirm));
  }
  std::string outcome =
      r.status == RepairResult::Status::unverified ? repairUnverifiedText(m, r, in.lang) : repairOutcomeText(m, r, in.lang);
  if (!outcome.empty()) section.children.push_back(el("p", {{"class", "outcome"}}, outcome));
  if (r.status == RepairResult::Status::impossible) {
    ViewNode conflicts = el("ul", {{"class", "conflicts"}});
    for (int rule : r.conflicting) {
      const Where at = where(in.sm, m.rules[rule].idSpan);
      conflicts.children.push_back(
          el("li", located("conflict", at), m.rules[rule].id + " " + m.rules[rule].title.in(in.lang)));
    }
    section.children.push_back(std::move(conflicts));
  }
  if (options.actions && (r.status == RepairResult::Status::found || r.status == RepairResult::Status::unverified))
    section.children.push_back(
        el("p", {{"class", "actions"}},
           {el("button", {{"type", "button"}, {"class", "preview"}, {"data-action", "preview-repair"}},
               nb ? "Vis endringene" : "Preview the changes"),
            text(" "),
            el("button", {{"type", "button"}, {"class", "apply"}, {"data-action", "apply-repair"}},
               nb ? "Bruk reparasjonen" : "Apply the repair")}));
  return section;
}

void appendHtml(const ViewNode& n, std::string& out) {
  auto escape = [&](const std::string& s) {
    for (char c : s) {
      switch (c) {
        case '&': out += "&amp;"; break;
        case '<': out += "&lt;"; break;
        case '>': out += "&gt;"; break;
        case '"': out += "&quot;"; break;
        case '\'': out += "&#39;"; break;
        default: out += c;
      }
    }
  };
  if (n.tag.empty()) {
    escape(n.text);
    return;
  }
  out += "<" + n.tag;
  for (const auto& [name, value] : n.attrs) {
    out += " " + name + "=\"";
    escape(value);
    out += "\"";
  }
  out += ">";
  // Block elements on their own lines, so a saved report diffs line by line.
  const bool block = n.tag == "section" || n.tag == "article" || n.tag == "header" || n.tag == "ul" || n.tag == "div";
  if (block) out += "\n";
  for (const auto& c : n.children) {
    appendHtml(c, out);
    if (block && !c.tag.empty()) out += "\n";
  }
  out += "</" + n.tag + ">";
}

nlohmann::ordered_json toJson(const ViewNode& n) {
  if (n.tag.empty()) return n.text;
  nlohmann::ordered_json j{{"t", n.tag}};
  if (!n.attrs.empty()) {
    nlohmann::ordered_json a = nlohmann::ordered_json::object();
    for (const auto& [name, value] : n.attrs) a[name] = value;
    j["a"] = a;
  }
  if (!n.children.empty()) {
    nlohmann::ordered_json c = nlohmann::ordered_json::array();
    for (const auto& k : n.children) c.push_back(toJson(k));
    j["c"] = c;
  }
  return j;
}

}  // namespace

const std::vector<std::string_view>& viewTags() {
  static const std::vector<std::string_view> tags = {"section", "header", "article", "div", "h2", "h3", "h4", "p",
                                                     "ul",      "li",     "span",    "code", "strong", "button"};
  return tags;
}

const std::vector<std::string_view>& viewAttributes() {
  static const std::vector<std::string_view> attrs = {
      "class",       "lang",         "type",          "title",       "data-file",   "data-line", "data-rule",
      "data-verdict", "data-strength", "data-action", "data-finding", "data-gap",   "data-status", "data-count"};
  return attrs;
}

ViewNode reportView(const ReportInput& in, const ViewOptions& options) {
  const Model& m = in.model;
  const bool nb = in.lang == Lang::nb;
  const std::string file = in.sm.name(m.caseFile);
  ViewNode counts = el("ul", {{"class", "counts"}});
  for (const auto& part : summaryParts(in.result, in.lang))
    counts.children.push_back(el("li", {{"class", std::string("count ") + verdictName(part.verdict)},
                                        {"data-verdict", verdictName(part.verdict)},
                                        {"data-count", std::to_string(part.count)}},
                                 {el("strong", {}, std::to_string(part.count)), text(" " + std::string(part.word))}));
  ViewNode root = el("section", {{"class", "samsvar-report"}, {"lang", nb ? "nb" : "en"}, {"data-file", file}},
                     {el("header", {{"class", "report-head"}},
                         {el("h2", {}, fmt::format("{} «{}»", nb ? "Sak" : "Case", m.caseTitle)),
                          el("p", {{"class", "case-file"}}, file),
                          el("p", {{"class", "case-date"}}, caseDateText(m, in.lang)), std::move(counts)})});
  const auto& sections = reportSections();
  for (std::size_t si = 0; si < sections.size(); ++si) {
    ViewNode group = el("section", {{"class", std::string("group ") + sections[si].label}},
                        {el("h3", {}, sections[si].heading.in(in.lang))});
    for (std::size_t i = 0; i < in.result.findings.size(); ++i)
      if (reportSectionOf(m, in.result.findings[i]) == static_cast<int>(si))
        group.children.push_back(findingView(in, i, sections[si], options));
    if (group.children.size() > 1) root.children.push_back(std::move(group));
  }
  if (root.children.size() == 1)
    root.children.push_back(el("p", {{"class", "all-clear"}},
                               nb ? "Ingen regel ber om oppmerksomhet: ingen brudd, mangler, avvik eller ukjente."
                                  : "No rule asks for attention: no violations, gaps, deviations or unknowns."));
  if (in.repair) root.children.push_back(repairView(in, options));
  return root;
}

std::string viewHtml(const ViewNode& node) {
  std::string out;
  appendHtml(node, out);
  return out;
}

std::string viewJson(const ViewNode& node) { return toJson(node).dump(); }

std::string_view reportStyleSheet() { return embedded::reportAsset("report.css"); }

std::string renderHtmlSection(const ReportInput& in) { return viewHtml(reportView(in)) + "\n"; }

std::string htmlBegin(Lang lang, std::size_t cases) {
  const bool nb = lang == Lang::nb;
  const char* code = nb ? "nb" : "en";
  std::string title = cases == 1 ? (nb ? "samsvar: rapport" : "samsvar: report")
                                 : fmt::format("samsvar: {} {}", cases, nb ? "saker" : "cases");
  // Well-formed XML as well as HTML, so any XML tool reads it too; no
  // script and no external asset, so it opens anywhere, offline.
  return fmt::format(
      "<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"{0}\" xml:lang=\"{0}\">\n<head>\n"
      "<meta charset=\"utf-8\"/>\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n"
      "<meta name=\"generator\" content=\"samsvar\"/>\n<title>{1}</title>\n<style>\n{2}</style>\n</head>\n"
      "<body class=\"samsvar-document\">\n<main>\n",
      code, title, reportStyleSheet());
}

std::string htmlEnd() { return "</main>\n</body>\n</html>\n"; }

std::string renderHtml(const ReportInput& in) { return htmlBegin(in.lang, 1) + renderHtmlSection(in) + htmlEnd(); }

}  // namespace samsvar

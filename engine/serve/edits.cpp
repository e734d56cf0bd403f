#include "engine/serve/edits.hpp"

#include <algorithm>
#include <cctype>
#include <map>
#include <numeric>
#include <set>

namespace samsvar::serve {

using namespace model;

namespace {

bool isSpace(char c) { return c == ' ' || c == '\t'; }

}  // namespace

/// The edits of one action under way, with the names its new instances take.
struct CaseEditor::Builder {
  const CaseEditor& ed;
  EditPlan plan;
  std::set<std::string> taken;  // names of new instances so far
  std::string appended;         // new instance declarations, at the end of the text

  /// A free name for a new instance of `type`: ny_consultation, ny_consultation_2, …
  std::string newName(int type) {
    std::string base = std::string(ed.lang_ == Lang::nb ? "ny_" : "new_");
    for (char c : ed.m_.types[type].name) base += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    for (int k = 1;; ++k) {
      std::string name = k == 1 ? base : base + "_" + std::to_string(k);
      if (!ed.m_.instanceByName.count(name) && taken.insert(name).second) return name;
    }
  }

  /// A scalar as the language writes it; a text a solver chose asks the user to fill it in.
  std::string scalar(const Ty& ty, std::int64_t v) const {
    if (ty.kind == Kind::Text) return v == 0 ? "\"\"" : ed.lang_ == Lang::nb ? "\"(fyll inn)\"" : "\"(fill in)\"";
    return literalText(ed.m_, ty, v);
  }

  std::string value(const Ty& ty, const FactValue& v, const std::vector<std::string>& newMembers) const {
    if (!ty.set) return scalar(ty, v.scalar);
    std::vector<std::string> parts;
    for (int e : v.set.members) parts.push_back(literalText(ed.m_, ty.element(), e));
    parts.insert(parts.end(), newMembers.begin(), newMembers.end());
    if (v.set.open) parts.push_back("...");
    for (int e : v.set.excluded) parts.push_back("not " + literalText(ed.m_, ty.element(), e));
    if (parts.empty()) return "{}";
    std::string out = "{ ";
    for (std::size_t i = 0; i < parts.size(); ++i) out += (i ? ", " : "") + parts[i];
    return out + " }";
  }

  /// Declares a new instance of `type` with `attrs` at the end of the case; returns its name.
  std::string declareNew(int type, const std::vector<std::pair<int, FactValue>>& attrs) {
    std::string name = newName(type);
    const TypeInfo& ti = ed.m_.types[type];
    std::string decl = name + ": " + ti.name + " {";
    for (const auto& [a, v] : attrs) decl += " " + ti.attrs[a].name + " = " + value(ti.attrs[a].ty, v, {});
    appended += "\n" + decl + (attrs.empty() ? "}" : " }") + "\n";
    return name;
  }

  /// Sets `instance.attr` to `text`: replaces its declared value, or adds it
  /// inside the instance's braces.
  void set(int instance, int attr, const std::string& text) {
    const Instance& in = ed.m_.instances[instance];
    const std::string assignment = ed.m_.types[in.type].attrs[attr].name + " = " + text;
    const int fi = in.factOfAttr[attr];
    if (fi >= 0) {
      const Span& s = ed.m_.facts[fi].span;
      if (!s.valid || s.file != ed.file_) {
        ++plan.notApplied;
        return;
      }
      plan.edits.push_back({s.begin, s.end, assignment});
      return;
    }
    auto decl = ed.declSpans_.find(in.name);
    if (in.span.file != ed.file_ || decl == ed.declSpans_.end()) {
      ++plan.notApplied;
      return;
    }
    const std::string& text0 = ed.sm_.text(ed.file_);
    std::uint32_t close = decl->second.end;
    while (close > decl->second.begin && text0[close - 1] != '}') --close;
    if (close == decl->second.begin) {
      ++plan.notApplied;
      return;
    }
    --close;  // at the `}`
    std::uint32_t lineStart = ed.sm_.lineStart(ed.file_, close);
    bool braceAlone = std::all_of(text0.begin() + lineStart, text0.begin() + close, isSpace);
    if (braceAlone) {
      // A declaration over several lines: a line of its own, indented as the others.
      std::string indent = "  ";
      std::uint32_t first = ed.sm_.lineStart(ed.file_, decl->second.begin);
      std::uint32_t next = static_cast<std::uint32_t>(text0.find('\n', first));
      if (next != std::string::npos && next + 1 < lineStart) {
        std::uint32_t p = next + 1;
        std::uint32_t q = p;
        while (q < text0.size() && isSpace(text0[q])) ++q;
        if (q > p) indent = text0.substr(p, q - p);
      }
      plan.edits.push_back({lineStart, lineStart, indent + assignment + "\n"});
    } else {
      const bool spaced = close > 0 && isSpace(text0[close - 1]);
      plan.edits.push_back({close, close, (spaced ? "" : " ") + assignment + " "});
    }
  }

  EditPlan finish() {
    if (!appended.empty()) {
      const std::string& text0 = ed.sm_.text(ed.file_);
      const auto end = static_cast<std::uint32_t>(text0.size());
      plan.edits.push_back({end, end, (text0.empty() || text0.back() == '\n' ? "" : "\n") + appended});
    }
    return std::move(plan);
  }
};

CaseEditor::CaseEditor(const SourceManager& sm, const Model& m, const ast::File& file, Lang lang)
    : sm_(sm), m_(m), lang_(lang), file_(m.caseFile) {
  for (const auto& d : file.decls)
    if (const auto* inst = std::get_if<ast::InstanceDecl>(&d)) declSpans_[inst->name.name] = inst->span;
}

EditPlan CaseEditor::repair(const RepairResult& r) const {
  Builder b{*this, {}, {}, {}};
  // New instances first: the sets they join name them.
  std::map<std::pair<int, int>, std::vector<std::string>> joining;
  for (const auto& c : r.changes)
    if (c.kind == RepairChange::Kind::add_instance)
      joining[{c.intoInstance, c.intoAttr}].push_back(b.declareNew(c.type, c.attrs));
  std::set<std::pair<int, int>> setsChanged;
  for (const auto& c : r.changes) {
    if (c.kind == RepairChange::Kind::assume || c.kind == RepairChange::Kind::confirm) {
      // reference data: the rule module's, not the case's; a world fact: the
      // user confirms it, the page does not declare it for them
      ++b.plan.notApplied;
      continue;
    }
    if (c.kind == RepairChange::Kind::add_instance) continue;
    if (c.kind == RepairChange::Kind::deviate) {
      // The reason is the user's: the record marks where it goes.
      b.appended += "\ndeviation " + m_.rules[c.rule].id +
                    (c.instance >= 0 ? " for " + m_.instances[c.instance].name : std::string()) + " because " +
                    (lang_ == Lang::nb ? "\"(fyll inn begrunnelsen)\"\n" : "\"(fill in the reason)\"\n");
      continue;
    }
    const Ty& ty = m_.types[c.type].attrs[c.attr].ty;
    auto joins = joining.find({c.instance, c.attr});
    b.set(c.instance, c.attr, b.value(ty, c.value, joins == joining.end() ? std::vector<std::string>{} : joins->second));
    setsChanged.insert({c.instance, c.attr});
  }
  // A set that gains new instances and changes no other way keeps what it has.
  for (const auto& [where, names] : joining) {
    if (setsChanged.count(where)) continue;
    const auto [instance, attr] = where;
    const Ty& ty = m_.types[m_.instances[instance].type].attrs[attr].ty;
    const int fi = m_.instances[instance].factOfAttr[attr];
    FactValue v = fi >= 0 ? m_.facts[fi].value : FactValue{0, SetValue{{}, /*open=*/true, {}}};
    b.set(instance, attr, b.value(ty, v, names));
  }
  return b.finish();
}

EditPlan CaseEditor::declare(const GapAttribute& g) const {
  Builder b{*this, {}, {}, {}};
  const Ty& ty = m_.types[m_.instances[g.instance].type].attrs[g.attr].ty;
  std::vector<std::string> names;
  for (const auto& n : g.newMembers) names.push_back(b.declareNew(n.type, n.attrs));
  b.set(g.instance, g.attr, b.value(ty, g.example, names));
  return b.finish();
}

std::string applyEdits(std::string text, const std::vector<TextEdit>& edits) {
  std::vector<std::size_t> order(edits.size());
  std::iota(order.begin(), order.end(), 0);
  // From the end, so earlier offsets stay valid; at one place the later edit
  // first, so the earlier one ends up before it.
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return edits[a].begin != edits[b].begin ? edits[a].begin > edits[b].begin : a > b;
  });
  for (std::size_t i : order) {
    const TextEdit& e = edits[i];
    if (e.begin > e.end || e.end > text.size()) continue;
    text.replace(e.begin, e.end - e.begin, e.text);
  }
  return text;
}

std::vector<DiffHunk> diffLines(std::string_view before, std::string_view after) {
  auto split = [](std::string_view t) {
    std::vector<std::string> lines;
    std::size_t at = 0;
    while (at < t.size()) {
      std::size_t end = t.find('\n', at);
      if (end == std::string_view::npos) end = t.size();
      lines.emplace_back(t.substr(at, end - at));
      at = end + 1;
    }
    return lines;
  };
  const auto a = split(before), b = split(after);
  // Longest common subsequence of lines: cases are a few hundred lines.
  const std::size_t n = a.size(), m = b.size();
  std::vector<std::vector<std::uint32_t>> lcs(n + 1, std::vector<std::uint32_t>(m + 1, 0));
  for (std::size_t i = n; i-- > 0;)
    for (std::size_t j = m; j-- > 0;)
      lcs[i][j] = a[i] == b[j] ? lcs[i + 1][j + 1] + 1 : std::max(lcs[i + 1][j], lcs[i][j + 1]);
  std::vector<DiffHunk> hunks;
  std::size_t i = 0, j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && a[i] == b[j]) {
      ++i, ++j;
      continue;
    }
    DiffHunk h;
    h.line = static_cast<std::uint32_t>(i + 1);
    while ((i < n || j < m) && !(i < n && j < m && a[i] == b[j])) {
      if (j < m && (i == n || lcs[i][j + 1] >= lcs[i + 1][j])) h.added.push_back(b[j++]);
      else h.removed.push_back(a[i++]);
    }
    hunks.push_back(std::move(h));
  }
  return hunks;
}

std::uint32_t utf16Offset(std::string_view text, std::uint32_t byte) {
  std::uint32_t units = 0;
  for (std::uint32_t i = 0; i < byte && i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if ((c & 0xC0) == 0x80) continue;  // a continuation byte
    units += c >= 0xF0 ? 2 : 1;         // four bytes: outside the BMP, a surrogate pair
  }
  return units;
}

}  // namespace samsvar::serve

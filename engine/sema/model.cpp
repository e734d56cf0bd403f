#include "engine/sema/model.hpp"

#include <cstdio>

#include "core/calendar.hpp"
#include "engine/sema/absence.hpp"

namespace samsvar::model {

int Model::internText(const std::string& s) {
  auto [it, inserted] = textIds.try_emplace(s, static_cast<int>(texts.size()));
  if (inserted) texts.push_back(s);
  return it->second;
}

void Model::share() {
  modules.share();
  enums.share();
  types.share();
  instances.share();
  facts.share();
  rules.share();
  waivers.share();
  documents.share();
  successions.share();
  documentByFile.share();
  texts.share();
  enumByName.share();
  typeByName.share();
  instanceByName.share();
  ruleById.share();
  moduleByName.share();
  textIds.share();
}

std::vector<int> Model::instancesOf(int type) const {
  std::vector<int> out;
  for (std::size_t i = 0; i < instances.size(); ++i)
    if (instances[i].type == type && !instances[i].phantom && inUse(static_cast<int>(i))) out.push_back(static_cast<int>(i));
  return out;
}

std::string typeName(const Model& m, const Ty& t) {
  std::string base;
  switch (t.kind) {
    case Kind::Bool: base = "bool"; break;
    case Kind::Int: base = "int"; break;
    case Kind::Date: base = "date"; break;
    case Kind::Duration: base = "duration"; break;
    case Kind::Months: base = "months"; break;
    case Kind::Text: base = "text"; break;
    case Kind::Enum: base = t.decl >= 0 ? m.enums[t.decl].name : "enum"; break;
    case Kind::Ref: base = t.decl >= 0 ? m.types[t.decl].name : "type"; break;
  }
  return t.set ? "set<" + base + ">" : base;
}

std::string literalText(const Model& m, const Ty& t, std::int64_t v) {
  switch (t.kind) {
    case Kind::Bool: return v ? "true" : "false";
    case Kind::Int: return std::to_string(v);
    case Kind::Date: return calendar::isoDate(v);
    case Kind::Duration: return std::to_string(v) + (v == 1 ? " day" : " days");
    case Kind::Months: return std::to_string(v) + (v == 1 ? " month" : " months");
    case Kind::Text:
      return v >= 0 && v < static_cast<std::int64_t>(m.texts.size()) ? "\"" + m.texts[v] + "\""
                                                                      : "\"…\"";
    case Kind::Enum:
      return v >= 0 && v < static_cast<std::int64_t>(m.enums[t.decl].values.size())
                 ? m.enums[t.decl].values[v]
                 : "?";
    case Kind::Ref:
      if (v == kNoInstance) return "none";
      return v >= 0 && v < static_cast<std::int64_t>(m.instances.size()) ? m.instances[v].name : "?";
  }
  return "?";
}

std::string literalText(const Model& m, const Ty& t, const FactValue& v) {
  if (t.kind != Kind::Date || !v.imprecise()) return literalText(m, t, v.scalar);
  const calendar::Civil c = calendar::civil(v.scalar);
  char buf[16];
  switch (v.precision) {
    case ast::DatePrecision::month: std::snprintf(buf, sizeof buf, "%04d-%02d", c.year, c.month); break;
    case ast::DatePrecision::half_year: std::snprintf(buf, sizeof buf, "%04d-H%d", c.year, c.month <= 6 ? 1 : 2); break;
    default: std::snprintf(buf, sizeof buf, "%04d", c.year); break;
  }
  return buf;
}

}  // namespace samsvar::model

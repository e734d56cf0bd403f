#include "engine/report/strength.hpp"

namespace samsvar {

namespace {

struct StrengthText {
  const char* name;
  Bilingual meaning;
};

// Indexed by ast::Strength.
const StrengthText kStrengths[] = {
    {"må",
     {"bindende: kan ikke fravikes, bare unntas med hjemmel i lov eller forskrift",
      "binding: cannot be deviated from, only exempted with a legal basis"}},
    {"skal",
     {"skal følges; avvik krever skriftlig begrunnelse (særlige omstendigheter)",
      "must be followed; a deviation needs a written reason (special circumstances)"}},
    {"bør",
     {"bør følges; avvik krever en konkret, begrunnet vurdering og vises som informasjon",
      "should be followed; a deviation needs a concrete, reasoned assessment and is shown as information"}},
    {"kan", {"kan: råd, gir aldri brudd", "may: advice, never a violation"}},
};

const StrengthText& textOf(ast::Strength s) {
  switch (s) {
    case ast::Strength::maa: return kStrengths[0];
    case ast::Strength::skal: return kStrengths[1];
    case ast::Strength::boer: return kStrengths[2];
    case ast::Strength::kan: return kStrengths[3];
  }
  return kStrengths[1];
}

}  // namespace

const char* strengthName(ast::Strength s) { return textOf(s).name; }

const Bilingual& strengthMeaning(ast::Strength s) { return textOf(s).meaning; }

}  // namespace samsvar

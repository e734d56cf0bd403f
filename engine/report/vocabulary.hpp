// The words of the language a case may use, as the rules declare them:
// `samsvar vocab [WORD]`, docs/vocabulary.md, `samsvar init`'s templates and
// the web page's completion all read this one selection.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/text.hpp"
#include "engine/sema/model.hpp"

namespace samsvar {

/// The part of a model's vocabulary that matches a search word (everything
/// for an empty word). Indices into the model, in declaration order.
struct VocabularySelection {
  std::string word;
  std::vector<int> types;
  /// The attributes shown of each selected type: all when the type itself
  /// matched, else those whose name or documentation matched.
  std::map<int, std::vector<int>> attributes;
  std::vector<int> enums;
  std::vector<int> instances;  // reference data: instances the rule modules declare
  std::vector<int> rules;      // only when searching: rules whose id or title matched
  bool empty() const { return types.empty() && enums.empty() && instances.empty() && rules.empty(); }
};

/// Selects what matches `word` (case-insensitive, in names, documentation,
/// reference data's text values and rule titles in nb and en).
VocabularySelection selectVocabulary(const model::Model& m, std::string_view word);

/// Every name a search word could have meant: types, attributes, enums, enum
/// values, instances and rule ids (for "did you mean").
std::vector<std::string> vocabularyNames(const model::Model& m);

/// `samsvar vocab` as text, in one language.
std::string renderVocabularyText(const model::Model& m, const VocabularySelection& s, Lang lang);
/// `samsvar vocab --format json` (and the web page's /api/vocabulary): types
/// with attributes (type, documentation), enums with values, reference
/// instances with their declared facts, rules with the attributes they read.
std::string renderVocabularyJson(const model::Model& m, const VocabularySelection& s);
/// docs/vocabulary.md: the whole vocabulary of the bundled rules, in both
/// languages' headings (a test compares the committed file with this).
std::string renderVocabularyMarkdown(const model::Model& m);

/// The attributes a rule reads (type index, attribute index), sorted.
/// An enum's values as a case writes them, each followed by its label in
/// `lang` where it has one: `terminologi_kodeverk (terminologi/kodeverk)`.
std::vector<std::string> labelledValues(const model::EnumInfo& e, Lang lang);

std::vector<std::pair<int, int>> attributesReadBy(const model::Model& m, int rule);

/// A value a user could write for an attribute of type `ty`, or "" when
/// there is none without declaring an instance first (a reference to a type
/// with no instance in `m`): the first enum value, the first instance, …
std::string sampleValue(const model::Model& m, const model::Ty& ty, std::string_view date);

}  // namespace samsvar

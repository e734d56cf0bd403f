// The message catalogue: every code and phrase has both languages, codes have
// unique names of one convention, and both languages of a text take the same
// arguments, so that no translation can drop or invent one.
#include <gtest/gtest.h>

#include <regex>
#include <set>
#include <string>

#include "core/diagnostic.hpp"
#include "core/errors.hpp"
#include "core/messages.hpp"
#include "core/suggest.hpp"

using namespace samsvar;

namespace {

/// The argument names of a template (`{name}`; `{{` and `}}` are literal braces).
std::set<std::string> placeholders(const std::string& t) {
  std::set<std::string> out;
  for (std::size_t i = 0; i < t.size(); ++i) {
    if (t.compare(i, 2, "{{") == 0 || t.compare(i, 2, "}}") == 0) {
      ++i;
    } else if (t[i] == '{') {
      std::size_t end = t.find('}', i);
      if (end == std::string::npos) {
        out.insert("<unclosed>");
        break;
      }
      out.insert(t.substr(i + 1, end - i - 1));
      i = end;
    }
  }
  return out;
}

DiagCode codeAt(std::size_t i) { return static_cast<DiagCode>(i); }
Phrase phraseAt(std::size_t i) { return static_cast<Phrase>(i); }

/// Fills a template with a value for each of its arguments: `<name>`.
template <class Fill>
Bilingual filled(const Bilingual& templ, Fill fill) {
  const std::set<std::string> names = placeholders(templ.en);  // MsgArg keeps a pointer to the name
  std::vector<MsgArg> args;
  for (const auto& p : names) args.emplace_back(p.c_str(), "<" + p + ">");
  // MsgArgs is an initializer list; the test builds one per arity it needs.
  switch (args.size()) {
    case 0: return fill({});
    case 1: return fill({args[0]});
    case 2: return fill({args[0], args[1]});
    case 3: return fill({args[0], args[1], args[2]});
  }
  ADD_FAILURE() << "a template with more than 3 arguments: " << templ.en;
  return {};
}

}  // namespace

TEST(MessageCatalogue, EveryCodeHasBothLanguagesAndAUniqueName) {
  std::set<std::string> names;
  const std::regex convention("(parse|sema|load|serve|lint|explain|vocab|init)\\.[a-z0-9]+(-[a-z0-9]+)*");
  for (std::size_t i = 0; i < kDiagCodeCount; ++i) {
    std::string name(codeName(codeAt(i)));
    SCOPED_TRACE(name);
    EXPECT_TRUE(std::regex_match(name, convention));
    EXPECT_TRUE(names.insert(name).second) << "two codes are named " << name;
    Bilingual t = messageTemplate(codeAt(i));
    EXPECT_FALSE(t.nb.empty());
    EXPECT_FALSE(t.en.empty());
    EXPECT_EQ(placeholders(t.nb), placeholders(t.en));
  }
  EXPECT_EQ(names.size(), kDiagCodeCount);
}

TEST(MessageCatalogue, EveryPhraseHasBothLanguagesWithTheSameArguments) {
  for (std::size_t i = 0; i < kPhraseCount; ++i) {
    Bilingual t = phraseTemplate(phraseAt(i));
    SCOPED_TRACE(t.en);
    EXPECT_FALSE(t.nb.empty());
    EXPECT_FALSE(t.en.empty());
    EXPECT_EQ(placeholders(t.nb), placeholders(t.en));
  }
}

// Every template is well-formed: filled with all its arguments, no brace is
// left but the literal ones it was meant to show.
TEST(MessageCatalogue, EveryTemplateFillsWithItsArguments) {
  for (std::size_t i = 0; i < kDiagCodeCount; ++i) {
    Bilingual t = messageTemplate(codeAt(i));
    Bilingual m = filled(t, [&](MsgArgs a) { return message(codeAt(i), a); });
    for (const auto& p : placeholders(t.en)) {
      EXPECT_NE(m.nb.find("<" + p + ">"), std::string::npos) << m.nb;
      EXPECT_NE(m.en.find("<" + p + ">"), std::string::npos) << m.en;
    }
  }
  for (std::size_t i = 0; i < kPhraseCount; ++i)
    filled(phraseTemplate(phraseAt(i)), [&](MsgArgs a) { return phrase(phraseAt(i), a); });
}

TEST(MessageCatalogue, ArgumentsAreSubstitutedNotParsed) {
  Bilingual m = message(DiagCode::semaUnknownName, {{"name", "{x} }} {{"}});
  EXPECT_EQ(m.en, "unknown name `{x} }} {{`");
  EXPECT_EQ(m.nb, "ukjent navn `{x} }} {{`");
  EXPECT_EQ(phrase(Phrase::declareOrdered, {{"enum", "Nivå"}}).nb,
            "deklarer `enum Nivå ordered { … }` om verdiene har en rekkefølge");
}

TEST(MessageCatalogue, ABilingualArgumentGivesEachLanguageItsOwnWords) {
  Bilingual m = message(DiagCode::parseExpected, {{"what", phrase(Phrase::expectedExpression)}});
  EXPECT_EQ(m.nb, "forventet uttrykk");
  EXPECT_EQ(m.en, "expected expression");
}

TEST(MessageCatalogue, AMissingArgumentIsABug) {
  EXPECT_THROW(message(DiagCode::semaUnknownName), InternalError);
  EXPECT_THROW(phrase(Phrase::didYouMean), InternalError);
}

TEST(MessageCatalogue, DiagnosticsAreMadeFromCodesAndPhrases) {
  Diagnostics diags;
  SourceManager sm;
  auto file = sm.add("t.rules", "module m\n");
  diags.error(DiagCode::semaUnknownModule, Span::of(file, 7, 8), {{"module", "n"}})
      .withNote(Span::of(file, 0, 6), Phrase::firstDefinedHere)
      .help = didYouMean("n", {"m"});
  ASSERT_EQ(diags.items().size(), 1u);
  EXPECT_EQ(codeName(diags.items()[0].code), "sema.unknown-module");
  EXPECT_EQ(render(sm, diags.items()[0], Lang::nb),
            "t.rules:1:8: error: ukjent modul `n`\n"
            " 1 | module m\n"
            "   |        ^\n"
            "t.rules:1:1: note: først definert her\n"
            " 1 | module m\n"
            "   | ^~~~~~\n"
            "help: mente du `m`?\n");
  EXPECT_EQ(renderAll(sm, diags, Lang::en).substr(renderAll(sm, diags, Lang::en).rfind("help")),
            "help: did you mean `m`?\n1 error generated.\n");
}

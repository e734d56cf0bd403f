#include "core/messages.hpp"

#include <array>

#include <fmt/args.h>
#include <fmt/format.h>

#include "core/errors.hpp"

namespace samsvar {

namespace {

struct CodeText {
  DiagCode code;
  std::string_view name;
  std::string_view nb;
  std::string_view en;
};

struct PhraseText {
  Phrase phrase;
  std::string_view nb;
  std::string_view en;
};

using C = DiagCode;
using P = Phrase;

// clang-format off
constexpr std::array<CodeText, kDiagCodeCount> kCodes{{
  // parse
  {C::parseNotSamsvar, "parse.not-samsvar",
   "dette er ikke en samsvar-fil: forventet `module` eller `case`",
   "this is not a samsvar file: expected `module` or `case`"},
  {C::parseEmptyFile, "parse.empty-file",
   "filen er tom: forventet `module` eller `case`",
   "the file is empty: expected `module` or `case`"},
  {C::parseUtf8, "parse.utf8", "ugyldig UTF-8-bytesekvens", "invalid UTF-8 byte sequence"},
  {C::parseControlCharacter, "parse.control-character",
   "uventet kontrolltegn {character}", "unexpected control character {character}"},
  {C::parseUnterminatedComment, "parse.unterminated-comment",
   "blokkommentaren er ikke avsluttet", "unterminated block comment"},
  {C::parseUnterminatedString, "parse.unterminated-string", "strengen er ikke avsluttet", "unterminated string"},
  {C::parseEscape, "parse.escape", "ugyldig escape-sekvens", "invalid escape sequence"},
  {C::parseDateFormat, "parse.date-format", "skriv datoer som ÅÅÅÅ-MM-DD", "write dates as YYYY-MM-DD"},
  {C::parseExpected, "parse.expected", "forventet {what}", "expected {what}"},
  {C::parseUnexpected, "parse.unexpected", "uventet `{token}`", "unexpected `{token}`"},
  {C::parseUnexpectedInput, "parse.unexpected-input", "uventet tekst", "unexpected input"},
  {C::parseChainedComparison, "parse.chained-comparison",
   "sammenligninger kan ikke kjedes", "comparisons cannot be chained"},
  {C::parseSingleEquals, "parse.single-equals",
   "uventet `=`; bruk `==` for å sammenligne", "unexpected `=`; use `==` to compare"},
  {C::parseNesting, "parse.nesting",
   "uttrykket er nøstet for dypt (grensen er {limit})", "expression nested too deeply (limit {limit})"},
  {C::parseChainTooLong, "parse.chain-too-long",
   "uttrykket er for langt (grensen er {limit} operatorer på rad)",
   "expression too long (limit {limit} operators in a row)"},
  {C::parsePathTooLong, "parse.path-too-long",
   "stien har {parts} ledd; grensen er {limit}", "the path has {parts} parts; the limit is {limit}"},
  {C::parseIntOverflow, "parse.int-overflow", "heltallet er for stort", "integer too large"},

  // sema: modules and imports
  {C::semaCaseAsModule, "sema.case-as-module",
   "en sak kan ikke brukes som regelmodul", "a case cannot be used as a rule module"},
  {C::semaModuleAsCase, "sema.module-as-case",
   "forventet en sak (`case \"…\"`), fant en regelmodul", "expected a case (`case \"…\"`), found a rule module"},
  {C::semaDuplicateModule, "sema.duplicate-module",
   "modulen `{module}` er definert mer enn én gang", "module `{module}` is defined more than once"},
  {C::semaUnknownModule, "sema.unknown-module", "ukjent modul `{module}`", "unknown module `{module}`"},
  {C::semaNotImported, "sema.not-imported",
   "`{name}` er definert i modulen `{module}`, som ikke er importert",
   "`{name}` is defined in module `{module}`, which is not imported"},
  {C::semaImportCycle, "sema.import-cycle",
   "modulene importerer hverandre i ring: `{cycle}`", "the modules import each other in a cycle: `{cycle}`"},
  {C::semaSelfImport, "sema.self-import",
   "modulen `{module}` importerer seg selv", "module `{module}` imports itself"},
  {C::semaDuplicateImport, "sema.duplicate-import",
   "modulen `{module}` er allerede importert", "module `{module}` is already imported"},
  {C::semaDuplicateUses, "sema.duplicate-uses",
   "modulen `{module}` står allerede i `uses`", "module `{module}` is already in `uses`"},
  // sema: declarations
  {C::semaDuplicateName, "sema.duplicate-name",
   "navnet `{name}` er allerede definert", "the name `{name}` is already defined"},
  {C::semaBuiltinName, "sema.builtin-name", "`{name}` er en innebygd type", "`{name}` is a built-in type"},
  {C::semaDuplicateValue, "sema.duplicate-value",
   "verdien `{value}` står to ganger i `{enum}`", "the value `{value}` appears twice in `{enum}`"},
  {C::semaEmptyEnum, "sema.empty-enum", "enum `{enum}` har ingen verdier", "enum `{enum}` has no values"},
  {C::semaDuplicateAttribute, "sema.duplicate-attribute",
   "attributtet `{attribute}` er allerede definert i `{type}`",
   "attribute `{attribute}` is already defined in `{type}`"},
  {C::semaUnknownType, "sema.unknown-type", "ukjent type `{type}`", "unknown type `{type}`"},
  {C::semaEnumInstance, "sema.enum-instance",
   "`{name}` er en enum; instanser må ha en type", "`{name}` is an enum; instances need a type"},
  {C::semaBadSetType, "sema.bad-set-type",
   "mengder kan bare inneholde enum-verdier eller instanser, ikke `{type}`",
   "sets may only hold enum values or instances, not `{type}`"},
  // sema: facts
  {C::semaUnknownAttribute, "sema.unknown-attribute",
   "`{type}` har ikke attributtet `{attribute}`", "`{type}` has no attribute `{attribute}`"},
  {C::semaDuplicateAssignment, "sema.duplicate-assignment",
   "`{attribute}` er allerede gitt en verdi for `{instance}`",
   "`{attribute}` is already assigned for `{instance}`"},
  {C::semaNotConstant, "sema.not-constant",
   "en verdi må være en literal, en enum-verdi eller et instansnavn",
   "a value must be a literal, an enum value or an instance name"},
  {C::semaValueType, "sema.value-type",
   "feil type for `{attribute}`: forventet {expected}, fikk {found}",
   "wrong type for `{attribute}`: expected {expected}, found {found}"},
  // sema: rules
  {C::semaDuplicateRule, "sema.duplicate-rule",
   "regelen `{rule}` er definert mer enn én gang", "rule `{rule}` is defined more than once"},
  {C::semaMissingTranslation, "sema.missing-translation",
   "{clause} må ha både `nb` og `en`", "{clause} needs both `nb` and `en`"},
  {C::semaNoSource, "sema.no-source", "regelen `{rule}` har ingen kilde", "rule `{rule}` cites no source"},
  {C::semaDuplicateVariable, "sema.duplicate-variable",
   "variabelen `{variable}` er allerede bundet", "variable `{variable}` is already bound"},
  {C::semaUnknownPlaceholder, "sema.unknown-placeholder",
   "meldingen viser til `{placeholder}`, men regelen binder ikke `{variable}`",
   "the message refers to `{placeholder}`, but the rule binds no `{variable}`"},
  {C::semaNotBool, "sema.not-bool",
   "`{clause}` trenger et sannhetsuttrykk, fikk {type}", "`{clause}` needs a boolean condition, found {type}"},
  {C::semaShadowedVariable, "sema.shadowed-variable",
   "`{variable}` skygger for en variabel som allerede er bundet",
   "`{variable}` shadows a variable that is already bound"},
  // sema: deviations and exemptions
  {C::semaDeviationInModule, "sema.deviation-in-module",
   "avvik hører hjemme i en sak, ikke i en regelmodul", "deviations belong in a case, not in a rule module"},
  {C::semaExemptionInModule, "sema.exemption-in-module",
   "unntak hører hjemme i en sak, ikke i en regelmodul", "exemptions belong in a case, not in a rule module"},
  {C::semaDeviationUnknownRule, "sema.deviation-unknown-rule",
   "ukjent regel `{rule}` i avvik", "unknown rule `{rule}` in deviation"},
  {C::semaExemptionUnknownRule, "sema.exemption-unknown-rule",
   "ukjent regel `{rule}` i unntak", "unknown rule `{rule}` in exemption"},
  {C::semaUnknownInstance, "sema.unknown-instance", "ukjent instans `{instance}`", "unknown instance `{instance}`"},
  {C::semaDeviationFromMaa, "sema.deviation-from-maa",
   "`{rule}` er en `må`-regel: den kan ikke fravikes, bare unntas med hjemmel",
   "`{rule}` is a `må` rule: it cannot be deviated from, only exempted with a legal basis"},
  {C::semaEmptyReason, "sema.empty-reason", "et avvik må begrunnes", "a deviation needs a reason"},
  {C::semaEmptyBasis, "sema.empty-basis", "et unntak må oppgi hjemmelen", "an exemption needs its legal basis"},
  {C::semaDuplicateWaiver, "sema.duplicate-waiver",
   "regelen `{rule}` er allerede fraveket eller unntatt her", "rule `{rule}` already has a deviation or exemption"},
  {C::semaDuplicateDocument, "sema.duplicate-document",
   "kildedokumentet `{file}` er beskrevet mer enn én gang", "the source document `{file}` is described more than once"},
  {C::semaWaiverModuleNotUsed, "sema.waiver-module-not-used",
   "regelen `{rule}` hører til modulen `{module}`, som saken ikke bruker",
   "rule `{rule}` belongs to module `{module}`, which the case does not use"},
  // sema: expressions
  {C::semaBadDate, "sema.bad-date",
   "`{date}` er ikke en gyldig dato (år {min}–{max})", "`{date}` is not a valid date (years {min}–{max})"},
  {C::semaNotADate, "sema.not-a-date",
   "`{value}` er ikke en dato; skriv en dag (`2021-02-15`), en måned (`2021-02`), et halvår (`2021-H1`) eller et år (`2021`), år {min}–{max}",
   "`{value}` is not a date; write a day (`2021-02-15`), a month (`2021-02`), a half-year (`2021-H1`) or a year (`2021`), years {min}–{max}"},
  {C::semaImpreciseDateInRule, "sema.imprecise-date-in-rule",
   "`{date}` er ikke én dag; bare en deklarert verdi kan være en måned, et halvår eller et år. I en regel, skriv en dag (`2021-02-01`)",
   "`{date}` is not one day; only a declared value may be a month, a half-year or a year. In a rule, write a day (`2021-02-01`)"},
  {C::semaDurationRange, "sema.duration-range", "varigheten er for stor", "the duration is too large"},
  {C::semaUnknownName, "sema.unknown-name", "ukjent navn `{name}`", "unknown name `{name}`"},
  {C::semaUnknownValue, "sema.unknown-value",
   "`{enum}` har ingen verdi `{value}`", "`{enum}` has no value `{value}`"},
  {C::semaAmbiguousValue, "sema.ambiguous-value",
   "`{value}` er tvetydig; skriv {choices}", "`{value}` is ambiguous; write {choices}"},
  {C::semaNoAttributes, "sema.no-attributes", "{type} har ingen attributter", "{type} has no attributes"},
  {C::semaBadSetElement, "sema.bad-set-element",
   "mengder kan bare inneholde enum-verdier eller instanser", "sets may only hold enum values or instances"},
  {C::semaExclusionOutsideFact, "sema.exclusion-outside-fact",
   "bare et deklarert sett kan si hva det ikke inneholder (`{{ a, ..., not b }}`); i en regel, skriv `x not in s`",
   "only a declared set may say what it does not contain (`{{ a, ..., not b }}`); in a rule, write `x not in s`"},
  {C::semaExclusionInSet, "sema.exclusion-in-set",
   "`{excluded}` er både med i settet og utelatt fra det", "`{excluded}` is both in the set and left out of it"},
  {C::semaElementType, "sema.element-type",
   "elementet har typen {found}, forventet {expected}", "element has type {found}, expected {expected}"},
  {C::semaUntypedSet, "sema.untyped-set",
   "kan ikke avgjøre hva den tomme mengden inneholder", "cannot tell what the empty set holds"},
  {C::semaNotASet, "sema.not-a-set", "forventet en mengde, fikk {type}", "expected a set, found {type}"},
  {C::semaInNeedsSet, "sema.in-needs-set",
   "høyre side av `in` må være en mengde, fikk {type}", "the right side of `in` must be a set, found {type}"},
  {C::semaInType, "sema.in-type",
   "kan ikke teste om {element} er i {set}", "cannot test whether {element} is in {set}"},
  {C::semaBadNegation, "sema.bad-negation",
   "kan ikke negere en verdi av typen {type}", "cannot negate a value of type {type}"},
  {C::semaUnknownFunction, "sema.unknown-function",
   "ukjent funksjon `{function}`", "unknown function `{function}`"},
  {C::semaArity, "sema.arity", "`count` tar ett argument", "`count` takes one argument"},
  {C::semaMonthsNotDuration, "sema.months-not-duration",
   "måneder har ingen fast lengde og kan bare legges til eller trekkes fra en dato",
   "months have no fixed length and can only be added to or subtracted from a date"},
  {C::semaIncomparable, "sema.incomparable",
   "kan ikke sammenligne {left} med {right}", "cannot compare {left} with {right}"},
  {C::semaEnumMismatch, "sema.enum-mismatch",
   "en enum-verdi kan bare sammenlignes med verdier av sin egen enum ({left} mot {right})",
   "an enum value compares only with values of its own enum ({left} against {right})"},
  {C::semaUnordered, "sema.unordered",
   "{type} er ikke ordnet; bruk `==`, `!=` eller `in`", "{type} is not ordered; use `==`, `!=` or `in`"},
  {C::semaBadArithmetic, "sema.bad-arithmetic",
   "kan ikke regne {left} {operator} {right}", "cannot compute {left} {operator} {right}"},
  {C::semaNonlinear, "sema.nonlinear",
   "kan ikke multiplisere to verdier som ikke er konstanter; løseren kan ikke avgjøre slik (ikke-lineær) "
   "aritmetikk pålitelig, så én side må være et tall",
   "cannot multiply two values that are not constants; the solver cannot decide such (nonlinear) "
   "arithmetic reliably, so one side must be a number"},

  // load
  {C::loadMissing, "load.missing", "finner ikke {path}", "no such file or directory: {path}"},
  {C::loadRead, "load.read", "{reason}", "{reason}"},
  {C::loadTenderMissing, "load.tender-missing",
   "finner ikke anbudet {tender} som tilbudet svarer på", "cannot find the tender {tender} this offer answers"},
  {C::loadTenderChain, "load.tender-chain",
   "{tender} svarer selv på et anbud; et tilbud svarer på ett anbud",
   "{tender} itself answers a tender; an offer answers one tender"},
  {C::loadStreamNotObject, "load.stream-not-object",
   "linje {line} er ikke et JSON-objekt", "line {line} is not a JSON object"},
  {C::loadStreamNoCase, "load.stream-no-case",
   "linje {line} har verken \"path\" eller \"text\"", "line {line} has neither \"path\" nor \"text\""},
  {C::loadOutsideRoots, "load.outside-roots",
   "`{path}` ligger utenfor mappene saker leses fra ({roots})",
   "`{path}` is outside the folders cases are read from ({roots})"},
  {C::loadTenderOutside, "load.tender-outside",
   "anbudet må ligge i samme mappe som tilbudet eller under den; `{tender}` peker ut av den",
   "the tender must be in the offer's folder or below it; `{tender}` points outside it"},
  {C::loadTenderConflict, "load.tender-conflict",
   "tilbudet svarer på {tender}, men --against oppgir {option}",
   "the offer answers {tender}, but --against names {option}"},
  {C::loadNoCases, "load.no-cases", "fant ingen sak i {where}", "no case found in {where}"},

  // serve
  {C::serveNotJson, "serve.not-json", "forespørselen er ikke et JSON-objekt", "the request is not a JSON object"},
  {C::serveMissingField, "serve.missing-field",
   "forespørselen mangler feltet {field}", "the request lacks the field {field}"},
  {C::serveWrongMediaType, "serve.wrong-media-type",
   "send forespørselen som application/json", "send the request as application/json"},
  {C::serveBodyTooLarge, "serve.body-too-large",
   "forespørselen er større enn grensen på {limit} KiB", "the request is larger than the limit of {limit} KiB"},
  {C::serveBusy, "serve.busy",
   "samsvar sjekker allerede så mange saker som det tar imot; prøv igjen om litt",
   "samsvar is already checking as many cases as it takes; try again shortly"},
  {C::serveNotFound, "serve.not-found", "finnes ikke: {path}", "not found: {path}"},
  {C::serveUnknownExample, "serve.unknown-example", "ukjent eksempel `{name}`", "unknown example `{name}`"},
  {C::serveUnknownLanguage, "serve.unknown-language",
   "ukjent språk `{lang}`; bruk nb eller en", "unknown language `{lang}`; use nb or en"},
  {C::serveForeignHost, "serve.foreign-host",
   "siden svarer bare på adressen den ble startet på, ikke på `{host}`",
   "the page answers only at the address it was started on, not at `{host}`"},
  {C::serveForeignOrigin, "serve.foreign-origin",
   "forespørselen kom fra en annen side ({origin})", "the request came from another site ({origin})"},
  {C::serveTenderNeeded, "serve.tender-needed",
   "tilbudet svarer på anbudet {tender}: last opp anbudet sammen med tilbudet",
   "the offer answers the tender {tender}: upload the tender with the offer"},

  // lint
  {C::lintUnsatisfiable, "lint.unsatisfiable",
   "ingen sak kan oppfylle `{rule}` der den gjelder", "no case can satisfy `{rule}` where it applies"},
  {C::lintNeverApplies, "lint.never-applies",
   "`{rule}` gjelder aldri (betingelsen kan ikke bli sann)", "`{rule}` never applies (its condition cannot hold)"},
  {C::lintConflict, "lint.conflict",
   "`{rule}` og {others} motsier hverandre der begge gjelder",
   "`{rule}` and {others} contradict each other wherever both apply"},
  {C::lintRedundant, "lint.redundant",
   "`{rule}` følger av {others} (overflødig)", "`{rule}` is implied by {others} (redundant)"},
  {C::lintUndecided, "lint.undecided",
   "analysen av `{rule}`{with} ble ikke ferdig: {reason}", "the analysis of `{rule}`{with} did not finish: {reason}"},

  // vocab and init
  {C::vocabNoMatch, "vocab.no-match",
   "ingenting i vokabularet passer med `{word}`", "nothing in the vocabulary matches `{word}`"},
  {C::initFileExists, "init.file-exists",
   "{path} finnes allerede; velg et annet filnavn, eller slett filen først",
   "{path} already exists; choose another file name, or delete the file first"},
  {C::initCannotWrite, "init.cannot-write",
   "kan ikke skrive {path}; velg en mappe du har skrivetilgang til", "cannot write {path}; choose a folder you may write to"},

  // explain
  {C::explainUnknownRule, "explain.unknown-rule", "ukjent regel `{rule}`", "unknown rule `{rule}`"},
}};

constexpr std::array<PhraseText, kPhraseCount> kPhrases{{
  {P::didYouMean, "mente du `{name}`?", "did you mean `{name}`?"},
  {P::firstDefinedHere, "først definert her", "first defined here"},
  {P::firstHere, "først her", "first here"},

  {P::expectedExpression, "uttrykk", "expression"},
  {P::expectedName, "navn", "name"},
  {P::expectedTypeName, "typenavn", "type name"},
  {P::expectedEnumValue, "enum-verdi", "enum value"},
  {P::expectedRuleId, "regel-id", "rule id"},
  {P::expectedString, "streng", "string"},
  {P::expectedStrength, "styrke `må`, `skal`, `bør` eller `kan`", "strength `må`, `skal`, `bør` or `kan`"},
  {P::expectedNbOrEn, "`nb` eller `en`", "`nb` or `en`"},
  {P::expectedColonOrIn, "`:` eller `in`", "`:` or `in`"},
  {P::expectedBinding, "binding", "binding"},
  {P::expectedType, "type", "type"},
  {P::expectedHeader, "`module` eller `case`", "`module` or `case`"},
  {P::expectedDeclaration, "deklarasjon", "declaration"},

  {P::ruleIdForm, "en regel-id er bokstaver, sifre, `_` og `-`, f.eks. `HOR-14`",
   "a rule id is letters, digits, `_` and `-`, e.g. `HOR-14`"},
  {P::stringForm, "en streng skrives i doble anførselstegn: \"…\"", "a string is written in double quotes: \"…\""},
  {P::bindingForm, "en binding er `x: Type` eller `x in uttrykk`", "a binding is `x: Type` or `x in expression`"},
  {P::typeForms, "typer: `bool`, `int`, `date`, `duration`, `text`, et enum- eller typenavn, `set<T>`",
   "types: `bool`, `int`, `date`, `duration`, `text`, an enum or type name, `set<T>`"},
  {P::ruleClauseOrder,
   "en regel har leddene `title`, `message`, `source`, `for`, `when` og `require`, i denne rekkefølgen",
   "a rule has the clauses `title`, `message`, `source`, `for`, `when` and `require`, in this order"},
  {P::combineWithAnd, "kombiner dem med `and`: `a < b and b < c`", "combine them with `and`: `a < b and b < c`"},
  {P::splitExpression, "del opp regelen, eller sett parenteser rundt deler av uttrykket",
   "split the rule, or parenthesise parts of the expression"},
  {P::reservedWord, "`{word}` er et reservert ord og kan ikke brukes som navn",
   "`{word}` is a reserved word and cannot be used as a name"},
  {P::fileStart, "en regelfil begynner med `module navn`, en sak med `case \"tittel\"`",
   "a rules file starts with `module name`, a case with `case \"title\"`"},
  {P::declarationStart,
   "en deklarasjon begynner med `rule`, `type`, `enum`, `deviation`, `exemption` eller `navn: Type {{`",
   "a declaration starts with `rule`, `type`, `enum`, `deviation`, `exemption` or `name: Type {{`"},
  {P::declarationEndsBefore, "deklarasjonen foran slutter rett før dette",
   "the declaration before ends just before this"},
  {P::saveAsUtf8, "lagre filen som UTF-8 (den er kanskje lagret som Latin-1 eller Windows-1252)",
   "save the file as UTF-8 (it may have been saved as Latin-1 or Windows-1252)"},
  {P::closeComment, "avslutt kommentaren med `*/`", "close the comment with `*/`"},
  {P::validEscapes, "gyldige escape-sekvenser er `\\\"`, `\\\\`, `\\n` og `\\t`",
   "valid escape sequences are `\\\"`, `\\\\`, `\\n` and `\\t`"},
  {P::stringOnOneLine, "en streng slutter med `\"` på samme linje; skriv `\\n` for linjeskift",
   "a string ends with `\"` on the same line; write `\\n` for a line break"},
  {P::removeControlCharacter, "fjern tegnet; filen er kanskje ikke en tekstfil",
   "remove it; the file may not be a text file"},
  {P::writeDate, "skriv `{date}`", "write `{date}`"},
  {P::largestInteger, "det største heltallet er 9223372036854775807", "the largest integer is 9223372036854775807"},

  {P::addImport, "legg til `import {module}` (eller `uses {module}` i en sak)",
   "add `import {module}` (or `uses {module}` in a case)"},
  {P::firstAssignedHere, "første verdi her", "first assigned here"},
  {P::ruleDefinedHere, "regelen er definert her", "the rule is defined here"},
  {P::exemptInstead, "skriv `exemption {rule} basis \"…\"` med lovhjemmelen",
   "write `exemption {rule} basis \"…\"` with the legal basis"},
  {P::countAvailable, "tilgjengelig: `count(mengde)`", "available: `count(set)`"},
  {P::monthsExample, "skriv f.eks. `c.closes >= c.opens + 3 months`", "write e.g. `c.closes >= c.opens + 3 months`"},
  {P::declareOrdered, "deklarer `enum {enum} ordered {{ … }}` om verdiene har en rekkefølge",
   "declare `enum {enum} ordered {{ … }}` if its values have an order"},
  {P::breakImportCycle,
   "moduler kan ikke importere hverandre i ring; flytt det de deler til en modul som begge importerer",
   "modules cannot import each other in a cycle; move what they share into a module both import"},
  {P::removeImport, "fjern `import {module}`", "remove `import {module}`"},
  {P::variableBoundHere, "`{variable}` er bundet her", "`{variable}` is bound here"},
  {P::renameVariable, "gi variabelen i `{quantifier}` et annet navn", "give the variable of `{quantifier}` another name"},
  {P::addToUses, "legg `{module}` til i `uses`", "add `{module}` to `uses`"},
  {P::validNames, "gyldige navn her: {names}", "valid names here: {names}"},
  {P::searchVocabulary, "`samsvar vocab {name}` søker etter ordet blant typene, verdiene, referansedataene og reglene",
   "`samsvar vocab {name}` searches the types, values, reference data and rules for the word"},

  {P::fileNotFound, "finner ikke {path}", "cannot find {path}"},
  {P::fileNoPermission, "har ikke lov til å lese {path}", "no permission to read {path}"},
  {P::fileCannotOpen, "kan ikke åpne {path} ({reason})", "cannot open {path} ({reason})"},
  {P::fileCannotStat, "kan ikke lese {path}", "cannot read {path}"},
  {P::fileIsDirectory, "{path} er en mappe, ikke en fil", "{path} is a directory, not a file"},
  {P::fileNotRegular,
   "{path} er ikke en vanlig fil (en FIFO, en enhet eller en socket); samsvar leser bare vanlige filer",
   "{path} is not a regular file (a FIFO, a device or a socket); samsvar reads regular files only"},
  {P::fileTooLarge, "{path} er større enn grensen på {limit}", "{path} is larger than the limit of {limit}"},
  {P::fileReadFailed, "kan ikke lese {path} ({reason})", "cannot read {path} ({reason})"},

  {P::streamLineForm,
   "hver linje er et JSON-objekt: {{\"path\": \"sak.case\"}} eller "
   "{{\"name\": \"sak.case\", \"text\": \"case \\\"…\\\" uses …\"}}",
   "each line is a JSON object: {{\"path\": \"case.case\"}} or "
   "{{\"name\": \"case.case\", \"text\": \"case \\\"…\\\" uses …\"}}"},
  {P::nameCaseRoot, "gi mappen med --case-root, eller oppgi filen på kommandolinjen",
   "name its folder with --case-root, or pass the file on the command line"},
  {P::tenderNextToOffer, "legg anbudet ved siden av tilbudet, eller oppgi det med --against",
   "put the tender next to the offer, or pass it with --against"},
  {P::dropAgainstOption, "fjern --against, eller rett `against` i tilbudet",
   "drop --against, or correct `against` in the offer"},
  {P::caseFileForm, "en sak er en fil som slutter på .case", "a case is a file ending in .case"},
  {P::internalError, "samsvar: intern feil: {what}", "samsvar: internal error: {what}"},
  {P::internalErrorIn, "samsvar: intern feil i {case}: {what}", "samsvar: internal error in {case}: {what}"},
  {P::serveListening, "samsvar: siden er klar på {url} (Ctrl+C avslutter)",
   "samsvar: the page is ready at {url} (Ctrl+C stops it)"},
  {P::serveCannotListen, "samsvar: kan ikke lytte på {host} port {port}: {reason}",
   "samsvar: cannot listen on {host} port {port}: {reason}"},
  {P::initWrote, "samsvar: skrev {path}. Fyll den ut, og sjekk den med `samsvar check {path}`",
   "samsvar: wrote {path}. Fill it in, and check it with `samsvar check {path}`"},

  {P::ruleIsHere, "`{rule}` er her", "`{rule}` is here"},
  {P::witness, "vitne: {facts}", "witness: {facts}"},
  {P::intended, "tilsiktet: {reason}", "intended: {reason}"},
  {P::documentFinding, "rett reglene, eller dokumenter funnet i rules/lint-intended.txt som `{key} : begrunnelse`",
   "fix the rules, or document the finding in rules/lint-intended.txt as `{key} : reason`"},
  {P::fixCaseRule, "rett `require` i `{rule}` i saken: slik den står, kan ingen sak oppfylle den",
   "correct `require` of `{rule}` in the case: as written no case can satisfy it"},
  {P::fixCaseRuleCondition, "rett `when` i `{rule}` i saken: slik den står, gjelder regelen aldri, så den sjekker ingenting",
   "correct `when` of `{rule}` in the case: as written the rule never applies, so it checks nothing"},
  {P::fixCaseRuleConflict, "rett `{rule}` i saken, eller den andre regelen: begge kan ikke holde samtidig",
   "correct `{rule}` in the case, or the other rule: both cannot hold at once"},
  {P::caseRuleRedundant, "`{rule}` krever ikke noe mer enn reglene over; fjern den, eller skriv det den skal kreve i tillegg",
   "`{rule}` requires nothing more than the rules above; remove it, or write what it should require in addition"},

  {P::moreNotShown, "{count} meldinger til er ikke vist", "{count} more messages not shown"},
  {P::moreNotKept, "{count} meldinger til ble ikke tatt vare på", "{count} more messages were not kept"},
  {P::errorCountOne, "{count} feil funnet.", "{count} error generated."},
  {P::errorCountMany, "{count} feil funnet.", "{count} errors generated."},
}};
// clang-format on

// Each table lists its enumerators in declaration order, so that the
// enumerator is the index.
constexpr std::size_t indexOf(const CodeText& e) { return static_cast<std::size_t>(e.code); }
constexpr std::size_t indexOf(const PhraseText& e) { return static_cast<std::size_t>(e.phrase); }

template <class Table>
constexpr bool inOrder(const Table& table) {
  for (std::size_t i = 0; i < table.size(); ++i)
    if (indexOf(table[i]) != i) return false;
  return true;
}
static_assert(inOrder(kCodes), "kCodes must list every DiagCode once, in declaration order");
static_assert(inOrder(kPhrases), "kPhrases must list every Phrase once, in declaration order");

const CodeText& entry(DiagCode code) {
  auto i = static_cast<std::size_t>(code);
  if (i >= kCodes.size()) throw InternalError("diagnostic code " + std::to_string(i) + " has no text");
  return kCodes[i];
}

const PhraseText& entry(Phrase p) {
  auto i = static_cast<std::size_t>(p);
  if (i >= kPhrases.size()) throw InternalError("phrase " + std::to_string(i) + " has no text");
  return kPhrases[i];
}

std::string fill(std::string_view templ, MsgArgs args, Lang lang) {
  fmt::dynamic_format_arg_store<fmt::format_context> store;
  for (const auto& a : args) store.push_back(fmt::arg(a.name, a.value.in(lang)));
  try {
    return fmt::vformat(templ, store);
  } catch (const fmt::format_error& e) {
    throw InternalError("message template \"" + std::string(templ) + "\": " + e.what());
  }
}

Bilingual fill(std::string_view nb, std::string_view en, MsgArgs args) {
  return {fill(nb, args, Lang::nb), fill(en, args, Lang::en)};
}

}  // namespace

std::string_view codeName(DiagCode code) { return entry(code).name; }

Bilingual message(DiagCode code, MsgArgs args) {
  const auto& e = entry(code);
  return fill(e.nb, e.en, args);
}

Bilingual phrase(Phrase p, MsgArgs args) {
  const auto& e = entry(p);
  return fill(e.nb, e.en, args);
}

std::string quotedNames(const std::vector<std::string>& names) {
  std::string out;
  for (const auto& n : names) out += (out.empty() ? "`" : ", `") + n + "`";
  return out;
}

Bilingual messageTemplate(DiagCode code) {
  const auto& e = entry(code);
  return {std::string(e.nb), std::string(e.en)};
}

Bilingual phraseTemplate(Phrase p) {
  const auto& e = entry(p);
  return {std::string(e.nb), std::string(e.en)};
}

}  // namespace samsvar

// The message catalogue: every kind of problem samsvar reports (DiagCode),
// with a stable name and its text in Norwegian Bokmål and English, and every
// other piece of diagnostic text (Phrase: help lines, notes, words placed
// into messages, why a file cannot be read). The texts live in one table in
// messages.cpp; call sites name a code or phrase and give its arguments.
//
// Templates use fmt's syntax with named arguments: `{rule}` is replaced by
// the argument named `rule`, `{{` and `}}` stand for literal braces.
// Arguments are substituted, never parsed, so text from the input is safe in
// them.
#pragma once

#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/text.hpp"

namespace samsvar {

/// One kind of problem, grouped by the step that finds it. The name of each
/// (codeName) is `step.what-went-wrong`.
enum class DiagCode : std::uint8_t {
  // parse: the text of one file (grammar/)
  parseNotSamsvar,
  parseEmptyFile,
  parseUtf8,
  parseControlCharacter,
  parseUnterminatedComment,
  parseUnterminatedString,
  parseEscape,
  parseDateFormat,
  parseExpected,
  parseUnexpected,
  parseUnexpectedInput,
  parseChainedComparison,
  parseSingleEquals,
  parseNesting,
  parseChainTooLong,
  parsePathTooLong,
  parseIntOverflow,
  // sema: modules and imports (engine/sema/)
  semaCaseAsModule,
  semaModuleAsCase,
  semaDuplicateModule,
  semaUnknownModule,
  semaNotImported,
  semaImportCycle,
  semaSelfImport,
  semaDuplicateImport,
  semaDuplicateUses,
  // sema: declarations of enums, types and instances
  semaDuplicateName,
  semaBuiltinName,
  semaDuplicateValue,
  semaEmptyEnum,
  semaDuplicateAttribute,
  semaUnknownType,
  semaEnumInstance,
  semaBadSetType,
  // sema: facts
  semaUnknownAttribute,
  semaDuplicateAssignment,
  semaNotConstant,
  semaValueType,
  // sema: rules
  semaDuplicateRule,
  semaMissingTranslation,
  semaNoSource,
  semaDuplicateVariable,
  semaUnknownPlaceholder,
  semaNotBool,
  semaShadowedVariable,
  // sema: deviations and exemptions
  semaDeviationInModule,
  semaExemptionInModule,
  semaDeviationUnknownRule,
  semaExemptionUnknownRule,
  semaUnknownInstance,
  semaDeviationFromMaa,
  semaEmptyReason,
  semaEmptyBasis,
  semaDuplicateWaiver,
  semaDuplicateDocument,
  semaWaiverModuleNotUsed,
  // sema: expressions
  semaBadDate,
  semaNotADate,
  semaImpreciseDateInRule,
  semaDurationRange,
  semaUnknownName,
  semaUnknownValue,
  semaAmbiguousValue,
  semaNoAttributes,
  semaBadSetElement,
  semaExclusionOutsideFact,
  semaExclusionInSet,
  semaElementType,
  semaUntypedSet,
  semaNotASet,
  semaInNeedsSet,
  semaInType,
  semaBadNegation,
  semaUnknownFunction,
  semaArity,
  semaMonthsNotDuration,
  semaIncomparable,
  semaEnumMismatch,
  semaUnordered,
  semaBadArithmetic,
  semaNonlinear,
  // load: files, tenders and case streams (engine/driver/)
  loadMissing,
  loadRead,
  loadTenderMissing,
  loadTenderChain,
  loadStreamNotObject,
  loadStreamNoCase,
  loadOutsideRoots,
  loadTenderOutside,
  loadTenderConflict,
  loadNoCases,
  // serve: requests to the web page's API (engine/serve/)
  serveNotJson,
  serveMissingField,
  serveWrongMediaType,
  serveBodyTooLarge,
  serveBusy,
  serveNotFound,
  serveUnknownExample,
  serveUnknownLanguage,
  serveForeignHost,
  serveForeignOrigin,
  serveTenderNeeded,
  // lint: findings of the rulebase analysis (engine/report/lint_text)
  lintUnsatisfiable,
  lintNeverApplies,
  lintConflict,
  lintRedundant,
  lintUndecided,
  // vocab and init
  vocabNoMatch,
  initFileExists,
  initCannotWrite,
  // explain
  explainUnknownRule,  // keep last: kDiagCodeCount counts up to here
};

/// The number of diagnostic codes.
inline constexpr std::size_t kDiagCodeCount = static_cast<std::size_t>(DiagCode::explainUnknownRule) + 1;

/// Diagnostic text that is not a diagnostic's message: help lines, notes,
/// words placed into messages and the reasons a file cannot be read.
enum class Phrase : std::uint8_t {
  // help and notes shared by several steps
  didYouMean,
  firstDefinedHere,
  firstHere,
  // what the parser expected (the `what` of parse.expected)
  expectedExpression,
  expectedName,
  expectedTypeName,
  expectedEnumValue,
  expectedRuleId,
  expectedString,
  expectedStrength,
  expectedNbOrEn,
  expectedColonOrIn,
  expectedBinding,
  expectedType,
  expectedHeader,
  expectedDeclaration,
  // help of parse errors
  ruleIdForm,
  stringForm,
  bindingForm,
  typeForms,
  ruleClauseOrder,
  combineWithAnd,
  splitExpression,
  reservedWord,
  fileStart,
  declarationStart,
  declarationEndsBefore,
  saveAsUtf8,
  closeComment,
  validEscapes,
  stringOnOneLine,
  removeControlCharacter,
  writeDate,
  largestInteger,
  // help and notes of semantic errors
  addImport,
  firstAssignedHere,
  ruleDefinedHere,
  exemptInstead,
  countAvailable,
  monthsExample,
  declareOrdered,
  breakImportCycle,
  removeImport,
  variableBoundHere,
  renameVariable,
  addToUses,
  validNames,
  searchVocabulary,
  // why a file cannot be read (core/source.cpp)
  fileNotFound,
  fileNoPermission,
  fileCannotOpen,
  fileCannotStat,
  fileIsDirectory,
  fileNotRegular,
  fileTooLarge,
  fileReadFailed,
  // help of a case stream
  streamLineForm,
  // help of the input policy (engine/driver/load.cpp)
  nameCaseRoot,
  tenderNextToOffer,
  dropAgainstOption,
  caseFileForm,
  // a bug, exit code 3 (engine/driver)
  internalError,
  internalErrorIn,
  // `samsvar serve` on the terminal (engine/serve/)
  serveListening,
  serveCannotListen,
  // `samsvar init`
  initWrote,
  // notes and help of lint findings
  ruleIsHere,
  witness,
  intended,
  documentFinding,
  fixCaseRule,
  fixCaseRuleCondition,
  fixCaseRuleConflict,
  caseRuleRedundant,
  // lines of renderAll
  moreNotShown,
  moreNotKept,
  errorCountOne,
  errorCountMany,  // keep last: kPhraseCount counts up to here
};

/// The number of phrases.
inline constexpr std::size_t kPhraseCount = static_cast<std::size_t>(Phrase::errorCountMany) + 1;

/// One argument of a template: `{name}` becomes `value`, either the same in
/// both languages (a name from the input, a number) or a Bilingual (a
/// phrase from this catalogue).
struct MsgArg {
  MsgArg(const char* argName, std::string text) : name(argName), value{text, text} {}
  MsgArg(const char* argName, Bilingual text) : name(argName), value(std::move(text)) {}
  const char* name;
  Bilingual value;
};
using MsgArgs = std::initializer_list<MsgArg>;

/// The stable name of a code, e.g. "sema.unknown-name" (tests and JSON use it).
std::string_view codeName(DiagCode code);

/// The message of a diagnostic, in both languages. A template that names an
/// argument not given is a bug: InternalError.
Bilingual message(DiagCode code, MsgArgs args = {});

/// A phrase of the catalogue, in both languages (InternalError as above).
Bilingual phrase(Phrase p, MsgArgs args = {});

/// Names as messages list them: "`a`, `b`, `c`".
std::string quotedNames(const std::vector<std::string>& names);

/// The raw templates, for the catalogue's own tests.
Bilingual messageTemplate(DiagCode code);
Bilingual phraseTemplate(Phrase p);

}  // namespace samsvar

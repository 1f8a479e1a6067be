// The members of a jobfit.check/1 document, written one at a time so that `jobfit batch`
// can put the same bytes as `jobfit check --json` into its records without rendering the
// whole document and cutting it apart.
#ifndef JOBFIT_REPORT_CHECK_JSON_H_
#define JOBFIT_REPORT_CHECK_JSON_H_

#include <string_view>

#include "jobfit/lexicon.h"
#include "jobfit/score.h"

#include "report/json_writer.h"

namespace jobfit::internal {

// In the document's order.
enum class CheckMember {
  kResume,
  kTarget,
  kScore,
  kBreakdown,
  kRequirements,
  kMatched,
  kMissing,
  kSuggestions,
  kLexicon,
};

// Writes a term's "id", "name" and "category" members into the object open in `w`: how
// every JSON report (check, batch, extract) names a term.
void WriteTermHead(JsonWriter& w, const Term& term);

// Writes one member, key and value, into the object open in `w`.
void WriteCheckMember(JsonWriter& w, CheckMember member, const Lexicon& lexicon,
                      std::string_view resume_source, std::string_view resume_text,
                      const CheckResult& result);

}  // namespace jobfit::internal

#endif  // JOBFIT_REPORT_CHECK_JSON_H_

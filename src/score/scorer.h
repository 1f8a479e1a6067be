// The score's constants and the suggestion builder (docs/SCORING.md). The entry point is
// jobfit::CheckResume in jobfit/score.h.
#ifndef JOBFIT_SCORE_SCORER_H_
#define JOBFIT_SCORE_SCORER_H_

#include <string_view>
#include <vector>

#include "jobfit/score.h"

namespace jobfit::internal {

// Nominal points of each component; a component that does not apply (the ad asks for no
// degree) drops out and the others are scaled up to 100.
inline constexpr double kTermsPoints = 75;
inline constexpr double kExperiencePoints = 10;
inline constexpr double kEducationPoints = 10;
inline constexpr double kCertificationPoints = 5;

// The terms component divides by at least this much weight (four required terms).
inline constexpr double kMinTermWeight = 12;

// Credit of a requirement by the strongest evidence for it.
inline constexpr double kCreditExperience = 1.0;
inline constexpr double kCreditMentioned = 0.9;
inline constexpr double kCreditSkillsOnly = 0.8;
inline constexpr double kCreditImplied = 0.5;

double CreditOf(Evidence evidence);

// Returns the ranked suggestions for a scored resume (docs/SCORING.md, "Suggestions").
std::vector<Suggestion> BuildSuggestions(const Lexicon& lexicon, std::string_view resume_text,
                                         const CheckResult& result);

}  // namespace jobfit::internal

#endif  // JOBFIT_SCORE_SCORER_H_

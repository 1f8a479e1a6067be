// Reading a job ad into Requirements (docs/SCORING.md, "Reading a job ad"). The entry
// point is jobfit::AnalyzeJobAd in jobfit/score.h; the cue tables are exposed here for
// tests.
#ifndef JOBFIT_SCORE_JOB_AD_H_
#define JOBFIT_SCORE_JOB_AD_H_

#include <optional>
#include <string_view>

#include "jobfit/score.h"

namespace jobfit::internal {

// Weights of a requirement before the mention bonus (docs/SCORING.md).
inline constexpr double kRequiredWeight = 3.0;
inline constexpr double kPreferredWeight = 1.0;
// Each mention after the first adds this share of the base weight, up to kMaxExtraMentions.
inline constexpr double kMentionBonus = 0.25;
inline constexpr int kMaxExtraMentions = 2;
// Soft-skill requirements weigh this share of the others.
inline constexpr double kSoftSkillFactor = 0.5;

// Returns the weight of a requirement with this need named `mentions` times.
double RequirementWeight(Need need, uint32_t mentions);

// Returns true when a clause (as folded by FoldForCues) says its terms are not needed:
// "no Kubernetes experience required", "Java experience is not needed".
bool IsNegatedClause(std::string_view folded);

// Returns the need a clause's own wording sets ("... is a plus" -> kPreferred, "must have"
// -> kRequired), or nullopt when it has no cue and the section decides.
std::optional<Need> ClauseCue(std::string_view folded);

// True when the sentence is equal-opportunity boilerplate.
bool IsBoilerplate(std::string_view folded);

}  // namespace jobfit::internal

#endif  // JOBFIT_SCORE_JOB_AD_H_

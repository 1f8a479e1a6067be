// Section headings of job ads and resumes. A heading is a short line on its own; what it
// says decides the kind of the lines under it until the next heading.
#ifndef JOBFIT_SCORE_SECTIONS_H_
#define JOBFIT_SCORE_SECTIONS_H_

#include <string>
#include <string_view>
#include <vector>

#include "jobfit/score.h"

#include "score/text_util.h"

namespace jobfit::internal {

enum class AdSection {
  kPreamble,   // before the first heading: title, company, location
  kRequired,   // requirements, qualifications, must have, what you bring
  kPreferred,  // nice to have, preferred, bonus, plus
  kDuties,     // responsibilities, what you will do, the role
  kIgnored,    // about us, benefits, what we offer, equal opportunity
};
std::string_view AdSectionName(AdSection section);

template <typename Kind>
struct Section {
  Kind kind;
  Range heading;  // the heading line; empty range for the part before the first heading
  Range body;     // from after the heading to the next heading
};

// Returns the kind a heading names, e.g. "What we are looking for" -> kRequired; nullopt
// when the line is not an ad heading.
std::optional<AdSection> ClassifyAdHeading(std::string_view line);
std::optional<ResumeSection> ClassifyResumeHeading(std::string_view line);

// Splits an ad into sections; the first is always the preamble (possibly empty).
std::vector<Section<AdSection>> FindAdSections(std::string_view text);
// Splits a resume into sections; the first is always the header (possibly empty). `lines`
// is the text's SplitLines, which the caller needs too.
std::vector<Section<ResumeSection>> FindResumeSections(std::string_view text,
                                                       const std::vector<Range>& lines);

}  // namespace jobfit::internal

#endif  // JOBFIT_SCORE_SECTIONS_H_

// Dates in resumes: date ranges such as "Jan 2019 - Present", "03/2018 - 06/2021",
// "2017-2020" or "Sep '22 - Mar '23", and the timeline they make once overlapping roles
// are merged.
#ifndef JOBFIT_SCORE_TIMELINE_H_
#define JOBFIT_SCORE_TIMELINE_H_

#include <optional>
#include <string_view>
#include <vector>

#include "jobfit/score.h"

#include "score/text_util.h"

namespace jobfit::internal {

struct DateRange {
  MonthIndex begin = 0;
  MonthIndex end = 0;    // inclusive
  bool present = false;  // ended with "Present", "Current", "Now" or "Today"
  Range where;           // byte range in the line passed to FindDateRange
};

// Returns the first date range in `line`. A year without a month counts from January
// (begin) or to December (end); "Present" means `as_of`. Ranges that end before they
// begin, or lie outside 1950-2100, are not ranges.
std::optional<DateRange> FindDateRange(std::string_view line, MonthIndex as_of);

// Returns the number of months covered by the union of [begin, end] intervals (inclusive
// ends), so two overlapping roles count once.
int32_t MergedMonths(std::vector<std::pair<MonthIndex, MonthIndex>> intervals);

}  // namespace jobfit::internal

#endif  // JOBFIT_SCORE_TIMELINE_H_

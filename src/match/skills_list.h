// Detects whether an occurrence sits in a list of skills, the strongest context there is
// for short names: in "Languages: Python, R, SQL" the R is a language, whatever else "R"
// can mean.
#ifndef JOBFIT_MATCH_SKILLS_LIST_H_
#define JOBFIT_MATCH_SKILLS_LIST_H_

#include <cstddef>
#include <string_view>

namespace jobfit::internal {

// Returns true when [begin, end) of `line` is an item of a list: delimited on both sides
// by list separators (",;|/" or bullets, a label's colon, or the line's ends), on a line
// headed by a skills-like label ("Skills:", "Tech stack:") or holding at least two
// separators. "Languages: Go, Python" qualifies; "(as listed on my CV)" does not.
bool IsSkillsListItem(std::string_view line, size_t begin, size_t end);

}  // namespace jobfit::internal

#endif  // JOBFIT_MATCH_SKILLS_LIST_H_

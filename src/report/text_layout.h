// Layout helpers shared by the text reporters.
#ifndef JOBFIT_REPORT_TEXT_LAYOUT_H_
#define JOBFIT_REPORT_TEXT_LAYOUT_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace jobfit::internal {

// Returns "head" followed by items joined with ", ", wrapped before `width` columns with
// continuation lines indented under the first item; newline-terminated.
std::string WrapList(const std::string& head, const std::vector<std::string>& items, int width);

// Orders names as a reader expects in a list: ignoring letter case.
bool CaseInsensitiveLess(std::string_view a, std::string_view b);

}  // namespace jobfit::internal

#endif  // JOBFIT_REPORT_TEXT_LAYOUT_H_

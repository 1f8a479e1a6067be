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

// Converts byte offsets of a text to 1-based line and column (columns count bytes).
class TextPositions {
 public:
  explicit TextPositions(std::string_view text);
  std::pair<uint64_t, uint64_t> Position(uint64_t offset) const;

 private:
  std::vector<uint64_t> line_starts_;
};

}  // namespace jobfit::internal

#endif  // JOBFIT_REPORT_TEXT_LAYOUT_H_

#include "base/line_index.h"

#include <algorithm>

namespace jobfit::internal {

LineIndex::LineIndex(std::string_view text) {
  line_starts_.push_back(0);
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\n') line_starts_.push_back(i + 1);
  }
}

LineIndex::LineColumn LineIndex::At(size_t offset) const {
  const auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
  const auto line = static_cast<size_t>(it - line_starts_.begin());  // >= 1
  const size_t column = offset - line_starts_[line - 1] + 1;
  return {static_cast<uint32_t>(line), static_cast<uint32_t>(column)};
}

}  // namespace jobfit::internal

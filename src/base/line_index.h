// Byte offsets to line and column, for messages and reports that point into a text.
#ifndef JOBFIT_BASE_LINE_INDEX_H_
#define JOBFIT_BASE_LINE_INDEX_H_

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

namespace jobfit::internal {

// Records where each line of a text starts; the text itself is not kept.
class LineIndex {
 public:
  explicit LineIndex(std::string_view text);

  struct LineColumn {
    uint32_t line;    // 1-based
    uint32_t column;  // 1-based, in bytes
  };
  // Returns the line and column of a byte offset (offset <= the text's size).
  LineColumn At(size_t offset) const;

 private:
  std::vector<size_t> line_starts_;
};

}  // namespace jobfit::internal

#endif  // JOBFIT_BASE_LINE_INDEX_H_

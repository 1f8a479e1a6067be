#include "base/line_index.h"

#include <algorithm>
#include <cstring>

namespace jobfit::internal {

LineIndex::LineIndex(std::string_view text) {
  line_starts_.push_back(0);
  // memchr from line to line: a 30,000-entry lexicon is megabytes of JSON.
  const char* const begin = text.data();
  const char* const end = begin + text.size();
  for (const char* at = begin; at < end;) {
    const auto* newline =
        static_cast<const char*>(std::memchr(at, '\n', static_cast<size_t>(end - at)));
    if (newline == nullptr) break;
    line_starts_.push_back(static_cast<size_t>(newline - begin) + 1);
    at = newline + 1;
  }
}

LineIndex::LineColumn LineIndex::At(size_t offset) const {
  const auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
  const auto line = static_cast<size_t>(it - line_starts_.begin());  // >= 1
  const size_t column = offset - line_starts_[line - 1] + 1;
  return {static_cast<uint32_t>(line), static_cast<uint32_t>(column)};
}

}  // namespace jobfit::internal

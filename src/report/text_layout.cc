#include "report/text_layout.h"

#include <algorithm>

namespace jobfit::internal {
namespace {

// Columns a UTF-8 string takes, counting each code point as one.
size_t DisplayWidth(std::string_view s) {
  size_t width = 0;
  for (const char c : s) width += (static_cast<unsigned char>(c) & 0xC0) != 0x80 ? 1 : 0;
  return width;
}

char Lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c; }

}  // namespace

std::string WrapList(const std::string& head, const std::vector<std::string>& items, int width) {
  const std::string indent(DisplayWidth(head), ' ');
  std::string out = head;
  size_t column = DisplayWidth(head);
  for (size_t i = 0; i < items.size(); ++i) {
    const std::string piece = items[i] + (i + 1 < items.size() ? "," : "");
    const size_t piece_width = DisplayWidth(piece);
    if (i > 0) {
      if (column + 1 + piece_width > static_cast<size_t>(width)) {
        out += "\n" + indent;
        column = indent.size();
      } else {
        out += " ";
        ++column;
      }
    }
    out += piece;
    column += piece_width;
  }
  return out + "\n";
}

bool CaseInsensitiveLess(std::string_view a, std::string_view b) {
  const bool less = std::lexicographical_compare(
      a.begin(), a.end(), b.begin(), b.end(), [](char x, char y) { return Lower(x) < Lower(y); });
  if (less) return true;
  const bool greater = std::lexicographical_compare(
      b.begin(), b.end(), a.begin(), a.end(), [](char x, char y) { return Lower(x) < Lower(y); });
  return !greater && a < b;
}

}  // namespace jobfit::internal

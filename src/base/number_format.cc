#include "base/number_format.h"

#include <charconv>

namespace jobfit::base {

std::string FormatFixed(double value, int decimals) {
  // 320 digits hold the integer part of the largest double with room for the decimals
  // callers ask for; a value beyond that range is not a score, but still formats.
  char buffer[400];
  const std::to_chars_result written =
      std::to_chars(buffer, buffer + sizeof buffer, value, std::chars_format::fixed, decimals);
  if (written.ec != std::errc()) return "?";
  return std::string(buffer, written.ptr);
}

}  // namespace jobfit::base

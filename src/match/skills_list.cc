#include "match/skills_list.h"

#include <array>
#include <string>

namespace jobfit::internal {
namespace {

constexpr std::array<std::string_view, 16> kListLabels = {
    "skill",       "language", "tool",     "technolog", "stack",     "framework",
    "librar",      "platform", "software", "competenc", "proficien", "expertise",
    "environment", "database", "cloud",    "keyword"};

char Lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c; }

bool IsBlank(char c) { return c == ' ' || c == '\t' || c == '\r'; }

// Bullets are multi-byte; "•" (E2 80 A2) and "·" (C2 B7) are the ones resumes use.
size_t SeparatorLength(std::string_view s, size_t pos) {
  const char c = s[pos];
  if (c == ',' || c == ';' || c == '|' || c == '/' || c == '*') return 1;
  if (s.substr(pos, 3) == "\xE2\x80\xA2" || s.substr(pos, 3) == "\xE2\x97\x8F") return 3;
  if (s.substr(pos, 2) == "\xC2\xB7") return 2;
  return 0;
}

bool HasListLabel(std::string_view line) {
  const size_t colon = line.find_first_of(":");
  if (colon == std::string_view::npos || colon >= 48) return false;
  char lowered[48];
  for (size_t i = 0; i < colon; ++i) lowered[i] = Lower(line[i]);
  const std::string_view head(lowered, colon);
  for (std::string_view label : kListLabels) {
    if (head.find(label) != std::string_view::npos) return true;
  }
  return false;
}

}  // namespace

bool IsSkillsListItem(std::string_view line, size_t begin, size_t end) {
  size_t before = begin;
  while (before > 0 && IsBlank(line[before - 1])) --before;
  bool left_ok =
      before == 0 || line[before - 1] == ':' || line[before - 1] == '(' || line[before - 1] == '-';
  for (size_t back = 1; !left_ok && back <= 3 && back <= before; ++back) {
    left_ok = SeparatorLength(line, before - back) == back;
  }
  size_t after = end;
  while (after < line.size() && IsBlank(line[after])) ++after;
  const bool right_ok = after >= line.size() || line[after] == ')' || line[after] == '.' ||
                        SeparatorLength(line, after) > 0;
  if (!left_ok || !right_ok) return false;
  if (HasListLabel(line) && line.find(':') < begin) return true;

  int separators = 0;
  for (size_t i = 0; i < line.size();) {
    const size_t len = SeparatorLength(line, i);
    separators += len > 0 ? 1 : 0;
    i += len > 0 ? len : 1;
  }
  return separators >= 2;
}

}  // namespace jobfit::internal

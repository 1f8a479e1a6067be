#include "score/text_util.h"

#include <algorithm>
#include <array>
#include <utility>

namespace jobfit::internal {
namespace {

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f'; }
bool IsAlnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}
char Lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

bool IsBlank(std::string_view line) { return Trim(line).empty(); }

}  // namespace

std::string LowerAscii(std::string_view s) {
  std::string lower(s);
  // A branch-free step the compiler turns into vector code: the summary and date lines
  // of every resume are lower-cased, and the branching form took seven instructions a
  // byte.
  for (char& c : lower) {
    const auto offset = static_cast<unsigned char>(c - 'A');
    c = static_cast<char>(c + (offset < 26 ? 'a' - 'A' : 0));
  }
  return lower;
}

std::vector<Range> SplitLines(std::string_view text) {
  std::vector<Range> lines;
  uint64_t begin = 0;
  while (begin <= text.size()) {
    size_t nl = text.find('\n', begin);
    const uint64_t stop = nl == std::string_view::npos ? text.size() : nl;
    uint64_t end = stop;
    if (end > begin && text[end - 1] == '\r') --end;
    if (nl == std::string_view::npos) {
      if (begin < text.size()) lines.push_back({begin, end});
      break;
    }
    lines.push_back({begin, end});
    begin = stop + 1;
  }
  return lines;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && IsSpace(s.front())) s.remove_prefix(1);
  while (!s.empty() && IsSpace(s.back())) s.remove_suffix(1);
  return s;
}

namespace {

// Returns s with each run of white space as one space, none at the ends; lower-cased
// ASCII when `lower`.
std::string CollapseSpaces(std::string_view s, bool lower) {
  // Written through a pointer into a string of the input's size, then cut: the output is
  // never longer, and a capacity check per byte (push_back) was most of this function's
  // cost when every heading-shaped line of a resume is folded.
  std::string out(s.size(), '\0');
  char* const first = out.data();
  char* next = first;
  bool space = false;
  for (char c : s) {
    if (IsSpace(c)) {
      space = next != first;
      continue;
    }
    if (space) *next++ = ' ';
    space = false;
    *next++ = lower ? Lower(c) : c;
  }
  out.resize(static_cast<size_t>(next - first));
  return out;
}

}  // namespace

std::string FoldForCues(std::string_view s) { return CollapseSpaces(s, true); }

bool StartsWithBullet(std::string_view line) {
  line = Trim(line);
  if (line.empty()) return false;
  if ((line[0] == '-' || line[0] == '*') && (line.size() == 1 || line[1] == ' ')) return true;
  for (std::string_view bullet :
       {"\xE2\x80\xA2", "\xC2\xB7", "\xCE\xB2\xE2\x80\x99", "\xE2\x96\xAA"}) {
    if (line.substr(0, bullet.size()) == bullet) return true;
  }
  size_t digits = 0;
  while (digits < line.size() && line[digits] >= '0' && line[digits] <= '9') ++digits;
  return digits > 0 && digits < 3 && digits + 1 < line.size() &&
         (line[digits] == '.' || line[digits] == ')') && line[digits + 1] == ' ';
}

std::string OneLine(std::string_view s) {
  s = Trim(s);
  if (StartsWithBullet(s)) {
    // Drop the bullet itself: everything up to the first space.
    const size_t space = s.find(' ');
    s = space == std::string_view::npos ? std::string_view() : Trim(s.substr(space));
  }
  return CollapseSpaces(s, false);
}

std::vector<Range> SplitSentences(std::string_view text, const std::vector<Range>& breaks) {
  std::vector<Range> sentences;
  const std::vector<Range> lines = SplitLines(text);
  std::optional<uint64_t> open;  // start of the sentence being built
  auto close = [&](uint64_t end) {
    if (open && end > *open) {
      // Trim white space at both ends so the range holds words only.
      uint64_t b = *open;
      uint64_t e = end;
      while (b < e && IsSpace(text[b])) ++b;
      while (e > b && IsSpace(text[e - 1])) --e;
      if (e > b) sentences.push_back({b, e});
    }
    open.reset();
  };
  size_t next_break = 0;
  for (const Range& line : lines) {
    const std::string_view content = text.substr(line.begin, line.end - line.begin);
    while (next_break < breaks.size() && breaks[next_break].end <= line.begin) ++next_break;
    const bool is_break = next_break < breaks.size() && breaks[next_break].begin <= line.begin &&
                          line.end <= breaks[next_break].end;
    if (IsBlank(content) || is_break || StartsWithBullet(content)) {
      const uint64_t prev_end = line.begin;
      close(prev_end);
      if (is_break) {
        sentences.push_back(line);  // a heading is a sentence of its own
        continue;
      }
      if (IsBlank(content)) continue;
    }
    if (!open) open = line.begin;
    // Sentence ends inside the line.
    for (uint64_t i = line.begin; i < line.end; ++i) {
      const char c = text[i];
      if ((c == '.' || c == '?' || c == '!') && (i + 1 == line.end || text[i + 1] == ' ')) {
        // "e.g." and single initials are not ends; a decimal point never has a space after.
        const bool abbreviation = i >= 2 && text[i - 2] == '.';
        if (abbreviation) continue;
        close(i + 1);
        open = i + 1;
      }
    }
  }
  close(text.size());
  return sentences;
}

std::vector<Range> SplitClauses(std::string_view text, Range sentence) {
  std::vector<Range> clauses;
  uint64_t begin = sentence.begin;
  auto cut = [&](uint64_t at, uint64_t skip) {
    if (at > begin) clauses.push_back({begin, at});
    begin = at + skip;
  };
  for (uint64_t i = sentence.begin; i < sentence.end; ++i) {
    const char c = text[i];
    if (c == ';' || c == '(' || c == ')' ||
        (c == ':' && i + 1 < sentence.end && text[i + 1] == ' ')) {
      cut(i, 1);
      continue;
    }
    if (c == ' ' && i + 2 < sentence.end) {
      const std::string_view rest = text.substr(i + 1, sentence.end - i - 1);
      for (std::string_view dash : {"- ", "\xE2\x80\x93 ", "\xE2\x80\x94 "}) {
        if (rest.substr(0, dash.size()) == dash) {
          cut(i, 1 + dash.size());
          i += dash.size();
          break;
        }
      }
    }
  }
  if (sentence.end > begin) clauses.push_back({begin, sentence.end});
  if (clauses.empty()) clauses.push_back(sentence);
  return clauses;
}

std::optional<size_t> FindRange(const std::vector<Range>& ranges, uint64_t pos) {
  auto it = std::upper_bound(ranges.begin(), ranges.end(), pos,
                             [](uint64_t p, const Range& r) { return p < r.begin; });
  if (it == ranges.begin()) return std::nullopt;
  --it;
  if (pos < it->end) return static_cast<size_t>(it - ranges.begin());
  return std::nullopt;
}

bool ContainsWords(std::string_view haystack, std::string_view word) {
  size_t from = 0;
  while (true) {
    const size_t at = haystack.find(word, from);
    if (at == std::string_view::npos) return false;
    const bool left = at == 0 || !IsAlnum(haystack[at - 1]);
    const size_t end = at + word.size();
    const bool right = end >= haystack.size() || !IsAlnum(haystack[end]);
    if (left && right) return true;
    from = at + 1;
  }
}

std::optional<int> ParseSmallNumber(std::string_view word) {
  if (word.empty()) return std::nullopt;
  if (std::all_of(word.begin(), word.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    if (word.size() > 2) return std::nullopt;  // years of experience, not a calendar year
    int value = 0;
    for (char c : word) value = value * 10 + (c - '0');
    return value;
  }
  static constexpr std::array<std::string_view, 21> kWords = {
      "zero",     "one",     "two",     "three",     "four",     "five",     "six",
      "seven",    "eight",   "nine",    "ten",       "eleven",   "twelve",   "thirteen",
      "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty"};
  const std::string lower = FoldForCues(word);
  for (size_t i = 0; i < kWords.size(); ++i) {
    if (lower == kWords[i]) return static_cast<int>(i);
  }
  return std::nullopt;
}

std::string AlnumKey(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (IsAlnum(c) || static_cast<unsigned char>(c) >= 0x80) out.push_back(Lower(c));
  }
  return out;
}

std::string Concat(std::initializer_list<std::string_view> parts) {
  size_t size = 0;
  for (const std::string_view part : parts) size += part.size();
  std::string out;
  out.reserve(size);
  for (const std::string_view part : parts) out.append(part);
  return out;
}

}  // namespace jobfit::internal

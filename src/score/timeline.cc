#include "score/timeline.h"

#include <algorithm>
#include <array>
#include <string>
#include <utility>

namespace jobfit::internal {
namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsLetter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

struct Date {
  int year = 0;
  int month = 0;   // 0 when only the year is given
  size_t end = 0;  // position after the date
};

// The parser works on a lower-cased copy of the line; positions are the same.
class DateParser {
 public:
  explicit DateParser(std::string s) : s_(std::move(s)) {}

  std::optional<Date> DateAt(size_t pos) const {
    if (auto d = MonthYear(pos)) return d;
    if (auto d = NumericMonthYear(pos)) return d;
    if (auto d = Year(pos)) return d;
    return std::nullopt;
  }

  // Returns the position after a range separator ("-", "–", "—", "to", "until") and the
  // spaces around it, or nullopt.
  std::optional<size_t> Separator(size_t pos) const {
    pos = SkipSpaces(pos);
    for (std::string_view sep :
         {"-", "\xE2\x80\x93", "\xE2\x80\x94", "to ", "until ", "till ", "through ", "\xCE\xB2"}) {
      if (s_.compare(pos, sep.size(), sep) == 0) return SkipSpaces(pos + sep.size());
    }
    return std::nullopt;
  }

  // Returns the position after "present", "current", "now" or "today".
  std::optional<size_t> Present(size_t pos) const {
    for (std::string_view word : {"present", "current", "now", "today", "date"}) {
      if (s_.compare(pos, word.size(), word) == 0 && !LetterAt(pos + word.size())) {
        return pos + word.size();
      }
    }
    return std::nullopt;
  }

  size_t size() const { return s_.size(); }
  bool StartsToken(size_t pos) const {
    return pos == 0 || !(IsLetter(s_[pos - 1]) || IsDigit(s_[pos - 1]));
  }
  // Whether a date can start at pos: with a letter (a month), a digit, or an apostrophe
  // ("'19", or the UTF-8 of a curly one). The spaces and punctuation of a line, most of
  // its token starts, are passed over without trying every form of date on them.
  bool MayStartDate(size_t pos) const {
    const char c = s_[pos];
    return IsLetter(c) || IsDigit(c) || c == '\'' || c == '\xE2';
  }

 private:
  size_t SkipSpaces(size_t pos) const {
    while (pos < s_.size() && (s_[pos] == ' ' || s_[pos] == '\t')) ++pos;
    return pos;
  }
  bool LetterAt(size_t pos) const { return pos < s_.size() && IsLetter(s_[pos]); }
  bool DigitAt(size_t pos) const { return pos < s_.size() && IsDigit(s_[pos]); }

  // "2019" or "'19" / "’19".
  std::optional<Date> YearOnly(size_t pos) const {
    if (pos + 4 <= s_.size() && DigitAt(pos) && DigitAt(pos + 1) && DigitAt(pos + 2) &&
        DigitAt(pos + 3) && !DigitAt(pos + 4)) {
      const int year = (s_[pos] - '0') * 1000 + (s_[pos + 1] - '0') * 100 +
                       (s_[pos + 2] - '0') * 10 + (s_[pos + 3] - '0');
      if (year < 1950 || year > 2100) return std::nullopt;
      return Date{year, 0, pos + 4};
    }
    for (std::string_view apostrophe : {"'", "\xE2\x80\x99", "\xE2\x80\x98"}) {
      if (s_.compare(pos, apostrophe.size(), apostrophe) != 0) continue;
      const size_t d = pos + apostrophe.size();
      if (DigitAt(d) && DigitAt(d + 1) && !DigitAt(d + 2)) {
        const int yy = (s_[d] - '0') * 10 + (s_[d + 1] - '0');
        // Two-digit years: 50-99 are the 1900s, the rest the 2000s.
        return Date{yy >= 50 ? 1900 + yy : 2000 + yy, 0, d + 2};
      }
    }
    return std::nullopt;
  }

  std::optional<Date> Year(size_t pos) const {
    if (!StartsToken(pos)) return std::nullopt;
    return YearOnly(pos);
  }

  // "jan 2019", "january 2019", "sept. 2019", "sep '22".
  std::optional<Date> MonthYear(size_t pos) const {
    static constexpr std::array<std::string_view, 12> kMonths = {
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"};
    if (!StartsToken(pos) || !LetterAt(pos)) return std::nullopt;
    size_t end = pos;
    while (LetterAt(end)) ++end;
    const std::string_view word(s_.data() + pos, end - pos);
    // Month names run from three letters to nine ("september") and start with one of
    // these; most words of a dated line are turned away before 24 comparisons.
    if (word.size() < 3 || word.size() > 9 ||
        std::string_view("jfmasond").find(word[0]) == std::string_view::npos) {
      return std::nullopt;
    }
    for (size_t m = 0; m < kMonths.size(); ++m) {
      static constexpr std::array<std::string_view, 12> kFull = {
          "january", "february", "march",     "april",   "may",      "june",
          "july",    "august",   "september", "october", "november", "december"};
      const bool match = word == kMonths[m] || word == kFull[m] || (m == 8 && word == "sept");
      if (!match) continue;
      size_t next = end;
      if (next < s_.size() && s_[next] == '.') ++next;
      if (next < s_.size() && s_[next] == ',') ++next;
      next = SkipSpaces(next);
      std::optional<Date> year = YearOnly(next);
      if (!year) return std::nullopt;
      year->month = static_cast<int>(m) + 1;
      return year;
    }
    return std::nullopt;
  }

  // "03/2018", "3/2018", "03.2018", "2018-03" is not supported: it reads as a year range.
  std::optional<Date> NumericMonthYear(size_t pos) const {
    if (!StartsToken(pos) || !DigitAt(pos)) return std::nullopt;
    size_t end = pos;
    while (DigitAt(end)) ++end;
    if (end - pos > 2 || end >= s_.size() || (s_[end] != '/' && s_[end] != '.')) {
      return std::nullopt;
    }
    const int month = end - pos == 1 ? s_[pos] - '0' : (s_[pos] - '0') * 10 + (s_[pos + 1] - '0');
    if (month < 1 || month > 12) return std::nullopt;
    std::optional<Date> year = YearOnly(end + 1);
    if (!year) return std::nullopt;
    year->month = month;
    return year;
  }

  std::string s_;
};

}  // namespace

std::optional<DateRange> FindDateRange(std::string_view line, MonthIndex as_of) {
  // Every date has a year in digits, and only starts a token: most lines of a resume are
  // turned away without looking at each byte of them again.
  if (std::none_of(line.begin(), line.end(), IsDigit)) return std::nullopt;
  const DateParser parser(LowerAscii(line));
  for (size_t pos = 0; pos < parser.size(); ++pos) {
    if (!parser.MayStartDate(pos) || !parser.StartsToken(pos)) continue;
    std::optional<Date> first = parser.DateAt(pos);
    if (!first) continue;
    std::optional<size_t> after = parser.Separator(first->end);
    if (!after) continue;
    DateRange range;
    range.begin = MakeMonth(first->year, first->month == 0 ? 1 : first->month);
    range.where.begin = pos;
    if (std::optional<size_t> present_end = parser.Present(*after)) {
      range.present = true;
      range.end = as_of;
      range.where.end = *present_end;
    } else if (std::optional<Date> second = parser.DateAt(*after)) {
      range.end = MakeMonth(second->year, second->month == 0 ? 12 : second->month);
      range.where.end = second->end;
    } else {
      continue;
    }
    if (range.end < range.begin) continue;
    return range;
  }
  return std::nullopt;
}

int32_t MergedMonths(std::vector<std::pair<MonthIndex, MonthIndex>> intervals) {
  std::sort(intervals.begin(), intervals.end());
  int32_t months = 0;
  std::optional<std::pair<MonthIndex, MonthIndex>> open;
  for (const auto& [begin, end] : intervals) {
    if (open && begin <= open->second + 1) {
      open->second = std::max(open->second, end);
      continue;
    }
    if (open) months += open->second - open->first + 1;
    open = std::make_pair(begin, end);
  }
  if (open) months += open->second - open->first + 1;
  return months;
}

}  // namespace jobfit::internal

#include "score/experience.h"

#include <algorithm>
#include <iterator>
#include <optional>
#include <string>

#include "score/text_util.h"

namespace jobfit::internal {
namespace {

bool IsAlnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

struct Word {
  size_t begin = 0;
  size_t end = 0;
  std::string_view text;  // lower case
};

// The word (run of letters and digits) that ends at or before `end`, if any.
std::optional<Word> WordBefore(std::string_view lower, size_t end) {
  while (end > 0 && !IsAlnum(lower[end - 1])) --end;
  if (end == 0) return std::nullopt;
  size_t begin = end;
  while (begin > 0 && IsAlnum(lower[begin - 1])) --begin;
  return Word{begin, end, lower.substr(begin, end - begin)};
}

// The word that starts at or after `begin`, if any.
std::optional<Word> WordAfter(std::string_view lower, size_t begin) {
  while (begin < lower.size() && !IsAlnum(lower[begin])) ++begin;
  if (begin == lower.size()) return std::nullopt;
  size_t end = begin;
  while (end < lower.size() && IsAlnum(lower[end])) ++end;
  return Word{begin, end, lower.substr(begin, end - begin)};
}

bool OneOf(std::string_view word, std::initializer_list<std::string_view> list) {
  return std::find(list.begin(), list.end(), word) != list.end();
}

// A range separator between two numbers: "5-7", "5 - 7", "5–7", "5 to 7", and the "β"
// a damaged en dash becomes.
bool IsRangeGap(std::string_view gap) {
  gap = Trim(gap);
  return gap == "-" || gap == "to" || gap == "\xE2\x80\x93" || gap == "\xE2\x80\x94" ||
         gap == "\xCE\xB2" || gap == "/";
}

}  // namespace

std::vector<YearsPhrase> FindYearsPhrases(std::string_view sentence) {
  const std::string lower = LowerAscii(sentence);
  std::vector<YearsPhrase> phrases;
  // A resume's summary is read whole: only the few words around each "years" matter, so
  // they are found from there instead of splitting the whole text into words.
  for (size_t at = lower.find('y'); at != std::string::npos; at = lower.find('y', at + 1)) {
    if (at > 0 && IsAlnum(lower[at - 1])) continue;
    const std::optional<Word> unit = WordAfter(lower, at);
    if (!OneOf(unit->text, {"year", "years", "yr", "yrs"})) continue;
    // "two-year programme", "150-year-old": an adjective, not a duration.
    if (unit->end < lower.size() && lower[unit->end] == '-') continue;
    // The words before the unit, nearest first: the number, what qualifies it, and the
    // word before a "1-2 to 5" range, which may still negate it ("for 1-2 to 5 years").
    std::optional<Word> before_unit[5];
    for (size_t k = 0, end = unit->begin; k < 5; ++k) {
      before_unit[k] = WordBefore(lower, end);
      if (!before_unit[k]) break;
      end = before_unit[k]->begin;
    }
    if (!before_unit[0]) continue;
    size_t first = 0;  // index into before_unit of the phrase's first word
    std::optional<int> value = ParseSmallNumber(before_unit[0]->text);
    if (!value) continue;
    // "3 to 5 years": "to" is a word of its own.
    if (before_unit[2] && before_unit[1]->text == "to") {
      std::optional<int> low = ParseSmallNumber(before_unit[2]->text);
      if (low && *low <= *value) {
        value = low;
        first = 2;
      }
    }
    // "3+ years": the plus sits between the number and "years" and changes nothing.
    if (const std::optional<Word>& word = before_unit[first + 1]) {
      std::optional<int> low = ParseSmallNumber(word->text);
      const std::string_view gap =
          std::string_view(lower).substr(word->end, before_unit[first]->begin - word->end);
      if (low && IsRangeGap(gap) && *low <= *value) {
        value = low;
        ++first;
      }
    }
    if (before_unit[first + 1] &&
        OneOf(before_unit[first + 1]->text,
              {"founded", "within", "after", "for", "since", "in", "every", "first", "next", "last",
               "past", "established", "nearly"})) {
      continue;
    }
    const std::optional<Word> next = WordAfter(lower, unit->end);
    if (next && OneOf(next->text, {"ago", "old", "running", "history", "business"})) continue;
    const std::string_view rest = std::string_view(lower).substr(unit->end);
    const bool experience = rest.find("experience") != std::string_view::npos;
    const bool linked = next && OneOf(next->text, {"of", "in", "with", "using", "as", "working",
                                                   "building", "shipping", "leading", "doing",
                                                   "hands", "professional", "commercial"});
    if (!experience && !linked) continue;
    const size_t phrase_begin = before_unit[first]->begin;
    const std::string_view before = std::string_view(lower).substr(0, phrase_begin);
    const bool side = before.find("including") != std::string_view::npos ||
                      before.find("incl.") != std::string_view::npos ||
                      before.find("of which") != std::string_view::npos ||
                      std::count(before.begin(), before.end(), '(') >
                          std::count(before.begin(), before.end(), ')');
    phrases.push_back({static_cast<double>(*value), phrase_begin, unit->end, side, experience});
  }
  return phrases;
}

namespace {

struct DegreeId {
  std::string_view id;
  DegreeLevel level;
};
constexpr DegreeId kDegreeIds[] = {
    {"bachelors-degree", DegreeLevel::kBachelor},
    {"masters-degree", DegreeLevel::kMaster},
    {"mba", DegreeLevel::kMaster},
    {"phd", DegreeLevel::kDoctorate},
    {"associate-degree", DegreeLevel::kAssociate},
};

}  // namespace

DegreeLevel DegreeLevelOfTerm(std::string_view id) {
  for (const DegreeId& degree : kDegreeIds) {
    if (degree.id == id) return degree.level;
  }
  return DegreeLevel::kNone;
}

DegreeTerms::DegreeTerms(const Lexicon& lexicon) {
  static_assert(std::size(kDegreeIds) <= kMaxTerms);
  for (const DegreeId& degree : kDegreeIds) {
    if (const std::optional<size_t> term = lexicon.Find(degree.id)) {
      terms_[count_++] = {static_cast<uint32_t>(*term), degree.level};
    }
  }
}

DegreeLevel HighestDegreeInText(std::string_view text) {
  DegreeLevel best = DegreeLevel::kNone;
  for (size_t i = 0; i < text.size();) {
    const auto is_part = [&](char c) { return IsAlnum(c) || c == '.' || c == '\''; };
    if (!is_part(text[i])) {
      ++i;
      continue;
    }
    size_t end = i;
    while (end < text.size() && is_part(text[end])) ++end;
    const std::string_view raw = text.substr(i, end - i);
    i = end;
    std::string key;
    bool dotted = false;
    bool upper = false;
    for (char c : raw) {
      if (c == '.' || c == '\'') {
        dotted |= c == '.';
        continue;
      }
      upper |= c >= 'A' && c <= 'Z';
      key.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c);
    }
    // Abbreviations need a capital or a dot ("BSc", "B.A."); in lower case they are words.
    const bool abbreviation_ok = dotted || upper;
    DegreeLevel level = DegreeLevel::kNone;
    if (OneOf(key, {"phd", "dphil", "doctorate", "doctoral"})) {
      level = DegreeLevel::kDoctorate;
    } else if (OneOf(key, {"master", "masters", "postgraduate"}) ||
               (abbreviation_ok && OneOf(key, {"msc", "ms", "ma", "meng", "mphil", "mres", "mba",
                                               "msn", "mfa", "llm", "mcs", "med"}))) {
      level = DegreeLevel::kMaster;
    } else if (OneOf(key, {"bachelor", "bachelors", "undergraduate"}) ||
               (abbreviation_ok && OneOf(key, {"bsc", "bs", "ba", "beng", "bcom", "bba", "bsn",
                                               "bfa", "llb", "bed", "btech", "bcs"}))) {
      level = DegreeLevel::kBachelor;
    } else if (key == "associate" && text.substr(end).starts_with(" degree")) {
      level = DegreeLevel::kAssociate;
    }
    best = std::max(best, level);
  }
  return best;
}

}  // namespace jobfit::internal

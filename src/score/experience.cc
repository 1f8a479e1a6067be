#include "score/experience.h"

#include <algorithm>
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

std::vector<Word> Words(std::string_view lower) {
  std::vector<Word> words;
  for (size_t i = 0; i < lower.size();) {
    if (!IsAlnum(lower[i])) {
      ++i;
      continue;
    }
    size_t end = i;
    while (end < lower.size() && IsAlnum(lower[end])) ++end;
    words.push_back({i, end, lower.substr(i, end - i)});
    i = end;
  }
  return words;
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
  std::string lower(sentence);
  for (char& c : lower) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  std::vector<YearsPhrase> phrases;
  // Most text names no years at all; splitting it into words to find that out was the
  // larger part of reading a resume's summary.
  if (lower.find("year") == std::string::npos && lower.find("yr") == std::string::npos) {
    return phrases;
  }
  const std::vector<Word> words = Words(lower);
  for (size_t i = 1; i < words.size(); ++i) {
    if (!OneOf(words[i].text, {"year", "years", "yr", "yrs"})) continue;
    // "two-year programme", "150-year-old": an adjective, not a duration.
    if (words[i].end < lower.size() && lower[words[i].end] == '-') continue;
    size_t first = i - 1;
    std::optional<int> value = ParseSmallNumber(words[first].text);
    if (!value) continue;
    // "3 to 5 years": "to" is a word of its own.
    if (first >= 2 && words[first - 1].text == "to") {
      std::optional<int> low = ParseSmallNumber(words[first - 2].text);
      if (low && *low <= *value) {
        value = low;
        first -= 2;
      }
    }
    // "3+ years": the plus sits between the number and "years" and changes nothing.
    if (first >= 1) {
      std::optional<int> low = ParseSmallNumber(words[first - 1].text);
      const std::string_view gap = std::string_view(lower).substr(
          words[first - 1].end, words[first].begin - words[first - 1].end);
      if (low && IsRangeGap(gap) && *low <= *value) {
        value = low;
        --first;
      }
    }
    if (first >= 1 &&
        OneOf(words[first - 1].text, {"founded", "within", "after", "for", "since", "in", "every",
                                      "first", "next", "last", "past", "established", "nearly"})) {
      continue;
    }
    if (i + 1 < words.size() &&
        OneOf(words[i + 1].text, {"ago", "old", "running", "history", "business"})) {
      continue;
    }
    const std::string_view rest = std::string_view(lower).substr(words[i].end);
    const bool experience = rest.find("experience") != std::string_view::npos;
    const bool linked = i + 1 < words.size() &&
                        OneOf(words[i + 1].text,
                              {"of", "in", "with", "using", "as", "working", "building", "shipping",
                               "leading", "doing", "hands", "professional", "commercial"});
    if (!experience && !linked) continue;
    const std::string_view before = std::string_view(lower).substr(0, words[first].begin);
    const bool side = before.find("including") != std::string_view::npos ||
                      before.find("incl.") != std::string_view::npos ||
                      before.find("of which") != std::string_view::npos ||
                      std::count(before.begin(), before.end(), '(') >
                          std::count(before.begin(), before.end(), ')');
    phrases.push_back(
        {static_cast<double>(*value), words[first].begin, words[i].end, side, experience});
  }
  return phrases;
}

DegreeLevel DegreeLevelOfTerm(std::string_view id) {
  if (id == "bachelors-degree") return DegreeLevel::kBachelor;
  if (id == "masters-degree" || id == "mba") return DegreeLevel::kMaster;
  if (id == "phd") return DegreeLevel::kDoctorate;
  if (id == "associate-degree") return DegreeLevel::kAssociate;
  return DegreeLevel::kNone;
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

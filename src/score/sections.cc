#include "score/sections.h"

#include <algorithm>
#include <cstdint>
#include <optional>
#include <utility>

namespace jobfit::internal {
namespace {

// The heading as compared: lower case, one space between words, no trailing colon,
// typographic apostrophes made ASCII.
std::string HeadingKey(std::string_view line) {
  std::string key = FoldForCues(line);
  for (size_t at = key.find("\xE2\x80\x99"); at != std::string::npos;
       at = key.find("\xE2\x80\x99")) {
    key.replace(at, 3, "'");
  }
  while (!key.empty() && (key.back() == ':' || key.back() == ' ')) key.pop_back();
  return key;
}

bool IsBlankByte(char c) { return c == ' ' || c == '\t'; }

// Words start where a blank byte (or the line's start) is followed by another byte. Asked
// of every short line of every resume; counted without state carried from byte to byte,
// so that the compiler turns the loop into vector code.
size_t WordCount(std::string_view s) {
  if (s.empty()) return 0;
  size_t words = IsBlankByte(s[0]) ? 0 : 1;
  for (size_t i = 1; i < s.size(); ++i) {
    words += static_cast<size_t>(IsBlankByte(s[i - 1]) && !IsBlankByte(s[i]));
  }
  return words;
}

// Heading candidates: short, on their own line, not a bullet, not a sentence.
bool LooksLikeHeading(std::string_view line) {
  line = Trim(line);
  if (line.empty() || line.size() > 60 || StartsWithBullet(line)) return false;
  const char last = line.back();
  if (last == '.' || last == ',' || last == ';') return false;
  return WordCount(line) <= 6;
}

template <typename Kind>
struct Phrase {
  std::string_view text;
  Kind kind;
};

// Order matters: the first phrase the heading contains wins, so the more specific phrases
// ("preferred qualifications", "about you") come before the general ones.
constexpr Phrase<AdSection> kAdPhrases[] = {
    {"equal opportunit", AdSection::kIgnored},
    {"nice to have", AdSection::kPreferred},
    {"nice-to-have", AdSection::kPreferred},
    {"good to have", AdSection::kPreferred},
    {"preferred", AdSection::kPreferred},
    {"desirable", AdSection::kPreferred},
    {"bonus", AdSection::kPreferred},
    {"plus", AdSection::kPreferred},
    {"extra credit", AdSection::kPreferred},
    {"about you", AdSection::kRequired},
    {"who you are", AdSection::kRequired},
    {"requirement", AdSection::kRequired},
    {"qualification", AdSection::kRequired},
    {"must have", AdSection::kRequired},
    {"must-have", AdSection::kRequired},
    {"what you bring", AdSection::kRequired},
    {"what you'll bring", AdSection::kRequired},
    {"looking for", AdSection::kRequired},
    {"what you need", AdSection::kRequired},
    {"you have", AdSection::kRequired},
    {"person specification", AdSection::kRequired},
    {"essential", AdSection::kRequired},
    {"skills", AdSection::kRequired},
    {"your profile", AdSection::kRequired},
    {"responsibilit", AdSection::kDuties},
    {"what you will do", AdSection::kDuties},
    {"what you'll do", AdSection::kDuties},
    {"what you'll be doing", AdSection::kDuties},
    {"duties", AdSection::kDuties},
    {"the role", AdSection::kDuties},
    {"your role", AdSection::kDuties},
    {"about the role", AdSection::kDuties},
    {"day to day", AdSection::kDuties},
    {"the job", AdSection::kDuties},
    {"about", AdSection::kIgnored},
    {"who we are", AdSection::kIgnored},
    {"benefit", AdSection::kIgnored},
    {"what we offer", AdSection::kIgnored},
    {"we offer", AdSection::kIgnored},
    {"perks", AdSection::kIgnored},
    {"compensation", AdSection::kIgnored},
    {"salary", AdSection::kIgnored},
    {"why join", AdSection::kIgnored},
    {"how to apply", AdSection::kIgnored},
    {"our values", AdSection::kIgnored},
    {"diversity", AdSection::kIgnored},
    {"life at", AdSection::kIgnored},
};

constexpr Phrase<ResumeSection> kResumePhrases[] = {
    {"summary", ResumeSection::kSummary},       {"profile", ResumeSection::kSummary},
    {"about me", ResumeSection::kSummary},      {"objective", ResumeSection::kSummary},
    {"certif", ResumeSection::kCertifications}, {"licen", ResumeSection::kCertifications},
    {"skill", ResumeSection::kSkills},          {"technologies", ResumeSection::kSkills},
    {"tech stack", ResumeSection::kSkills},     {"toolbox", ResumeSection::kSkills},
    {"competenc", ResumeSection::kSkills},      {"experience", ResumeSection::kExperience},
    {"employment", ResumeSection::kExperience}, {"work history", ResumeSection::kExperience},
    {"career", ResumeSection::kExperience},     {"project", ResumeSection::kProjects},
    {"open source", ResumeSection::kProjects},  {"education", ResumeSection::kEducation},
    {"academic", ResumeSection::kEducation},    {"qualification", ResumeSection::kEducation},
};

template <typename Kind, typename Classifier, typename Unknown>
std::vector<Section<Kind>> Split(std::string_view text, const std::vector<Range>& lines, Kind first,
                                 Classifier classify, Unknown unknown) {
  std::vector<Section<Kind>> sections;
  sections.push_back({first, {0, 0}, {0, text.size()}});
  for (const Range& line : lines) {
    const std::string_view content = text.substr(line.begin, line.end - line.begin);
    std::optional<Kind> kind = classify(content);
    if (!kind) kind = unknown(content);
    if (!kind) continue;
    sections.back().body.end = line.begin;
    sections.push_back({*kind, line, {line.end, text.size()}});
  }
  return sections;
}

// The pairs of adjacent bytes of a short text, hashed to 256 bits: a phrase can be in the
// text only if its first two pairs are. Most heading-shaped lines of a resume are names
// and job titles, and searching each of them for every phrase cost more than finding the
// resume's roles.
class BytePairs {
 public:
  explicit BytePairs(std::string_view text) {
    for (size_t i = 1; i < text.size(); ++i) Add(text[i - 1], text[i]);
  }
  bool MayContain(std::string_view phrase) const {
    return Has(phrase[0], phrase[1]) && (phrase.size() < 3 || Has(phrase[1], phrase[2]));
  }

 private:
  static unsigned Bit(char a, char b) {
    return (static_cast<unsigned char>(a) * 37u + static_cast<unsigned char>(b)) & 255u;
  }
  void Add(char a, char b) {
    const unsigned bit = Bit(a, b);
    bits_[bit >> 6] |= uint64_t{1} << (bit & 63);
  }
  bool Has(char a, char b) const {
    const unsigned bit = Bit(a, b);
    return (bits_[bit >> 6] >> (bit & 63) & 1) != 0;
  }
  uint64_t bits_[4] = {};
};

template <typename Kind, size_t N>
constexpr bool AllHaveAPair(const Phrase<Kind> (&phrases)[N]) {
  return std::all_of(std::begin(phrases), std::end(phrases),
                     [](const Phrase<Kind>& phrase) { return phrase.text.size() >= 2; });
}
static_assert(AllHaveAPair(kAdPhrases) && AllHaveAPair(kResumePhrases),
              "BytePairs needs a phrase's first pair");

// The kind of the first of `phrases` that the heading's key contains, if any.
template <typename Kind, size_t N>
std::optional<Kind> FirstPhraseIn(std::string_view line, const Phrase<Kind> (&phrases)[N]) {
  const std::string key = HeadingKey(line);
  const BytePairs pairs(key);
  for (const Phrase<Kind>& phrase : phrases) {
    if (pairs.MayContain(phrase.text) && key.find(phrase.text) != std::string::npos) {
      return phrase.kind;
    }
  }
  return std::nullopt;
}

// For a line that looks like a heading of at most four words: whether it is in capitals.
bool IsAllCaps(std::string_view line) {
  size_t letters = 0;
  for (char c : line) {
    if (c >= 'a' && c <= 'z') return false;
    if (c >= 'A' && c <= 'Z') ++letters;
  }
  return letters >= 4;
}

}  // namespace

std::string_view AdSectionName(AdSection section) {
  switch (section) {
    case AdSection::kPreamble:
      return "preamble";
    case AdSection::kRequired:
      return "requirements";
    case AdSection::kPreferred:
      return "preferred";
    case AdSection::kDuties:
      return "duties";
    case AdSection::kIgnored:
      return "ignored";
  }
  return "?";
}

std::optional<AdSection> ClassifyAdHeading(std::string_view line) {
  // Prefix matching only for word stems ("responsibilit", "qualification").
  if (!LooksLikeHeading(line)) return std::nullopt;
  return FirstPhraseIn(line, kAdPhrases);
}

std::optional<ResumeSection> ClassifyResumeHeading(std::string_view line) {
  if (!LooksLikeHeading(line) || WordCount(line) > 4) return std::nullopt;
  return FirstPhraseIn(line, kResumePhrases);
}

std::vector<Section<AdSection>> FindAdSections(std::string_view text) {
  // An unknown heading ends with a colon ("Tech stack:"); its lines are treated as duties:
  // named in the ad's description of the job, but not marked as requirements.
  return Split(
      text, SplitLines(text), AdSection::kPreamble, ClassifyAdHeading,
      [](std::string_view line) -> std::optional<AdSection> {
        line = Trim(line);
        if (LooksLikeHeading(line) && WordCount(line) <= 4 && !line.empty() && line.back() == ':') {
          return AdSection::kDuties;
        }
        return std::nullopt;
      });
}

std::vector<Section<ResumeSection>> FindResumeSections(std::string_view text,
                                                       const std::vector<Range>& lines) {
  // An unknown heading in capitals ("INTERESTS", "AWARDS") starts an "other" section;
  // the resume's name and title lines are mixed case, so they stay in the header.
  // The heading shape is tested once per line for both kinds of heading.
  return Split(
      text, lines, ResumeSection::kHeader,
      [](std::string_view line) -> std::optional<ResumeSection> {
        if (!LooksLikeHeading(line) || WordCount(line) > 4) return std::nullopt;
        if (const std::optional<ResumeSection> kind = FirstPhraseIn(line, kResumePhrases))
          return kind;
        if (IsAllCaps(line)) return ResumeSection::kOther;
        return std::nullopt;
      },
      [](std::string_view) -> std::optional<ResumeSection> { return std::nullopt; });
}

}  // namespace jobfit::internal

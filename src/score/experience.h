// Years of experience and degrees as written in ads and resumes: "3+ years of Python",
// "5-7 years", "at least two years", "minimum of 3 yrs"; "Bachelor's", "M.Sc.", "PhD".
// Only the wording is read here; tying a phrase to a term is the caller's business.
#ifndef JOBFIT_SCORE_EXPERIENCE_H_
#define JOBFIT_SCORE_EXPERIENCE_H_

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "jobfit/score.h"

namespace jobfit::internal {

struct YearsPhrase {
  double years = 0;         // the lower bound of "5-7 years"
  uint64_t begin = 0;       // byte offset of the number in the text given
  uint64_t end = 0;         // byte offset after "years"
  bool side = false;        // inside a side clause ("including at least two years ...")
  bool experience = false;  // "experience" follows in the same sentence
};

// Returns the years-of-experience phrases of one sentence. Durations that are not
// requirements are left out: a company's age ("founded 12 years ago", "a 150-year-old
// insurer"), adjectives ("a two-year programme"), periods ("within three years",
// "after four years").
std::vector<YearsPhrase> FindYearsPhrases(std::string_view sentence);

// Returns the level a lexicon term names ("bachelors-degree" -> kBachelor), or kNone.
DegreeLevel DegreeLevelOfTerm(std::string_view id);

// The degree terms of one lexicon by index, looked up once: reading every matched term's
// id to compare it missed the cache on most terms of a resume.
class DegreeTerms {
 public:
  explicit DegreeTerms(const Lexicon& lexicon);
  // DegreeLevelOfTerm of the term at `term`.
  DegreeLevel LevelOf(uint32_t term) const {
    for (size_t i = 0; i < count_; ++i) {
      if (terms_[i].term == term) return terms_[i].level;
    }
    return DegreeLevel::kNone;
  }

 private:
  struct Entry {
    uint32_t term = 0;
    DegreeLevel level = DegreeLevel::kNone;
  };
  static constexpr size_t kMaxTerms = 5;
  Entry terms_[kMaxTerms];
  size_t count_ = 0;
};

// Returns the highest degree written in text, abbreviations included ("B.Eng.", "MSc",
// "Ph.D."). Meant for a resume's education section, where "BA" is not a word.
DegreeLevel HighestDegreeInText(std::string_view text);

}  // namespace jobfit::internal

#endif  // JOBFIT_SCORE_EXPERIENCE_H_

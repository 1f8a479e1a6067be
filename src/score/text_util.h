// Small text helpers of the score module: lines, sentences, clauses and words of the
// documents as given (before normalization), ASCII case folding. Hand-written rather than
// regular expressions: RE2 lives only in src/match, and these scans are simple.
#ifndef JOBFIT_SCORE_TEXT_UTIL_H_
#define JOBFIT_SCORE_TEXT_UTIL_H_

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace jobfit::internal {

struct Range {
  uint64_t begin = 0;
  uint64_t end = 0;
  bool Contains(uint64_t pos) const { return pos >= begin && pos < end; }
};

// Returns each line's byte range without its "\n" or "\r\n".
std::vector<Range> SplitLines(std::string_view text);

// Returns the text without leading and trailing spaces, tabs and "\r".
std::string_view Trim(std::string_view s);

// Returns s with its ASCII letters lower-cased, every other byte as it was.
std::string LowerAscii(std::string_view s);

// Returns s with ASCII letters lower-cased and every run of white space (including line
// breaks) made one space, trimmed: the form cue words are looked for in.
std::string FoldForCues(std::string_view s);

// Returns s on one line: white-space runs collapsed to one space, trimmed, and a leading
// list bullet removed. Used for the ad sentences shown in reports.
std::string OneLine(std::string_view s);

// True when the line starts (after indentation) with a list bullet: "-", "*", "•", "·",
// "β’" (a bullet damaged by the wrong code page) or "1." / "1)".
bool StartsWithBullet(std::string_view line);

// Returns the sentences of text: a sentence ends at ". ", "? " or "! ", a blank line, or
// before a line that starts with a bullet or is one of `breaks` (headings). Wrapped lines
// of one bullet belong to one sentence.
std::vector<Range> SplitSentences(std::string_view text, const std::vector<Range>& breaks);

// Returns the clauses of a sentence range: split at ";", "(", ")", ":" and dashes
// between spaces (" - ", " – ", " — "), which is where a cue such as "is a plus" or
// "not required" stops applying.
std::vector<Range> SplitClauses(std::string_view text, Range sentence);

// Returns the index of the range containing pos, or nullopt. Ranges must be sorted.
std::optional<size_t> FindRange(const std::vector<Range>& ranges, uint64_t pos);

// True when `haystack` contains `word` as whole words (ASCII letters and digits bound it).
bool ContainsWords(std::string_view haystack, std::string_view word);

// Returns the value of a number written as digits ("3") or as an English word ("three",
// "twelve"); nullopt otherwise.
std::optional<int> ParseSmallNumber(std::string_view word);

// Keeps only ASCII letters and digits, lower-cased: "Kuber-\nnetes" and "Kubernetes", "CI/CD"
// and "CI CD" compare equal, as a literal ATS keyword search would see them.
std::string AlnumKey(std::string_view s);

// Joins the parts into one string, allocated once: a chain of operator+ makes a
// temporary per step, and a result's messages are built for every resume scored.
std::string Concat(std::initializer_list<std::string_view> parts);

}  // namespace jobfit::internal

#endif  // JOBFIT_SCORE_TEXT_UTIL_H_

// Judging a read: is the text what the author wrote, or did the read fail in substance
// (a scanned page, a font without a Unicode mapping, columns read across)? A failed read
// must not be scored as a weak resume, so every document carries this verdict.
#ifndef JOBFIT_READ_QUALITY_H_
#define JOBFIT_READ_QUALITY_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "jobfit/document.h"

namespace jobfit::read {

// Adds an issue and lowers quality->confidence to its severity if that is worse.
void AddIssue(ReadQuality* quality, ReadIssueKind kind, ReadConfidence severity,
              std::string message);

// Inspects the decoded text of any format for what makes a read unusable: no text,
// unmapped glyphs (private-use characters, U+FFFD, control characters), mostly
// non-letters, or letter runs that are not words. Sets quality->score from the share of
// readable characters, scaled by `coverage` (the share of pages that had text).
void AssessText(std::string_view text, double coverage, ReadQuality* quality);

// What AssessText counts in a text: characters that are not blank, of those the ones
// without a mapping and the letters, and runs of five or more ASCII letters ("words") and
// those among them without a vowel.
struct TextCounts {
  uint64_t visible = 0;
  uint64_t unmapped = 0;
  uint64_t letters = 0;
  uint64_t words = 0;
  uint64_t vowelless_words = 0;
  bool operator==(const TextCounts&) const = default;
};

// kBlocks takes 64 ASCII bytes at a time; kBytes is the byte loop alone, kept so tests
// can hold the two to the same counts.
enum class CountPath { kBlocks, kBytes };
TextCounts CountText(std::string_view text, CountPath path = CountPath::kBlocks);

}  // namespace jobfit::read

#endif  // JOBFIT_READ_QUALITY_H_

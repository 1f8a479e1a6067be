// The normalizer: turns raw document bytes into the text the tokenizer reads, and maps
// every position back to the raw bytes so reported spans point into the input as given.
//
// What it changes, and why (docs/TEXT.md has the full table):
// - invalid UTF-8 becomes U+FFFD, so nothing downstream sees broken sequences;
// - text that was UTF-8 decoded as Windows-1252 ("â€™") is decoded back, and the
//   lossy Greek-code-page damage of ../shared/guides/001_* (a lone "β" where an
//   apostrophe or dash was, "π" where an emoji was) is repaired;
// - white-space look-alikes (NBSP, thin spaces) become a space; soft hyphens and
//   zero-width characters disappear; typographic quotes, dashes and line separators
//   become their ASCII forms;
// - other non-ASCII runs go through ICU's NFKC, which unfolds PDF ligatures ("ﬁ") and
//   full-width letters;
// - a word hyphenated across a line break ("Kuber-\nnetes") is joined.
// Letter case is kept: case-sensitive aliases (R, Go, AWS) need it. ASCII text passes
// through without touching ICU.
#ifndef JOBFIT_TEXT_NORMALIZER_H_
#define JOBFIT_TEXT_NORMALIZER_H_

#include <algorithm>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace jobfit::text {

struct NormalizeOptions {
  // Repairing mojibake costs a table look-up per non-ASCII character and could, in
  // principle, alter genuine text that looks like it; off leaves such text as it is.
  bool repair_mojibake = true;
  // Joining "word-\nword" is right for PDF line wrapping but wrong for a list that breaks
  // after a dash; on by default because wrapped resumes are far more common.
  bool join_hyphenated_lines = true;
  // Runs of non-ASCII characters that need no change are copied with the text around
  // them instead of going through the per-character path; off only so that tests can
  // hold the two to the same output.
  bool copy_plain_runs = true;
};

// The normalized text plus the edit list that maps it back to the input. Reused across
// documents to avoid allocation: Normalize() clears and refills it.
class NormalizedText {
 public:
  // Valid until the next Normalize() into this object; when identity(), it views the
  // input itself, which must outlive it.
  std::string_view text() const { return view_; }

  // Maps a begin offset in text() to the input: the start of the input bytes that
  // produced the byte at `offset`. Precondition: offset <= text().size().
  uint64_t ToInputBegin(uint64_t offset) const;
  // Maps an end offset (exclusive) in text() to the input: the end of the input bytes
  // that produced the byte before `offset`.
  uint64_t ToInputEnd(uint64_t offset) const;
  // The same, for offsets that mostly grow from one call to the next (a scan's matches in
  // text order): *hint remembers where the last lookup ended in the edit list, so each
  // call costs a step or two instead of a binary search. Start *hint at 0.
  // Inline: a scan maps every match it finds, and the call was half of the cost.
  uint64_t ToInputBegin(uint64_t offset, size_t* hint) const {
    return InputBeginAt(offset, EditAfter(offset, hint));
  }
  uint64_t ToInputEnd(uint64_t offset, size_t* hint) const {
    if (offset == 0) return ToInputBegin(0, hint);
    return InputEndAt(offset, EditAfter(offset - 1, hint));
  }

  // True when text() equals the input byte for byte.
  bool identity() const { return edits_.empty(); }
  // True when the input held bytes that are not UTF-8 (each became U+FFFD). Every
  // non-ASCII byte is decoded here anyway, so a caller need not check the input first.
  bool had_invalid_utf8() const { return invalid_utf8_; }

 private:
  friend class NormalizerBuilder;
  friend void Normalize(std::string_view, const NormalizeOptions&, NormalizedText*);
  // An edit replaced input [input_begin, input_begin + input_len) by text()
  // [text_begin, text_begin + text_len). Between edits the text copies the input.
  // Returns the index of the first edit with text_begin > offset: *hint when it still is
  // (the next match lies before the next edit), else EditAfterFrom's search.
  size_t EditAfter(uint64_t offset, size_t* hint) const {
    const size_t after = std::min(*hint, edits_.size());  // a hint from another text
    if ((after == edits_.size() || edits_[after].text_begin > offset) &&
        (after == 0 || edits_[after - 1].text_begin <= offset)) {
      return after;
    }
    return EditAfterFrom(offset, hint);
  }
  size_t EditAfterFrom(uint64_t offset, size_t* hint) const;
  uint64_t InputBeginAt(uint64_t offset, size_t after) const {
    if (after == 0) return offset;
    const Edit& e = edits_[after - 1];
    if (offset < e.text_begin + e.text_len) return e.input_begin;
    return e.input_begin + e.input_len + (offset - e.text_begin - e.text_len);
  }
  uint64_t InputEndAt(uint64_t offset, size_t after) const {
    const uint64_t last = offset - 1;
    if (after == 0) return offset;
    const Edit& e = edits_[after - 1];
    if (last < e.text_begin + e.text_len) return e.input_begin + e.input_len;
    return e.input_begin + e.input_len + (last - e.text_begin - e.text_len) + 1;
  }

  struct Edit {
    uint64_t text_begin;
    uint64_t text_len;
    uint64_t input_begin;
    uint64_t input_len;
  };
  std::string text_;
  std::string_view view_;
  std::vector<Edit> edits_;
  uint64_t input_size_ = 0;
  bool invalid_utf8_ = false;
};

// Normalizes `input` (any bytes) into *out.
void Normalize(std::string_view input, const NormalizeOptions& options, NormalizedText* out);

}  // namespace jobfit::text

#endif  // JOBFIT_TEXT_NORMALIZER_H_

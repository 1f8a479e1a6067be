// Finding a resume's terms by term index. Scoring asks for every requirement, each of its
// alternatives and the degree's fields: a binary search over the resume's terms for each
// mispredicted at most of its steps.
#ifndef JOBFIT_SCORE_TERM_INDEX_H_
#define JOBFIT_SCORE_TERM_INDEX_H_

#include <cstddef>
#include <cstdint>
#include <vector>

#include "jobfit/score.h"

namespace jobfit::internal {

// The places of `terms` (ResumeAnalysis::terms, one per term index) by term index, in a
// table at most half full. `terms` must outlive the index and stay as it is.
class ResumeTermIndex {
 public:
  explicit ResumeTermIndex(const std::vector<ResumeTerm>& terms) : terms_(terms) {
    size_t size = 16;
    unsigned bits = 4;
    while (size < terms.size() * 2) {
      size *= 2;
      ++bits;
    }
    slots_.assign(size, kEmpty);
    mask_ = size - 1;
    shift_ = 32 - bits;
    for (uint32_t at = 0; at < terms.size(); ++at) {
      size_t slot = SlotOf(terms[at].term);
      while (slots_[slot] != kEmpty) slot = (slot + 1) & mask_;
      slots_[slot] = at;
    }
  }

  // Returns the resume's entry for `term`, or null when the resume has none.
  const ResumeTerm* Find(uint32_t term) const {
    for (size_t slot = SlotOf(term);; slot = (slot + 1) & mask_) {
      const uint32_t at = slots_[slot];
      if (at == kEmpty) return nullptr;
      if (terms_[at].term == term) return &terms_[at];
    }
  }

 private:
  static constexpr uint32_t kEmpty = UINT32_MAX;
  size_t SlotOf(uint32_t term) const {
    return static_cast<size_t>((term * 0x9E3779B9u) >> shift_) & mask_;
  }

  const std::vector<ResumeTerm>& terms_;
  std::vector<uint32_t> slots_;
  size_t mask_ = 0;
  unsigned shift_ = 0;
};

}  // namespace jobfit::internal

#endif  // JOBFIT_SCORE_TERM_INDEX_H_

// FNV-1a, 64 bits: the hash of a lexicon's content and of the JSON pointers the loader
// looks positions up by.
#ifndef JOBFIT_BASE_FNV1A_H_
#define JOBFIT_BASE_FNV1A_H_

#include <cstdint>
#include <string_view>

namespace jobfit::internal {

// FNV-1a's offset basis (the hash of no bytes) and prime.
inline constexpr uint64_t kFnv1aOffset = 0xcbf29ce484222325ULL;
inline constexpr uint64_t kFnv1aPrime = 0x100000001b3ULL;

// FNV-1a's step: `state` continued by one byte. Inline, as is the whole hash below: their
// callers feed them a byte or a short token at a time, and a call for each was a third of
// hashing a lexicon's content.
inline uint64_t Fnv1a64Byte(char c, uint64_t state) {
  return (state ^ static_cast<unsigned char>(c)) * kFnv1aPrime;
}

// Returns the FNV-1a 64 hash of `data`, continuing from `state`.
inline uint64_t Fnv1a64(std::string_view data, uint64_t state = kFnv1aOffset) {
  for (const char c : data) state = Fnv1a64Byte(c, state);
  return state;
}

}  // namespace jobfit::internal

#endif  // JOBFIT_BASE_FNV1A_H_

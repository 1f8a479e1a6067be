// The vocabulary: the set of folded token keys a lexicon is made of, each with a small
// integer id. The tokenizer probes it for every word of a document, so it is built for
// the miss: most words of prose are in no alias, and a bit filter in front of the table
// rejects nearly all of them with one cache-resident load.
#ifndef JOBFIT_TEXT_VOCABULARY_H_
#define JOBFIT_TEXT_VOCABULARY_H_

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/fnv1a.h"

namespace jobfit::text {

// Immutable once built; safe for concurrent reads.
class Vocabulary {
 public:
  static constexpr uint32_t kUnknown = 0;

  // A bit filter's words and size as values: a loop over words that holds them in locals
  // does not load them again after each store it makes. A hash's bit is the hash's top
  // bits, the ones every byte of a key moves (HashHead multiplies): keys that differ in
  // their last bytes alone ("word1001", "word1002") shared the bits a filter took from
  // lower down.
  struct Filter {
    const uint64_t* words;
    unsigned shift;  // 64 - log2 of the filter's bits
    static uint64_t BitOf(uint64_t hash, unsigned shift) { return hash >> shift; }
    // 1 when a key with `hash` may be present, else 0 (to be added to a count).
    unsigned MayHold(uint64_t hash) const {
      const uint64_t bit = BitOf(hash, shift);
      return static_cast<unsigned>(words[bit >> 6] >> (bit & 63)) & 1;
    }
    bool SurelyAbsent(uint64_t head_hash) const { return MayHold(head_hash) == 0; }
  };
  Filter filter() const { return {filter_.data(), filter_shift_}; }

  // Which of its known words a text's scan keeps: a word that is an alias of one token or
  // a context word wherever it stands, and otherwise only next to a word it stands next
  // to in some alias. With 30,000 entries three known words in four are neither ("data"
  // starts many aliases, but not before "and"), and looking each of them up cost more
  // than everything else the scan does per word. Both questions go to bit filters over
  // HashHead, so a word is decided before it is looked up; a word one of them lets
  // through by mistake is only looked up in vain.
  // The answers are 0 or 1, to be added to counts.
  struct Screen {
    Filter alone;
    Filter pairs;  // null words without a screen
    unsigned MayStandAlone(uint64_t head_hash) const { return alone.MayHold(head_hash); }
    // Two bits of one word: a pair the filter lets through by mistake costs look-ups,
    // and a second bit from the same load makes such a pair a few times rarer.
    unsigned MayPair(uint64_t first_head_hash, uint64_t second_head_hash) const {
      const uint64_t hash = PairHash(first_head_hash, second_head_hash);
      const uint64_t bit = Filter::BitOf(hash, pairs.shift);
      const uint64_t word = pairs.words[bit >> 6];
      return static_cast<unsigned>((word >> (bit & 63)) & (word >> SecondPairBit(hash))) & 1;
    }
  };
  // Asking the screen's second filter costs every word of a text a few instructions, and
  // pays where many of them are known words neither alone nor in a pair. A vocabulary of
  // a few hundred keys holds too few of prose's common words: BuildScreen makes no screen
  // for a vocabulary smaller than this (bench/RESULTS.md has the measurements).
  static constexpr size_t kMinKeysToScreen = 2048;
  // Without a screen (before BuildScreen, or for a vocabulary too small for one) every
  // known word is kept: the alone filter is the vocabulary's own, and `pairs` is null.
  Screen screen() const {
    if (pair_filter_.empty()) return {filter(), {nullptr, 0}};
    return {{alone_filter_.data(), alone_shift_}, {pair_filter_.data(), pair_shift_}};
  }
  // Keep the word with key `id` wherever it stands.
  void KeepAlone(uint32_t id);
  // Keep the words with keys `first` and `second` where the second follows the first.
  void KeepPair(uint32_t first, uint32_t second);
  // Makes the screen from the Keep calls so far, once, after the last of them and after
  // the last key is interned: a key interned later is never kept.
  void BuildScreen();
  // The pair's second bit in the word its first picks (Screen::MayPair): bits of the hash
  // that the first leaves alone.
  static unsigned SecondPairBit(uint64_t pair_hash) {
    return static_cast<unsigned>(pair_hash >> 20) & 63;
  }
  static uint64_t PairHash(uint64_t first_head_hash, uint64_t second_head_hash) {
    return (first_head_hash * kHashMultiplier) ^ second_head_hash;
  }

  Vocabulary();

  // Adds a folded key (FoldCase output) and returns its id, the existing one when the
  // key is already present. Ids count from 1 in order of first insertion.
  uint32_t Intern(std::string_view key);

  // Returns the id of a folded key, or kUnknown. `hash` is HashKey(key).
  uint32_t Find(uint64_t hash, std::string_view key) const;

  // Returns the id of the ASCII word `raw` as its lower-case key would have, or kUnknown;
  // `head` is that key's HeadOf, `tail` its TailOf and `head_hash` HashHead of the two.
  // Saves the tokenizer a copy of every word, and the comparison of a key of up to
  // sixteen bytes to two of eight bytes each. The filter needs only the head's hash: the
  // rest of the key's hash is computed for the few words it lets through.
  uint32_t FindLowered(uint64_t head_hash, std::string_view raw, uint64_t head,
                       uint64_t tail) const {
    return SurelyAbsent(head_hash) ? kUnknown : FindLoweredInTable(head_hash, raw, head, tail);
  }

  // FindLowered for a word of at most sixteen bytes.
  uint32_t FindLoweredShort(uint64_t head_hash, size_t length, uint64_t head, uint64_t tail) const {
    return SurelyAbsent(head_hash) ? kUnknown
                                   : FindLoweredShortPastFilter(head_hash, length, head, tail);
  }
  // FindLoweredShort for a word the filter let through: the tokenizer asks the filter
  // (filter()) for every word and this for the few words it lets through, later.
  uint32_t FindLoweredShortPastFilter(uint64_t head_hash, size_t length, uint64_t head,
                                      uint64_t tail) const {
    const uint64_t hash = length > 8 ? HashNext(head_hash, tail) : head_hash;
    return Probe(hash, [&](const KeyInfo& stored) { return SameHead(stored, length, head, tail); });
  }

  // HashKey (tokenizer.h) in its steps. The hash of a key's length and first eight bytes
  // (HeadOf, zeros past the end), which is all of HashKey for a key of up to eight
  // bytes; and the hash so far mixed with the key's next eight bytes.
  static uint64_t HashHead(size_t length, uint64_t head) {
    return HashNext(::jobfit::internal::kFnv1aOffset ^ (length * ::jobfit::internal::kFnv1aPrime),
                    head);
  }
  static uint64_t HashNext(uint64_t hash, uint64_t chunk) {
    hash = (hash ^ chunk) * kHashMultiplier;
    return hash ^ (hash >> 29);
  }

  // The first eight bytes of a key, zeros past its end, as a little-endian load gives them.
  static uint64_t HeadOf(std::string_view key);
  // The key's bytes 8 to 15 the same way (zero for a key of up to eight bytes).
  static uint64_t TailOf(std::string_view key);

  // True when no key whose HashHead is `head_hash` can be present (a quick test before
  // the table). Keys of nine bytes or more that share a length and first eight bytes
  // ("developer", "developed") share a filter bit, but not a place in the table: a
  // lexicon of such keys ("product10001", "product10002"...) must not pile up in one
  // run of slots.
  bool SurelyAbsent(uint64_t head_hash) const { return filter().SurelyAbsent(head_hash); }

  // Keys interned from now on are context only. The tokenizer keeps a glued token
  // ("KubeRay") whole only when it is a whole word, one of the keys interned before:
  // otherwise it splits it as it would an unknown one, so that a context word never hides
  // the alias inside ("Ray"). Without this call every key is a whole word.
  void EndWholeWords() { whole_words_ = static_cast<uint32_t>(size_); }
  bool IsWholeWord(uint32_t id) const { return id <= whole_words_; }

  // True when some key holds a code point from U+0100 up (past ASCII and Latin-1).
  bool HasKeysPastLatin1() const { return keys_past_latin1_; }

  size_t size() const { return size_; }
  size_t MemoryBytes() const;

 private:
  // Eight bytes, so that the table of a 30,000-entry lexicon stays in the L2 cache; the
  // key itself is only read to confirm a probable hit.
  struct Slot {
    uint32_t tag = 0;  // the hash's upper half
    uint32_t id = kUnknown;
  };

  // The golden ratio's multiplier: it mixes a key's chunks into its hash, and spreads the
  // hash over the table's slots.
  static constexpr uint64_t kHashMultiplier = 0x9E3779B97F4A7C15ULL;
  static size_t SlotFor(uint64_t hash, size_t capacity) {
    return static_cast<size_t>((hash * kHashMultiplier) >> 20) & (capacity - 1);
  }

  uint32_t FindLoweredInTable(uint64_t head_hash, std::string_view raw, uint64_t head,
                              uint64_t tail) const;
  // Returns the id of the key with `hash` that same_key(KeyInfo) accepts, or kUnknown.
  template <typename SameKey>
  uint32_t Probe(uint64_t hash, SameKey same_key) const {
    const size_t mask = slots_.size() - 1;
    const auto tag = static_cast<uint32_t>(hash >> 32);
    for (size_t slot = SlotFor(hash, slots_.size());; slot = (slot + 1) & mask) {
      const Slot& s = slots_[slot];
      if (s.id == kUnknown) return kUnknown;
      if (s.tag == tag && same_key(keys_[s.id])) return s.id;
    }
  }

  void Place(uint32_t id);
  void Rebuild(size_t slot_count, size_t filter_bits);

  std::vector<Slot> slots_;
  // The keys one after another, then kPoolSlack zero bytes, so that bytes 8 to 15 of any
  // key are one load.
  static constexpr size_t kPoolSlack = 8;
  std::string key_pool_;
  // What confirms a probable hit, together in one cache line fetch: at 30,000 entries
  // the keys' heads, offsets and lengths in separate arrays cost a miss each.
  struct KeyInfo {
    uint64_t head = 0;  // HeadOf(key)
    uint32_t offset = 0;
    uint32_t length = 0;
  };
  // True when the stored key has `length` and the lowered word's first sixteen bytes,
  // `head` and `tail` (its bytes past sixteen are left to the caller).
  bool SameHead(const KeyInfo& stored, size_t length, uint64_t head, uint64_t tail) const;
  std::vector<KeyInfo> keys_;     // by id; the key is key_pool_[offset, offset + length)
  std::vector<uint64_t> hashes_;  // by id, to rebuild the table
  size_t size_ = 0;
  uint32_t whole_words_ = UINT32_MAX;
  bool keys_past_latin1_ = false;
  // One bit per hash, sized at 32 bits per key or more: a word that is in no alias is
  // turned away here about 97% of the time without touching the slots.
  std::vector<uint64_t> filter_;
  unsigned filter_shift_ = 64;
  // What KeepAlone and KeepPair asked for, until BuildScreen makes the screen's filters.
  std::vector<uint32_t> kept_alone_;
  std::vector<std::pair<uint32_t, uint32_t>> kept_pairs_;
  std::vector<uint64_t> alone_filter_;
  unsigned alone_shift_ = 64;
  std::vector<uint64_t> pair_filter_;
  unsigned pair_shift_ = 64;
};

inline bool Vocabulary::SameHead(const KeyInfo& stored, size_t length, uint64_t head,
                                 uint64_t tail) const {
  if (stored.head != head || stored.length != length) return false;
  if (length <= 8) return true;
  uint64_t stored_tail;
  std::memcpy(&stored_tail, key_pool_.data() + stored.offset + 8, 8);
  // Bytes past the key are the pool's next key or its zero slack; `tail` is zero there.
  const size_t tail_bytes = length < 16 ? length - 8 : 8;
  return ((stored_tail ^ tail) & (~uint64_t{0} >> (64 - 8 * tail_bytes))) == 0;
}

}  // namespace jobfit::text

#endif  // JOBFIT_TEXT_VOCABULARY_H_

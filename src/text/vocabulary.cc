#include "text/vocabulary.h"

#include <algorithm>
#include <bit>
#include <cstring>

#include "text/tokenizer.h"
#include "text/utf8.h"

namespace jobfit::text {
namespace {

constexpr size_t kMinSlots = 1024;
constexpr size_t kFilterBitsPerKey = 32;

// Filter::BitOf's shift for a filter of `bits` bits, a power of two from 64 up.
unsigned ShiftFor(size_t bits) { return 64 - static_cast<unsigned>(std::countr_zero(bits)); }

}  // namespace

Vocabulary::Vocabulary() : key_pool_(kPoolSlack, '\0'), keys_(1), hashes_{0} {
  Rebuild(kMinSlots, kMinSlots / 2 * kFilterBitsPerKey);
}

uint64_t Vocabulary::HeadOf(std::string_view key) {
  uint64_t head = 0;
  std::memcpy(&head, key.data(), std::min<size_t>(key.size(), 8));
  return head;
}

uint64_t Vocabulary::TailOf(std::string_view key) {
  return key.size() > 8 ? HeadOf(key.substr(8)) : 0;
}

// No filter: the words looked up here (non-ASCII ones, a pattern's few tokens, a lexicon's
// keys while it is compiled) are few, and the table answers them from the cache.
uint32_t Vocabulary::Find(uint64_t hash, std::string_view key) const {
  return Probe(hash, [&](const KeyInfo& stored) {
    return stored.length == key.size() &&
           std::string_view(key_pool_).substr(stored.offset, stored.length) == key;
  });
}

uint32_t Vocabulary::FindLoweredInTable(uint64_t head_hash, std::string_view raw, uint64_t head,
                                        uint64_t tail) const {
  // The rest of HashKey of the lower-case key: words past sixteen bytes are rare.
  uint64_t hash = head_hash;
  if (raw.size() > 8) hash = HashNext(hash, tail);
  for (size_t i = 16; i < raw.size(); i += 8) {
    uint64_t chunk = 0;
    for (size_t k = 0; k < 8 && i + k < raw.size(); ++k) {
      chunk |= uint64_t{static_cast<unsigned char>(LowerAscii(raw[i + k]))} << (8 * k);
    }
    hash = HashNext(hash, chunk);
  }
  return Probe(hash, [&](const KeyInfo& stored) {
    if (!SameHead(stored, raw.size(), head, tail)) return false;
    bool same = true;
    for (size_t i = 16; i < raw.size(); ++i) {
      same &= LowerAscii(raw[i]) == key_pool_[stored.offset + i];
    }
    return same;
  });
}

uint32_t Vocabulary::Intern(std::string_view key) {
  const uint64_t hash = HashKey(key);
  if (const uint32_t id = Find(hash, key); id != kUnknown) return id;
  // Slots up to three in four full (probes mostly stay in one cache line, and at 30,000
  // entries the table is half a megabyte, not one); the filter at 32 bits per key or more.
  size_t slot_count = slots_.size();
  size_t filter_bits = filter_.size() * 64;
  if ((size_ + 1) * 4 > slot_count * 3) slot_count *= 2;
  if ((size_ + 1) * kFilterBitsPerKey > filter_bits) filter_bits *= 2;
  if (slot_count != slots_.size() || filter_bits != filter_.size() * 64) {
    Rebuild(slot_count, filter_bits);
  }
  const auto id = static_cast<uint32_t>(++size_);
  const auto offset = static_cast<uint32_t>(key_pool_.size() - kPoolSlack);
  key_pool_.resize(offset);
  key_pool_.append(key);
  key_pool_.append(kPoolSlack, '\0');
  keys_.push_back({HeadOf(key), offset, static_cast<uint32_t>(key.size())});
  // A UTF-8 lead byte from 0xC4 up starts a code point from U+0100 up.
  for (const char c : key) keys_past_latin1_ |= static_cast<unsigned char>(c) >= 0xC4;
  hashes_.push_back(hash);
  Place(id);
  return id;
}

// Puts id into the table and the filter.
void Vocabulary::Place(uint32_t id) {
  const uint64_t hash = hashes_[id];
  const size_t mask = slots_.size() - 1;
  size_t slot = SlotFor(hash, slots_.size());
  while (slots_[slot].id != kUnknown) slot = (slot + 1) & mask;
  slots_[slot] = {static_cast<uint32_t>(hash >> 32), id};
  const uint64_t bit = Filter::BitOf(HashHead(keys_[id].length, keys_[id].head), filter_shift_);
  filter_[bit >> 6] |= uint64_t{1} << (bit & 63);
}

// Sizes the slots and the filter, placing every key again.
void Vocabulary::Rebuild(size_t slot_count, size_t filter_bits) {
  slots_.assign(slot_count, Slot{});
  filter_.assign(filter_bits / 64, 0);
  filter_shift_ = ShiftFor(filter_bits);
  for (uint32_t id = 1; id <= size_; ++id) Place(id);
}

void Vocabulary::KeepAlone(uint32_t id) { kept_alone_.push_back(id); }

void Vocabulary::KeepPair(uint32_t first, uint32_t second) {
  kept_pairs_.emplace_back(first, second);
}

void Vocabulary::BuildScreen() {
  // Swapped away rather than assigned {}, which keeps the capacity.
  const auto release = [&] {
    std::vector<uint32_t>().swap(kept_alone_);
    std::vector<std::pair<uint32_t, uint32_t>>().swap(kept_pairs_);
  };
  if (size_ < kMinKeysToScreen) {
    release();
    return;
  }
  // An alias and its plural share their first words, and many aliases share a word or a
  // pair: each is counted once when the filters are sized.
  std::sort(kept_alone_.begin(), kept_alone_.end());
  kept_alone_.erase(std::unique(kept_alone_.begin(), kept_alone_.end()), kept_alone_.end());
  std::sort(kept_pairs_.begin(), kept_pairs_.end());
  kept_pairs_.erase(std::unique(kept_pairs_.begin(), kept_pairs_.end()), kept_pairs_.end());
  const auto head_hash = [&](uint32_t id) { return HashHead(keys_[id].length, keys_[id].head); };
  // 32 bits per word kept alone, as the vocabulary's own filter has per key, and 16 per
  // pair with two of them set in one word (Screen::MayPair): the pair filter is asked
  // about every word, and at 30,000 entries (52,571 pairs) one bit per pair in a filter of
  // 256 KB scanned as fast as in this one of 128 KB, and in one of 512 KB 1.1% slower;
  // the second bit cut the look-ups of the 10 MB bench corpus from 319 to 250 thousand,
  // and the scan's time by 3%.
  size_t alone_bits = 1024;
  while (alone_bits < kept_alone_.size() * 32) alone_bits *= 2;
  alone_filter_.assign(alone_bits / 64, 0);
  alone_shift_ = ShiftFor(alone_bits);
  for (const uint32_t id : kept_alone_) {
    const uint64_t bit = Filter::BitOf(head_hash(id), alone_shift_);
    alone_filter_[bit >> 6] |= uint64_t{1} << (bit & 63);
  }
  size_t pair_bits = 1024;
  while (pair_bits < kept_pairs_.size() * 16) pair_bits *= 2;
  pair_filter_.assign(pair_bits / 64, 0);
  pair_shift_ = ShiftFor(pair_bits);
  for (const auto& [first, second] : kept_pairs_) {
    const uint64_t hash = PairHash(head_hash(first), head_hash(second));
    const uint64_t bit = Filter::BitOf(hash, pair_shift_);
    pair_filter_[bit >> 6] |= (uint64_t{1} << (bit & 63)) | (uint64_t{1} << SecondPairBit(hash));
  }
  release();
}

size_t Vocabulary::MemoryBytes() const {
  return slots_.capacity() * sizeof(Slot) + key_pool_.capacity() +
         keys_.capacity() * sizeof(KeyInfo) + hashes_.capacity() * sizeof(uint64_t) +
         filter_.capacity() * sizeof(uint64_t) + kept_alone_.capacity() * sizeof(uint32_t) +
         kept_pairs_.capacity() * sizeof(kept_pairs_[0]) +
         (alone_filter_.capacity() + pair_filter_.capacity()) * sizeof(uint64_t);
}

}  // namespace jobfit::text

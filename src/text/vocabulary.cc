#include "text/vocabulary.h"

#include "text/tokenizer.h"

namespace jobfit::text {
namespace {

constexpr uint64_t kGolden = 0x9E3779B97F4A7C15ULL;
constexpr size_t kMinSlots = 1024;
constexpr size_t kFilterBitsPerKey = 32;

size_t SlotFor(uint64_t hash, size_t capacity) {
  return static_cast<size_t>((hash * kGolden) >> 20) & (capacity - 1);
}

char LowerAscii(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + ('a' - 'A')) : c; }

}  // namespace

Vocabulary::Vocabulary() { Rebuild(kMinSlots); }

template <typename SameKey>
uint32_t Vocabulary::Probe(uint64_t hash, size_t key_len, SameKey same_key) const {
  const size_t mask = slots_.size() - 1;
  for (size_t slot = SlotFor(hash, slots_.size());; slot = (slot + 1) & mask) {
    const Slot& s = slots_[slot];
    if (s.id == kUnknown) return kUnknown;
    if (s.hash == hash && s.key_len == key_len &&
        same_key(std::string_view(key_pool_).substr(s.key_offset, s.key_len))) {
      return s.id;
    }
  }
}

uint32_t Vocabulary::Find(uint64_t hash, std::string_view key) const {
  if (SurelyAbsent(hash)) return kUnknown;
  return Probe(hash, key.size(), [&](std::string_view stored) { return stored == key; });
}

uint32_t Vocabulary::FindLoweredInTable(uint64_t hash, std::string_view raw) const {
  return Probe(hash, raw.size(), [&](std::string_view stored) {
    for (size_t i = 0; i < raw.size(); ++i) {
      if (LowerAscii(raw[i]) != stored[i]) return false;
    }
    return true;
  });
}

uint32_t Vocabulary::Intern(std::string_view key) {
  const uint64_t hash = HashKey(key);
  if (const uint32_t id = Find(hash, key); id != kUnknown) return id;
  if ((size_ + 1) * 2 > slots_.size()) Rebuild(slots_.size() * 2);
  const size_t mask = slots_.size() - 1;
  size_t slot = SlotFor(hash, slots_.size());
  while (slots_[slot].id != kUnknown) slot = (slot + 1) & mask;
  Slot& s = slots_[slot];
  s.hash = hash;
  s.key_offset = static_cast<uint32_t>(key_pool_.size());
  s.key_len = static_cast<uint32_t>(key.size());
  s.id = static_cast<uint32_t>(++size_);
  key_pool_.append(key);
  const uint64_t bit = (hash >> 7) & filter_mask_;
  filter_[bit >> 6] |= uint64_t{1} << (bit & 63);
  return s.id;
}

// Grows the slots and the filter together; the filter is rebuilt from the stored hashes.
void Vocabulary::Rebuild(size_t slot_count) {
  std::vector<Slot> old = std::move(slots_);
  slots_.assign(slot_count, Slot{});
  const size_t mask = slot_count - 1;
  // Slots hold at most one key per two, so slot_count / 2 * kFilterBitsPerKey bits keep
  // the filter at 32 bits per key or more.
  const size_t filter_bits = slot_count / 2 * kFilterBitsPerKey;
  filter_.assign(filter_bits / 64, 0);
  filter_mask_ = filter_bits - 1;
  for (const Slot& s : old) {
    if (s.id == kUnknown) continue;
    size_t slot = SlotFor(s.hash, slot_count);
    while (slots_[slot].id != kUnknown) slot = (slot + 1) & mask;
    slots_[slot] = s;
    const uint64_t bit = (s.hash >> 7) & filter_mask_;
    filter_[bit >> 6] |= uint64_t{1} << (bit & 63);
  }
}

size_t Vocabulary::MemoryBytes() const {
  return slots_.capacity() * sizeof(Slot) + key_pool_.capacity() +
         filter_.capacity() * sizeof(uint64_t);
}

}  // namespace jobfit::text

// The compiled term table: every literal alias of a lexicon as a sequence of token ids in
// a trie, with the trie's transitions and the token vocabulary in flat open-addressing
// tables. A document token costs one vocabulary probe; a token that is in no alias (most
// of them) ends the walk there, so matching stays linear in the text whatever the lexicon
// size (docs/ARCHITECTURE.md has the measurements behind this choice).
#ifndef JOBFIT_LEXICON_TERM_TABLE_H_
#define JOBFIT_LEXICON_TERM_TABLE_H_

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "jobfit/status.h"

#include "lexicon/lexicon_impl.h"
#include "text/vocabulary.h"

namespace jobfit::internal {

// One surface form in the table: an alias as written, or a variant derived from it (its
// plural, or a hyphenated alias written as one word after a line-break join).
struct CompiledAlias {
  uint32_t entry = 0;        // index into LexiconImpl::entries
  uint32_t alias_index = 0;  // index into EntrySpec::aliases
  uint32_t token_count = 0;
  bool case_exact = false;
  bool ambiguous = false;
  bool variant = false;
  // For case_exact aliases: each token's normalized text, to compare with the document's.
  std::vector<std::string> exact_tokens;
};

// Immutable after Build(); safe for concurrent reads.
class TermTable {
 public:
  static constexpr uint32_t kNoToken = 0;
  static constexpr uint32_t kNoState = 0;
  static constexpr uint32_t kRoot = 1;

  // Compiles the aliases of `lexicon`. Fails when an alias has no token, or when two
  // entries claim the same surface form (naming both entries and their positions).
  static Result<TermTable> Build(const LexiconImpl& lexicon);

  // Returns the id of a folded token key, or kNoToken when no alias or context word uses
  // it.
  uint32_t TokenId(uint64_t hash, std::string_view key) const {
    return vocabulary_.Find(hash, key);
  }
  // The token keys of every alias and of every one-token context word: context rules
  // weigh the words near an occurrence, so the tokenizer must keep those words too.
  const text::Vocabulary& vocabulary() const { return vocabulary_; }
  // Returns the state after reading token_id in `state`, or kNoState. Every known token
  // of a text is tried from the root, so the root's transitions are a plain array.
  uint32_t Next(uint32_t state, uint32_t token_id) const {
    if (state == kRoot) return RootNext(token_id);
    return MayGoOn(state, token_id) ? NextInTable(state, token_id) : kNoState;
  }
  // Next from the root.
  uint32_t RootNext(uint32_t token_id) const { return root_next_[token_id]; }
  // False when no transition on token_id leaves `state` (not the root); true when one
  // may. Most words that follow the start of an alias do not continue it; a bit filter
  // small enough for the cache answers that before the transition table (megabytes at
  // 30,000 entries) is touched.
  bool MayGoOn(uint32_t state, uint32_t token_id) const {
    const uint64_t bit = FilterBit(TransitionKey(state, token_id));
    return ((transition_filter_[bit >> 6] >> (bit & 63)) & 1) != 0;
  }
  // Next from a state other than the root, past the filter: the transition table itself.
  uint32_t NextInTable(uint32_t state, uint32_t token_id) const {
    const uint64_t key = TransitionKey(state, token_id);
    const size_t mask = transition_keys_.size() - 1;
    for (size_t slot = TransitionSlot(key, transition_keys_.size());; slot = (slot + 1) & mask) {
      const uint64_t k = transition_keys_[slot];
      if (k == key) return transition_targets_[slot];
      if (k == 0) return kNoState;
    }
  }
  // Asks the cache for the slots NextInTable(state, token_id) will read first.
  void PrefetchNext(uint32_t state, uint32_t token_id) const {
    const size_t slot = TransitionSlot(TransitionKey(state, token_id), transition_keys_.size());
    __builtin_prefetch(&transition_keys_[slot]);
    __builtin_prefetch(&transition_targets_[slot]);
  }
  // True when some alias ends in `state`. The states where aliases end are numbered
  // first, from kFirstAccepting on, so that this asks no table: at 30,000 entries a table
  // of offsets by state was a cache miss for every word that starts an alias.
  bool HasAccepts(uint32_t state) const { return state - kFirstAccepting < accepting_count_; }
  // What a scan needs of an alias that ends in a state, kept with the state's other
  // aliases: reading the alias itself (CompiledAlias, 40 bytes each) for every candidate
  // missed the cache at 30,000 entries.
  struct Accept {
    uint32_t alias = 0;  // index of the CompiledAlias, for its exact_tokens
    uint32_t entry = 0;
    uint32_t alias_index = 0;
    bool case_exact = false;
    bool ambiguous = false;
    bool variant = false;
  };
  // Asks the cache for the first alias that ends in `state`, which must have one.
  void PrefetchAccepted(uint32_t state) const {
    __builtin_prefetch(accepts_.data() +
                       std::min(state - kFirstAccepting, single_accepting_count_));
  }
  // Returns the aliases that end in `state` (usually none or one). The states where one
  // alias ends come first, and their aliases in the same order: a state's alias is found
  // from its number alone. The few states where more end come next, with offsets.
  std::span<const Accept> Accepts(uint32_t state) const {
    const uint32_t k = state - kFirstAccepting;
    if (k < single_accepting_count_) return {&accepts_[k], 1};
    if (k >= accepting_count_) return {};
    const uint32_t m = k - single_accepting_count_;
    return std::span<const Accept>(accepts_).subspan(
        more_accepts_offsets_[m], more_accepts_offsets_[m + 1] - more_accepts_offsets_[m]);
  }
  const CompiledAlias& alias(uint32_t id) const { return aliases_[id]; }
  size_t alias_count() const { return aliases_.size(); }
  size_t vocabulary_size() const { return vocabulary_.size(); }
  // Returns the bytes held by the table's arrays.
  size_t MemoryBytes() const;

 private:
  friend class TermTableBuilder;
  // A transition's key in the table and the filter; 0 is no transition's (ids start at 1).
  static uint64_t TransitionKey(uint32_t state, uint32_t token_id) {
    return (static_cast<uint64_t>(state) << 32) | token_id;
  }
  // The product's bits from 32 up depend on both halves of a key; the bits from 20 that an
  // earlier version took held only the token id's below bit 32, so the transitions of a
  // common word from many states crowded into one run of slots (23 probes per insertion
  // at 30,000 entries).
  static size_t TransitionSlot(uint64_t key, size_t capacity) {
    return static_cast<size_t>((key * 0x9E3779B97F4A7C15ULL) >> 32) & (capacity - 1);
  }
  uint64_t FilterBit(uint64_t key) const {
    return ((key * 0xD6E8FEB86659FD93ULL) >> 32) & transition_filter_mask_;
  }
  static constexpr uint32_t kFirstAccepting = kRoot + 1;
  // Numbers the states where aliases end first (those where one ends, then those where
  // more do) and lays out accepts_ by them; `accepts` holds each state's aliases.
  void NumberAcceptingStatesFirst(std::vector<std::vector<uint32_t>>* accepts);
  void BuildTransitionFilter();
  uint32_t AddTransition(uint32_t state, uint32_t token_id);
  // Puts a transition into a free slot of the table.
  void PlaceTransition(uint64_t key, uint32_t target);
  // Places every transition again in a table of `capacity` slots, its source and target
  // states renamed by `number` (indexed by the old number) unless that is null.
  void RebuildTransitions(size_t capacity, const std::vector<uint32_t>* number);

  text::Vocabulary vocabulary_;
  std::vector<uint32_t> root_next_;        // by token id, including context-only words
  std::vector<uint64_t> transition_keys_;  // (state << 32) | token id; 0 = empty
  std::vector<uint32_t> transition_targets_;
  std::vector<uint64_t> transition_filter_;  // one bit per (state, token) of a non-root state
  uint64_t transition_filter_mask_ = 0;
  size_t transition_count_ = 0;
  uint32_t state_count_ = 2;             // 0 = none, 1 = root
  uint32_t accepting_count_ = 0;         // states from kFirstAccepting where aliases end
  uint32_t single_accepting_count_ = 0;  // the first of them, where one alias ends
  // accepts_[k] is the alias of state kFirstAccepting + k for k < single_accepting_count_;
  // then the aliases of the other accepting states, from more_accepts_offsets_.
  std::vector<Accept> accepts_;
  std::vector<uint32_t> more_accepts_offsets_;
  std::vector<CompiledAlias> aliases_;
};

}  // namespace jobfit::internal

#endif  // JOBFIT_LEXICON_TERM_TABLE_H_

#include "lexicon/term_table.h"

#include <algorithm>
#include <utility>

#include "text/normalizer.h"
#include "text/tokenizer.h"

namespace jobfit::internal {
namespace {

std::string DescribeLocation(const Location& where) {
  std::string out = where.file;
  if (where.line > 0) out += ":" + std::to_string(where.line) + ":" + std::to_string(where.column);
  return out;
}

// The alias as the tokenizer sees it.
struct AliasTokens {
  std::vector<std::string> keys;
  std::vector<std::string> texts;
  std::vector<bool> hyphen_after;
  bool has_break = false;  // phrase-ending punctuation inside: could never match
};

// The normalizer's and tokenizer's buffers, reused from alias to alias: a 30,000-entry
// lexicon has some 40,000 aliases, and fresh buffers cost allocations for each.
struct AliasScratch {
  text::NormalizedText normalized;
  text::TokenStream stream;
};

AliasTokens TokenizeAlias(std::string_view alias, AliasScratch* scratch) {
  text::NormalizedText& normalized = scratch->normalized;
  text::Normalize(alias, {}, &normalized);
  text::TokenStream& stream = scratch->stream;
  text::Tokenize(normalized.text(), &stream);
  AliasTokens out;
  for (const text::Token& token : stream.tokens) {
    out.keys.emplace_back(stream.Key(token));
    out.texts.emplace_back(normalized.text().substr(token.begin, token.end - token.begin));
    out.hyphen_after.push_back((token.flags & text::kHyphenAfter) != 0);
    out.has_break |= &token != &stream.tokens.front() && (token.flags & text::kBreakBefore) != 0;
  }
  return out;
}

std::string PluralOf(const std::string& word) {
  const auto ends_with = [&](std::string_view tail) {
    return word.size() > tail.size() &&
           word.compare(word.size() - tail.size(), tail.size(), tail) == 0;
  };
  if (ends_with("s") || ends_with("x") || ends_with("ch") || ends_with("sh")) return word + "es";
  return word + "s";
}

}  // namespace

class TermTableBuilder {
 public:
  TermTableBuilder(const LexiconImpl& lexicon, TermTable* table,
                   std::vector<std::vector<uint32_t>>* accepts, std::vector<CompiledAlias>* aliases)
      : lexicon_(lexicon), table_(table), accepts_(accepts), aliases_(aliases) {}

  Status AddEntry(uint32_t entry_index) {
    const EntrySpec& entry = lexicon_.entries[entry_index];
    for (uint32_t a = 0; a < entry.aliases.size(); ++a) {
      const AliasSpec& spec = entry.aliases[a];
      AliasTokens tokens = TokenizeAlias(spec.text, &scratch_);
      if (tokens.keys.empty()) {
        return Status(StatusCode::kInvalidLexicon,
                      "entry \"" + entry.term.id + "\": alias " + std::to_string(a + 1) + ": \"" +
                          spec.text + "\" has no letters or digits",
                      spec.where);
      }
      if (tokens.has_break) {
        return Status(StatusCode::kInvalidLexicon,
                      "entry \"" + entry.term.id + "\": alias " + std::to_string(a + 1) + ": \"" +
                          spec.text +
                          "\" has punctuation that ends a phrase (, ; : ( ) | ! ? or \". \") "
                          "inside, so it could never match; write it without",
                      spec.where);
      }
      CompiledAlias alias;
      alias.entry = entry_index;
      alias.alias_index = a;
      alias.case_exact = spec.case_policy == CasePolicy::kExact;
      alias.ambiguous = spec.ambiguous;
      if (Status s = Add(alias, tokens.keys, tokens.texts); !s.ok()) return s;

      if (spec.plural) {
        AliasTokens plural = tokens;
        plural.keys.back() = PluralOf(plural.keys.back());
        plural.texts.back() = PluralOf(plural.texts.back());
        alias.variant = true;
        if (Status s = Add(alias, plural.keys, plural.texts); !s.ok()) return s;
      }
      // "scikit-learn" broken across lines is joined by the normalizer into "scikitlearn".
      if (std::find(tokens.hyphen_after.begin(), tokens.hyphen_after.end(), true) !=
          tokens.hyphen_after.end()) {
        AliasTokens joined;
        for (size_t i = 0; i < tokens.keys.size(); ++i) {
          if (i > 0 && tokens.hyphen_after[i - 1]) {
            joined.keys.back() += tokens.keys[i];
            joined.texts.back() += tokens.texts[i];
          } else {
            joined.keys.push_back(tokens.keys[i]);
            joined.texts.push_back(tokens.texts[i]);
          }
        }
        alias.variant = true;
        if (Status s = Add(alias, joined.keys, joined.texts); !s.ok()) return s;
      }
    }
    return Status::Ok();
  }

 private:
  Status Add(CompiledAlias alias, const std::vector<std::string>& keys,
             const std::vector<std::string>& texts);

  const LexiconImpl& lexicon_;
  TermTable* table_;
  std::vector<std::vector<uint32_t>>* accepts_;
  std::vector<CompiledAlias>* aliases_;
  AliasScratch scratch_;
};

Status TermTableBuilder::Add(CompiledAlias alias, const std::vector<std::string>& keys,
                             const std::vector<std::string>& texts) {
  uint32_t state = TermTable::kRoot;
  uint32_t previous = TermTable::kNoToken;
  for (const std::string& key : keys) {
    const uint32_t id = table_->vocabulary_.Intern(key);
    state = table_->AddTransition(state, id);
    if (previous != TermTable::kNoToken) table_->vocabulary_.KeepPair(previous, id);
    previous = id;
  }
  if (keys.size() == 1) table_->vocabulary_.KeepAlone(previous);
  if (accepts_->size() <= state) accepts_->resize(state + 1);
  alias.token_count = static_cast<uint32_t>(keys.size());
  if (alias.case_exact) alias.exact_tokens = texts;

  std::vector<uint32_t>& here = (*accepts_)[state];
  for (auto it = here.begin(); it != here.end(); ++it) {
    const CompiledAlias& other = (*aliases_)[*it];
    const bool both_exact = alias.case_exact && other.case_exact;
    if (both_exact && alias.exact_tokens != other.exact_tokens) continue;  // "Go" vs "GO"
    if (other.entry == alias.entry) return Status::Ok();                   // the same form twice
    if (alias.variant) return Status::Ok();  // a derived form yields to a written alias
    if (other.variant) {
      here.erase(it);
      break;
    }
    const EntrySpec& mine = lexicon_.entries[alias.entry];
    const EntrySpec& theirs = lexicon_.entries[other.entry];
    return Status(StatusCode::kInvalidLexicon,
                  "entry \"" + mine.term.id + "\": alias " + std::to_string(alias.alias_index + 1) +
                      ": \"" + mine.aliases[alias.alias_index].text +
                      "\" is also an alias of entry \"" + theirs.term.id + "\" (" +
                      DescribeLocation(theirs.aliases[other.alias_index].where) + ")",
                  mine.aliases[alias.alias_index].where);
  }
  here.push_back(static_cast<uint32_t>(aliases_->size()));
  aliases_->push_back(std::move(alias));
  return Status::Ok();
}

uint32_t TermTable::AddTransition(uint32_t state, uint32_t token_id) {
  if (const uint32_t next = NextInTable(state, token_id); next != kNoState) return next;
  // Up to three slots in four full: a probe mostly stays in its cache line, and at 30,000
  // entries the table is 1.5 MB, not 3.
  if ((transition_count_ + 1) * 4 > transition_keys_.size() * 3) {
    RebuildTransitions(transition_keys_.size() * 2, nullptr);
  }
  PlaceTransition(TransitionKey(state, token_id), state_count_);
  ++transition_count_;
  return state_count_++;
}

void TermTable::PlaceTransition(uint64_t key, uint32_t target) {
  const size_t mask = transition_keys_.size() - 1;
  size_t slot = TransitionSlot(key, transition_keys_.size());
  while (transition_keys_[slot] != 0) slot = (slot + 1) & mask;
  transition_keys_[slot] = key;
  transition_targets_[slot] = target;
}

void TermTable::RebuildTransitions(size_t capacity, const std::vector<uint32_t>* number) {
  const std::vector<uint64_t> old_keys = std::move(transition_keys_);
  const std::vector<uint32_t> old_targets = std::move(transition_targets_);
  transition_keys_.assign(capacity, 0);
  transition_targets_.assign(capacity, kNoState);
  for (size_t i = 0; i < old_keys.size(); ++i) {
    if (old_keys[i] == 0) continue;
    if (number == nullptr) {
      PlaceTransition(old_keys[i], old_targets[i]);
      continue;
    }
    const auto source = static_cast<uint32_t>(old_keys[i] >> 32);
    const auto token_id = static_cast<uint32_t>(old_keys[i]);
    PlaceTransition(TransitionKey((*number)[source], token_id), (*number)[old_targets[i]]);
  }
}

void TermTable::NumberAcceptingStatesFirst(std::vector<std::vector<uint32_t>>* accepts) {
  accepts->resize(state_count_);
  std::vector<uint32_t> number(state_count_, kNoState);
  number[kRoot] = kRoot;
  uint32_t next = kFirstAccepting;
  const auto number_where = [&](auto wanted) {
    for (uint32_t state = kFirstAccepting; state < state_count_; ++state) {
      if (wanted((*accepts)[state].size())) number[state] = next++;
    }
  };
  number_where([](size_t n) { return n == 1; });
  single_accepting_count_ = next - kFirstAccepting;
  number_where([](size_t n) { return n > 1; });
  accepting_count_ = next - kFirstAccepting;
  number_where([](size_t n) { return n == 0; });

  // The transitions again under the new numbers (a key holds its source state).
  RebuildTransitions(transition_keys_.size(), &number);

  std::vector<const std::vector<uint32_t>*> by_number(state_count_, nullptr);
  for (uint32_t state = kFirstAccepting; state < state_count_; ++state) {
    by_number[number[state]] = &(*accepts)[state];
  }
  size_t accept_count = 0;
  for (const std::vector<uint32_t>& ids : *accepts) accept_count += ids.size();
  accepts_.reserve(accept_count);
  more_accepts_offsets_.reserve(accepting_count_ - single_accepting_count_ + 1);
  for (uint32_t k = 0; k < accepting_count_; ++k) {
    if (k >= single_accepting_count_) {
      more_accepts_offsets_.push_back(static_cast<uint32_t>(accepts_.size()));
    }
    for (const uint32_t id : *by_number[kFirstAccepting + k]) {
      const CompiledAlias& alias = aliases_[id];
      accepts_.push_back(
          {id, alias.entry, alias.alias_index, alias.case_exact, alias.ambiguous, alias.variant});
    }
  }
  more_accepts_offsets_.push_back(static_cast<uint32_t>(accepts_.size()));
}

void TermTable::BuildTransitionFilter() {
  // Sixteen bits per transition: about 6% of the words that follow an alias's first
  // tokens get past the filter without continuing the alias.
  size_t bits = 1024;
  while (bits < transition_count_ * 16) bits *= 2;
  transition_filter_.assign(bits / 64, 0);
  transition_filter_mask_ = bits - 1;
  for (const uint64_t key : transition_keys_) {
    if (key == 0 || (key >> 32) == kRoot) continue;
    const uint64_t bit = FilterBit(key);
    transition_filter_[bit >> 6] |= uint64_t{1} << (bit & 63);
  }
}

size_t TermTable::MemoryBytes() const {
  size_t bytes = vocabulary_.MemoryBytes() + transition_keys_.capacity() * sizeof(uint64_t) +
                 transition_targets_.capacity() * sizeof(uint32_t) +
                 transition_filter_.capacity() * sizeof(uint64_t) +
                 more_accepts_offsets_.capacity() * sizeof(uint32_t) +
                 accepts_.capacity() * sizeof(Accept) + aliases_.capacity() * sizeof(CompiledAlias);
  for (const CompiledAlias& a : aliases_) {
    for (const std::string& t : a.exact_tokens) bytes += t.capacity();
  }
  return bytes;
}

Result<TermTable> TermTable::Build(const LexiconImpl& lexicon) {
  TermTable table;
  table.transition_keys_.assign(1024, 0);
  table.transition_targets_.assign(1024, kNoState);
  std::vector<std::vector<uint32_t>> accepts;
  TermTableBuilder builder(lexicon, &table, &accepts, &table.aliases_);
  for (uint32_t e = 0; e < lexicon.entries.size(); ++e) {
    if (Status s = builder.AddEntry(e); !s.ok()) return s;
  }
  table.vocabulary_.EndWholeWords();
  for (const EntrySpec& entry : lexicon.entries) {
    if (!entry.has_context) continue;
    for (const auto* words : {&entry.context.positive, &entry.context.negative}) {
      for (const std::string& word : *words) {
        const std::string key = text::FoldCase(word);
        // A context word is compared with one token at a time, so only one-token words
        // can ever be found.
        text::TokenStream stream;
        text::Tokenize(key, &stream);
        if (stream.tokens.size() == 1 && stream.Key(stream.tokens[0]) == key) {
          table.vocabulary_.KeepAlone(table.vocabulary_.Intern(key));
        }
      }
    }
  }
  table.vocabulary_.BuildScreen();
  table.NumberAcceptingStatesFirst(&accepts);
  table.BuildTransitionFilter();
  table.root_next_.assign(table.vocabulary_.size() + 1, kNoState);
  for (uint32_t id = 1; id <= table.vocabulary_.size(); ++id) {
    table.root_next_[id] = table.NextInTable(kRoot, id);
  }
  return table;
}

}  // namespace jobfit::internal

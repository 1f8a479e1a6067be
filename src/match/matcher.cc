#include "jobfit/matcher.h"

#include <algorithm>
#include <cstddef>
#include <cstring>
#include <memory>
#include <new>
#include <utility>

#include <re2/re2.h>

#include "lexicon/lexicon_impl.h"
#include "lexicon/term_table.h"
#include "match/skills_list.h"
#include "text/normalizer.h"
#include "text/tokenizer.h"

namespace jobfit {
namespace internal {
namespace {

// Large inputs are scanned in pieces so normalization buffers stay bounded and 32-bit
// token offsets suffice; pieces end at line breaks, where no term continues.
constexpr size_t kPieceBytes = size_t{1} << 20;
// Context rules look at the occurrence's line, up to this many bytes either side: far
// enough for any phrase a context pattern names, near enough to stay cheap when a text is
// dense with ambiguous names.
constexpr size_t kMaxContextBytes = 120;
// Context patterns are searched this far either side of an occurrence (see Decide).
constexpr size_t kPatternReach = 48;
// A pattern's match may run this far from where its alias starts ("Python 3.11.4").
constexpr size_t kMaxPatternBytes = 64;

struct CompiledPattern {
  uint32_t entry = 0;
  uint32_t index = 0;  // within the entry's patterns
  std::unique_ptr<RE2> re;
};

// A context rule's words by vocabulary id: the words around every ambiguous occurrence
// are looked up here. Comparing each with the whole list was 2.6% of a scan's
// instructions with the built-in lexicon, and grew with the length of the lists.
struct ContextWords {
  struct ById {
    uint32_t id;
    uint32_t word;  // index into `words`: the first of the list's words with this id
  };
  std::vector<std::string> words;  // folded, in the lexicon's order
  std::vector<ById> by_id;         // sorted by id; words of several tokens left out
  // One bit per id in by_id, at IdBit: every known token near an ambiguous name is looked
  // up in two lists, and the search of the sorted ids for the few that are there was a
  // sixth of deciding such names in dense text.
  uint64_t id_bits = 0;

  static unsigned IdBit(uint32_t id) {
    return static_cast<unsigned>((uint64_t{id} * 0x9E3779B97F4A7C15ULL) >> 58);
  }
  void Add(uint32_t id, uint32_t word) {
    by_id.push_back({id, word});
    id_bits |= uint64_t{1} << IdBit(id);
  }

  // Returns the word whose single token has `id`, or null.
  const std::string* Find(uint32_t id) const {
    if (((id_bits >> IdBit(id)) & 1) == 0) return nullptr;
    const auto it = std::lower_bound(by_id.begin(), by_id.end(), id,
                                     [](const ById& w, uint32_t key) { return w.id < key; });
    return it != by_id.end() && it->id == id ? &words[it->word] : nullptr;
  }
};

struct CompiledContext {
  ContextWords positive;
  ContextWords negative;
  std::vector<std::unique_ptr<RE2>> positive_patterns;
  std::vector<std::unique_ptr<RE2>> negative_patterns;
  // All of the entry's context patterns as one alternation. Most occurrences match none,
  // and one search says so where the loops below made one per pattern; null when there
  // are none (or the union does not compile, which leaves the loops to do the work).
  std::unique_ptr<RE2> any_pattern;
};

struct Candidate {
  uint32_t first = 0;          // index of the first token among the known tokens
  uint32_t first_ordinal = 0;  // token ordinals [first_ordinal, end_ordinal)
  uint32_t end_ordinal = 0;
  uint32_t begin = 0;  // bytes [begin, end) in the normalized text
  uint32_t end = 0;
  uint32_t entry = 0;
  uint32_t form = 0;
  MatchSource source = MatchSource::kAlias;
  bool ambiguous = false;
  bool variant = false;
  bool accepted = true;
};

std::string Quote(std::string_view s) { return "\"" + std::string(s) + "\""; }

}  // namespace

struct MatcherImpl {
  explicit MatcherImpl(Lexicon source) : lexicon(std::move(source)) {}

  Lexicon lexicon;
  TermTable table;
  std::vector<CompiledPattern> patterns;
  std::vector<std::vector<uint32_t>> patterns_by_entry;  // indexes into patterns
  std::vector<CompiledContext> contexts;                 // by entry; empty rules for most
  std::vector<std::vector<uint32_t>> implies;            // by entry
  std::vector<bool> has_context;

  const LexiconImpl& spec() const { return LexiconAccess::Impl(lexicon); }
};

// A known token (its index among a text's known tokens) and the trie state after it.
struct AliasStart {
  uint32_t index = 0;
  uint32_t state = 0;
};

struct ScratchImpl {
  text::NormalizedText normalized;
  text::KnownTokenStream known;
  text::TokenStream local;  // the tokens of a pattern's match
  std::vector<text::Token> pieces;
  std::vector<Candidate> candidates;
  // FindAliasCandidates' lists: the tokens that start an alias, those that are a
  // one-token alias, and those the next token may continue. Only grown, never cleared:
  // they are written past their used part.
  std::vector<AliasStart> alias_starts;
  std::vector<AliasStart> alias_alone;
  std::vector<AliasStart> alias_longer;
  // AddImplied's marks by term, all zero between scans: a resume names a few dozen terms
  // of a lexicon's thousands, and clearing arrays of the lexicon's size for each one
  // showed in batch profiles.
  std::vector<uint8_t> term_seen;
  std::vector<uint32_t> implied_queue;   // matched terms, then the terms they imply
  std::vector<uint32_t> implied_origin;  // parallel: the matched term each came from
  // A counting scan's counts by term (ScanOptions::count_only), all zero between scans
  // like term_seen, and the terms counted so far.
  std::vector<uint64_t> term_count;
  std::vector<uint32_t> counted_terms;
};

namespace {

Result<std::unique_ptr<RE2>> CompilePattern(const PatternSpec& pattern, const EntrySpec& entry,
                                            std::string_view what) {
  RE2::Options options;
  options.set_log_errors(false);
  options.set_case_sensitive(pattern.case_policy == CasePolicy::kExact);
  auto re = std::make_unique<RE2>(pattern.regex, options);
  if (!re->ok()) {
    return Status(StatusCode::kParseError,
                  "entry " + Quote(entry.term.id) + ": " + std::string(what) + ": " + re->error(),
                  pattern.where);
  }
  return re;
}

// Returns the line around [begin, end) in text, at most kMaxContextBytes either side.
// (memrchr and memchr: the byte loops were a tenth of deciding ambiguous names, which
// the built-in lexicon does for every "R", "Go" or "Spark" of a text.)
std::pair<size_t, size_t> LineAround(std::string_view text, size_t begin, size_t end) {
  const size_t back = std::min(begin, kMaxContextBytes);
  const auto* newline_before =
      static_cast<const char*>(memrchr(text.data() + begin - back, '\n', back));
  const size_t line_begin = newline_before != nullptr
                                ? static_cast<size_t>(newline_before - text.data()) + 1
                                : begin - back;
  const size_t ahead = std::min(text.size() - end, kMaxContextBytes);
  const auto* newline_after = static_cast<const char*>(std::memchr(text.data() + end, '\n', ahead));
  const size_t line_end =
      newline_after != nullptr ? static_cast<size_t>(newline_after - text.data()) : end + ahead;
  return {line_begin, line_end};
}

bool OverlapsMatch(const RE2& re, std::string_view line, size_t begin, size_t end,
                   std::string_view* found) {
  re2::StringPiece input(line.data(), line.size());
  re2::StringPiece match;
  size_t pos = 0;
  while (pos <= line.size() && re.Match(input, pos, line.size(), RE2::UNANCHORED, &match, 1)) {
    const auto m_begin = static_cast<size_t>(match.data() - line.data());
    const size_t m_end = m_begin + match.size();
    if (m_begin < end && begin < m_end) {
      *found = std::string_view(match.data(), match.size());
      return true;
    }
    pos = m_end > m_begin ? m_end : m_begin + 1;
  }
  return false;
}

class Scan {
 public:
  Scan(const MatcherImpl& m, ScratchImpl& s, const ScanOptions& options, uint64_t base,
       ScanResult* out)
      : m_(m), s_(s), options_(options), base_(base), out_(out) {}

  void Run(std::string_view piece) {
    text::Normalize(piece, {}, &s_.normalized);
    out_->invalid_utf8 |= s_.normalized.had_invalid_utf8();
    text_ = s_.normalized.text();
    text::TokenizeKnown(text_, m_.table.vocabulary(), &s_.known);
    FindAliasCandidates();
    FindPatternCandidates();
    DecideAmbiguous();
    Select();
  }

 private:
  std::string_view TokenText(uint32_t known_index) const {
    const text::KnownToken& t = s_.known.tokens[known_index];
    return text_.substr(t.begin, t.end - t.begin);
  }

  // Walks the trie from every known token that starts an alias along the run of adjacent
  // known tokens that follows it; a word the vocabulary does not know, or phrase-ending
  // punctuation, ends the run. At 30,000 entries half of a text's words are known and
  // most of them start nothing or stop at the next word, and a branch per token on what
  // the trie said (does an alias start here, end here, go on?) was mispredicted about
  // as often as not, each time after a load from tables larger than the cache. So the
  // first steps are passes without such branches, each keeping the tokens the next one
  // needs by adding its answer to a count; only the walks that may go on branch.
  void FindAliasCandidates() {
    s_.candidates.clear();
    // Locals, not the vectors and the table through members: the compiler cannot tell
    // that adding a candidate leaves them alone, and loaded them again at every token.
    const text::KnownToken* const known = s_.known.tokens.data();
    const auto n = static_cast<uint32_t>(s_.known.tokens.size());
    if (n == 0) return;
    const TermTable& table = m_.table;
    for (auto* list : {&s_.alias_starts, &s_.alias_alone, &s_.alias_longer}) {
      if (list->size() < n) list->resize(n);
    }
    AliasStart* const starts = s_.alias_starts.data();
    uint32_t started = 0;
    for (uint32_t i = 0; i < n; ++i) {
      const uint32_t state = table.RootNext(known[i].id);
      starts[started] = {i, state};
      started += state != TermTable::kNoState ? 1 : 0;
    }
    AliasStart* const alone = s_.alias_alone.data();
    AliasStart* const longer = s_.alias_longer.data();
    uint32_t alone_count = 0;
    uint32_t longer_count = 0;
    for (uint32_t k = 0; k < started; ++k) {
      const AliasStart start = starts[k];
      alone[alone_count] = start;
      alone_count += table.HasAccepts(start.state) ? 1 : 0;
      // The last token has no next one: it is compared with itself, which never follows.
      const uint32_t next = start.index + 1 < n ? start.index + 1 : start.index;
      const bool adjacent = (known[next].ordinal == known[start.index].ordinal + 1) &
                            ((known[next].flags & text::kBreakBefore) == 0);
      longer[longer_count] = start;
      longer_count += adjacent ? 1 : 0;
    }
    // Then, of the starts the next token follows, those the transition filter lets on:
    // at 30,000 entries three starts in five have no such token, and asking the filter
    // for them too cost a load each.
    uint32_t going_on = 0;
    for (uint32_t k = 0; k < longer_count; ++k) {
      const AliasStart start = longer[k];
      longer[going_on] = start;
      going_on += table.MayGoOn(start.state, known[start.index + 1].id) ? 1 : 0;
    }
    longer_count = going_on;
    // In text order, and a token's one-token aliases before the longer ones it starts,
    // as the walk from each token in turn would find them.
    uint32_t a = 0;
    uint32_t b = 0;
    constexpr uint32_t kLookAhead = 8;
    while (a < alone_count || b < longer_count) {
      if (b == longer_count || (a < alone_count && alone[a].index <= longer[b].index)) {
        if (a + kLookAhead < alone_count) table.PrefetchAccepted(alone[a + kLookAhead].state);
        AddAccepted(alone[a].state, known, alone[a].index, alone[a].index);
        ++a;
        continue;
      }
      if (b + kLookAhead < longer_count) {
        const AliasStart& ahead = longer[b + kLookAhead];
        table.PrefetchNext(ahead.state, known[ahead.index + 1].id);
      }
      const uint32_t first = longer[b].index;
      uint32_t state = table.NextInTable(longer[b].state, known[first + 1].id);
      ++b;
      for (uint32_t j = first + 1; state != TermTable::kNoState;) {
        AddAccepted(state, known, first, j);
        if (++j >= n || known[j].ordinal != known[j - 1].ordinal + 1 ||
            (known[j].flags & text::kBreakBefore) != 0) {
          break;
        }
        state = table.Next(state, known[j].id);
      }
    }
  }

  // Adds a candidate for each alias that ends in `state`, read from known token `first`
  // to `last`.
  void AddAccepted(uint32_t state, const text::KnownToken* known, uint32_t first, uint32_t last) {
    const TermTable& table = m_.table;
    for (const TermTable::Accept& alias : table.Accepts(state)) {
      if (alias.case_exact && !SameCase(table.alias(alias.alias), first)) continue;
      Candidate& c = s_.candidates.emplace_back();
      c.first = first;
      c.first_ordinal = known[first].ordinal;
      c.end_ordinal = known[last].ordinal + 1;
      c.begin = known[first].begin;
      c.end = known[last].end;
      c.entry = alias.entry;
      c.form = alias.alias_index;
      c.ambiguous = alias.ambiguous;
      c.variant = alias.variant;
    }
  }

  // A case-exact alias tells a name from an ordinary word by its letter case ("Go" and
  // "go", "Airflow" and "airflow"). Capitals carry no such information, so the alias in
  // capitals ("AIRFLOW") is also accepted where that is how the writer shouts: on a line
  // with no lower-case letter (a heading or skills line in capitals), or anywhere for an
  // ambiguous alias, whose context rules then decide as they do for its own spelling.
  bool SameCase(const CompiledAlias& alias, uint32_t first) const {
    bool exact = true;
    bool capitals = true;
    for (uint32_t k = 0; k < alias.token_count; ++k) {
      const std::string_view have = TokenText(first + k);
      const std::string_view want = alias.exact_tokens[k];
      if (have == want) continue;
      exact = false;
      capitals = capitals && have.size() == want.size() &&
                 std::equal(have.begin(), have.end(), want.begin(), [](char h, char w) {
                   return h == (w >= 'a' && w <= 'z' ? static_cast<char>(w - 'a' + 'A') : w);
                 });
    }
    if (exact) return true;
    if (!capitals) return false;
    if (alias.ambiguous) return true;
    const auto& known = s_.known.tokens;
    const auto [line_begin, line_end] =
        LineAround(text_, known[first].begin, known[first + alias.token_count - 1].end);
    return std::none_of(text_.begin() + static_cast<std::ptrdiff_t>(line_begin),
                        text_.begin() + static_cast<std::ptrdiff_t>(line_end),
                        [](char ch) { return ch >= 'a' && ch <= 'z'; });
  }

  // Patterns extend occurrences of their entry's aliases ("Python" -> "Python 3.10"), so
  // each is tried anchored where such an occurrence starts, never over the whole text.
  void FindPatternCandidates() {
    if (m_.patterns.empty()) return;
    const size_t alias_candidates = s_.candidates.size();
    for (size_t k = 0; k < alias_candidates; ++k) {
      const Candidate alias = s_.candidates[k];
      const std::vector<uint32_t>& entry_patterns = m_.patterns_by_entry[alias.entry];
      if (entry_patterns.empty()) continue;
      const size_t begin = alias.begin;
      const size_t limit = std::min(text_.size(), begin + kMaxPatternBytes);
      for (const uint32_t p : entry_patterns) {
        re2::StringPiece match;
        if (!m_.patterns[p].re->Match(re2::StringPiece(text_.data(), text_.size()), begin, limit,
                                      RE2::ANCHOR_START, &match, 1)) {
          continue;
        }
        const size_t end = begin + match.size();
        const uint32_t tokens_matched = TokensEndingAt(begin, end);
        if (tokens_matched == 0) continue;  // ends inside a token, or matched nothing
        Candidate c = alias;
        c.end_ordinal = alias.first_ordinal + tokens_matched;
        c.end = static_cast<uint32_t>(end);
        c.form = m_.patterns[p].index;
        c.source = MatchSource::kPattern;
        c.ambiguous = false;  // a version number settles what the name means
        c.variant = false;
        s_.candidates.push_back(c);
      }
    }
    if (s_.candidates.size() == alias_candidates) return;
    // Both runs are in text order already: a merge, not a sort.
    std::inplace_merge(s_.candidates.begin(),
                       s_.candidates.begin() + static_cast<std::ptrdiff_t>(alias_candidates),
                       s_.candidates.end(),
                       [](const Candidate& a, const Candidate& b) { return a.first < b.first; });
  }

  // Returns how many tokens the text has from `begin` (a token start) up to `end` when a
  // token ends exactly there, else 0, counting as the known-token scan does (a glued token
  // it splits counts once per piece). Only known tokens are kept while scanning, so the
  // span is tokenized again, from the start of its white-space-delimited chunk (contact
  // data is judged by whole chunks) to the white space after it (tokens never continue
  // across white space).
  uint32_t TokensEndingAt(size_t begin, size_t end) {
    const auto is_space = [&](size_t i) {
      return text_[i] == ' ' || text_[i] == '\n' || text_[i] == '\t' || text_[i] == '\r';
    };
    // A chunk longer than this is not prose; it is tokenized from the alias on.
    constexpr size_t kMaxChunkLookBack = 256;
    size_t from = begin;
    while (from > 0 && begin - from < kMaxChunkLookBack && !is_space(from - 1)) --from;
    if (from > 0 && !is_space(from - 1)) from = begin;
    size_t stop = end;
    while (stop < text_.size() && !is_space(stop)) ++stop;
    const std::string_view span = text_.substr(from, stop - from);
    text::Tokenize(span, &s_.local);
    const text::Vocabulary& vocabulary = m_.table.vocabulary();
    uint32_t count = 0;
    bool started = false;
    // Returns 1 when the unit [unit_begin, unit_end) ends the match, -1 when the match
    // cannot end at a token end, 0 to go on.
    const auto visit = [&](size_t unit_begin, size_t unit_end) {
      if (from + unit_begin < begin) return 0;
      if (!started && from + unit_begin != begin) return -1;
      started = true;
      ++count;
      if (from + unit_end == end) return 1;
      return from + unit_end > end ? -1 : 0;
    };
    const size_t token_count = s_.local.tokens.size();
    for (size_t i = 0; i < token_count; ++i) {
      const text::Token token = s_.local.tokens[i];
      int verdict = 0;
      s_.pieces.clear();
      if ((token.flags & text::kGlued) != 0) {
        const uint32_t id = vocabulary.Find(token.hash, s_.local.Key(token));
        if (id == text::Vocabulary::kUnknown || !vocabulary.IsWholeWord(id)) {
          text::SplitGluedToken(span, token, &s_.local, &s_.pieces);
        }
      }
      if (s_.pieces.empty()) {
        verdict = visit(token.begin, token.end);
      } else {
        for (const text::Token& piece : s_.pieces) {
          verdict = visit(piece.begin, piece.end);
          if (verdict != 0) break;
        }
      }
      if (verdict != 0) return verdict > 0 ? count : 0;
    }
    return 0;
  }

  void DecideAmbiguous() {
    for (Candidate& c : s_.candidates) {
      if (!c.ambiguous) continue;
      // Reasons are only spelled out for --explain: building strings for every
      // occurrence was a visible share of scanning dense text.
      std::string reason;
      c.accepted = Decide(c, options_.explain ? &reason : nullptr);
      if (options_.explain) {
        Decision d;
        d.term = c.entry;
        d.begin = InputBegin(c);
        d.end = InputEnd(c);
        d.accepted = c.accepted;
        d.reason = std::move(reason);
        out_->decisions.push_back(std::move(d));
      }
    }
  }

  // Returns whether context accepts the occurrence; sets *reason when reason is not null.
  bool Decide(const Candidate& c, std::string* reason) {
    const EntrySpec& entry = m_.spec().entries[c.entry];
    const ContextRules& rules = entry.context;
    const CompiledContext& compiled = m_.contexts[c.entry];
    const auto& known = s_.known.tokens;
    const size_t begin = c.begin;
    const size_t end = c.end;
    // Plain variables, not a structured binding: lambdas below capture them (clang 14).
    const std::pair<size_t, size_t> line_span = LineAround(text_, begin, end);
    const size_t line_begin = line_span.first;
    const size_t line_end = line_span.second;
    const std::string_view line = text_.substr(line_begin, line_end - line_begin);
    std::string_view found;

    // Context patterns name short phrases ("R&D", "go-to-market"); a match that overlaps
    // the occurrence lies within a few dozen bytes of it, so only that much is searched.
    const size_t near_begin =
        std::max(line_begin, begin > kPatternReach ? begin - kPatternReach : 0);
    const size_t near_end = std::min(line_end, end + kPatternReach);
    const std::string_view near = text_.substr(near_begin, near_end - near_begin);
    const bool some_pattern_matches =
        compiled.any_pattern == nullptr ||
        RE2::PartialMatch(re2::StringPiece(near.data(), near.size()), *compiled.any_pattern);
    for (size_t i = 0; some_pattern_matches && i < compiled.negative_patterns.size(); ++i) {
      if (OverlapsMatch(*compiled.negative_patterns[i], near, begin - near_begin, end - near_begin,
                        &found)) {
        if (reason != nullptr) {
          *reason = "rejected: " + Quote(found) + " matches negative pattern " +
                    Quote(rules.negative_patterns[i].regex);
        }
        return false;
      }
    }
    for (size_t i = 0; some_pattern_matches && i < compiled.positive_patterns.size(); ++i) {
      if (OverlapsMatch(*compiled.positive_patterns[i], near, begin - near_begin, end - near_begin,
                        &found)) {
        if (reason != nullptr) {
          *reason = "accepted: " + Quote(found) + " matches positive pattern " +
                    Quote(rules.positive_patterns[i].regex);
        }
        return true;
      }
    }
    if (rules.skills_list && IsSkillsListItem(line, begin - line_begin, end - line_begin)) {
      if (reason != nullptr) {
        *reason = "accepted: item of a skills list";
      }
      return true;
    }
    const uint32_t window = static_cast<uint32_t>(rules.window);
    const uint32_t from = c.first_ordinal > window ? c.first_ordinal - window : 0;
    const uint32_t to = c.end_ordinal + window;
    const auto on_line = [&](const text::KnownToken& t) {
      return t.begin >= line_begin && t.end <= line_end;
    };
    // The nearest context word decides: in "my Japanese CV ... PyTorch" the "my" next to
    // CV outweighs a tool further along. At equal distance the negative word wins. Context
    // words are in the vocabulary, so the known tokens around the occurrence hold them.
    // One walk over the window finds the nearest of each kind.
    const std::string* positive = nullptr;
    const std::string* negative = nullptr;
    uint32_t positive_distance = UINT32_MAX;
    uint32_t negative_distance = UINT32_MAX;
    const auto consider = [&](const text::KnownToken& t) {
      if (!on_line(t)) return;
      const uint32_t d =
          t.ordinal < c.first_ordinal ? c.first_ordinal - t.ordinal : t.ordinal - c.end_ordinal + 1;
      if (d < positive_distance) {
        if (const std::string* word = compiled.positive.Find(t.id)) {
          positive = word;
          positive_distance = d;
        }
      }
      if (d < negative_distance) {
        if (const std::string* word = compiled.negative.Find(t.id)) {
          negative = word;
          negative_distance = d;
        }
      }
    };
    for (uint32_t t = c.first; t > 0 && known[t - 1].ordinal >= from; --t) consider(known[t - 1]);
    for (uint32_t t = c.first; t < known.size() && known[t].ordinal < to; ++t) {
      if (known[t].ordinal >= c.end_ordinal) consider(known[t]);
    }
    if (negative != nullptr && negative_distance <= positive_distance) {
      if (reason != nullptr) {
        *reason = "rejected: near " + Quote(*negative);
      }
      return false;
    }
    if (positive != nullptr) {
      if (reason != nullptr) {
        *reason = "accepted: near " + Quote(*positive);
      }
      return true;
    }
    if (rules.tech_neighbors) {
      // Candidates are sorted by first token; aliases are short, so a neighbour that ends
      // within the window starts at most kMaxAliasTokens before it.
      constexpr uint32_t kMaxAliasTokens = 32;
      const uint32_t first = c.first_ordinal > window + kMaxAliasTokens
                                 ? c.first_ordinal - window - kMaxAliasTokens
                                 : 0;
      // Occurrences are decided in that order too, so where the window's candidates start
      // only moves on: a binary search over a piece's candidates for each one missed the
      // cache at most of its steps.
      const auto& candidates = s_.candidates;
      while (neighbors_from_ < candidates.size() &&
             candidates[neighbors_from_].first_ordinal < first) {
        ++neighbors_from_;
      }
      for (auto it = candidates.begin() + static_cast<std::ptrdiff_t>(neighbors_from_);
           it != candidates.end() && it->first_ordinal < c.end_ordinal + window; ++it) {
        const Candidate& other = *it;
        if (other.ambiguous || other.end_ordinal + window <= c.first_ordinal ||
            !on_line(known[other.first])) {
          continue;
        }
        if (reason != nullptr) {
          *reason = "accepted: near " + Quote(m_.spec().entries[other.entry].term.name) +
                    ", another skill";
        }
        return true;
      }
    }
    if (reason != nullptr) {
      *reason = rules.default_accept ? "accepted: no context against it (default accept)"
                                     : "rejected: no supporting context (default reject)";
    }
    return rules.default_accept;
  }

  // Matches and decisions come in text order, so a hint into the edit list makes each
  // mapping a step instead of a binary search.
  uint64_t InputBegin(const Candidate& c) {
    return base_ + s_.normalized.ToInputBegin(c.begin, &edit_hint_);
  }
  uint64_t InputEnd(const Candidate& c) {
    return base_ + s_.normalized.ToInputEnd(c.end, &edit_hint_);
  }

  // Leftmost-longest over the accepted candidates; at equal length an alias as written
  // beats a derived variant, and an alias beats a pattern.
  void Select() {
    const auto& cands = s_.candidates;
    uint32_t covered_to = 0;
    for (size_t i = 0; i < cands.size();) {
      size_t group_end = i;
      const Candidate* best = nullptr;
      while (group_end < cands.size() && cands[group_end].first == cands[i].first) {
        const Candidate& c = cands[group_end++];
        if (!c.accepted) continue;
        if (best == nullptr || c.end_ordinal > best->end_ordinal ||
            (c.end_ordinal == best->end_ordinal && best->variant && !c.variant)) {
          best = &c;
        }
      }
      if (best != nullptr && best->first_ordinal >= covered_to) {
        if (options_.count_only) {
          if (s_.term_count[best->entry]++ == 0) s_.counted_terms.push_back(best->entry);
        } else {
          Match match;
          match.term = best->entry;
          match.begin = InputBegin(*best);
          match.end = InputEnd(*best);
          match.source = best->source;
          match.form = best->form;
          match.by_context = best->ambiguous;
          out_->matches.push_back(match);
        }
        covered_to = best->end_ordinal;
      }
      i = group_end;
    }
  }

  const MatcherImpl& m_;
  ScratchImpl& s_;
  const ScanOptions& options_;
  uint64_t base_;
  ScanResult* out_;
  std::string_view text_;
  size_t edit_hint_ = 0;
  size_t neighbors_from_ = 0;  // the first candidate that may be a neighbour (Decide)
};

// Returns where the piece starting at `from` should end, near kPieceBytes. No alias may
// span the cut, so the best cut is a blank line, then a line break after phrase-ending
// punctuation (which no alias crosses anyway), then any line break not after a hyphen or
// soft hyphen (the normalizer joins those), then a space; failing all of them (one huge
// "word"), a UTF-8 character boundary. Always returns more than `from`.
size_t PieceEnd(std::string_view text, size_t from) {
  if (text.size() - from <= kPieceBytes) return text.size();
  const size_t limit = from + kPieceBytes;
  const size_t floor = from + kPieceBytes / 2;
  const auto previous_visible = [&](size_t cut) -> char {
    size_t k = cut - 1;  // the '\n'
    while (k > from && (text[k - 1] == ' ' || text[k - 1] == '\t' || text[k - 1] == '\r')) --k;
    return k > from ? text[k - 1] : '\0';
  };
  // One walk down the line breaks (memrchr: a piece of prose has no blank line, and a
  // byte loop per rule over half a mebibyte was a tenth of the scan), remembering the best
  // cut of each lesser kind on the way.
  size_t after_punctuation = 0;
  size_t after_plain_line = 0;
  for (size_t end = limit; end > floor;) {
    const void* found = memrchr(text.data() + floor, '\n', end - floor);
    if (found == nullptr) break;
    const auto newline = static_cast<size_t>(static_cast<const char*>(found) - text.data());
    const size_t cut = newline + 1;
    const char before = previous_visible(cut);
    if (before == '\n') return cut;  // a blank line
    if (after_punctuation == 0 &&
        (before == '.' || before == ',' || before == ';' || before == ':' || before == ')')) {
      after_punctuation = cut;
    }
    const bool soft_hyphen = cut >= from + 3 && text[cut - 2] == '\xAD' && text[cut - 3] == '\xC2';
    if (after_plain_line == 0 && before != '-' && !soft_hyphen) after_plain_line = cut;
    end = newline;
  }
  if (after_punctuation != 0) return after_punctuation;
  if (after_plain_line != 0) return after_plain_line;
  for (size_t cut = limit; cut > floor; --cut) {
    if (text[cut - 1] == ' ') return cut;
  }
  // Back up at most three bytes to the start of a UTF-8 sequence; invalid input (a run of
  // continuation bytes) is cut where it is.
  size_t cut = limit;
  for (int step = 0; step < 3 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80; ++step) {
    --cut;
  }
  return (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80 ? limit : cut;
}

// How many matches a text of `total` bytes is likely to hold, from the `found` in its
// first `scanned` bytes, plus an eighth. Reserving that much once after the first piece
// spares a large text the vector's doublings: at 1 GB, the copies and the pages faulted
// in for the abandoned halves took a fifth of a run. At most two bytes of matches per
// byte of text are reserved (a match per twenty bytes; bulk job ads hold one per sixty),
// so a dense first piece of a sparse text cannot claim more than that; a denser text
// grows past it as vectors do.
size_t ExpectedMatches(size_t found, size_t scanned, size_t total) {
  const double expected = static_cast<double>(found) * static_cast<double>(total) /
                          static_cast<double>(scanned) * 1.125;
  const double most = static_cast<double>(total / sizeof(Match) * 2);
  return static_cast<size_t>(std::min(expected, most));
}

void AddImplied(const MatcherImpl& m, ScratchImpl& scratch, ScanResult* out) {
  std::vector<uint8_t>& seen = scratch.term_seen;  // matched, or implied already
  if (seen.size() != m.implies.size()) seen.assign(m.implies.size(), 0);
  std::vector<uint32_t>& queue = scratch.implied_queue;
  std::vector<uint32_t>& origin = scratch.implied_origin;
  queue.clear();
  const auto note = [&](uint32_t term) {
    if (seen[term] != 0) return;
    seen[term] = 1;
    queue.push_back(term);
  };
  for (const Match& match : out->matches) note(match.term);
  for (const TermCount& counted : out->term_counts) note(counted.term);
  // Breadth first from the matched terms in term order: each implied term is credited to
  // the first of them that reaches it.
  std::sort(queue.begin(), queue.end());
  const size_t matched = queue.size();
  origin.assign(queue.begin(), queue.end());
  for (size_t q = 0; q < queue.size(); ++q) {
    for (const uint32_t target : m.implies[queue[q]]) {
      if (seen[target] != 0) continue;
      seen[target] = 1;
      queue.push_back(target);
      origin.push_back(origin[q]);
    }
  }
  const size_t implied_begin = out->implied.size();
  for (size_t q = matched; q < queue.size(); ++q) out->implied.push_back({queue[q], origin[q]});
  std::sort(out->implied.begin() + static_cast<std::ptrdiff_t>(implied_begin), out->implied.end(),
            [](const ImpliedTerm& a, const ImpliedTerm& b) { return a.term < b.term; });
  for (const uint32_t t : queue) seen[t] = 0;
}

}  // namespace
}  // namespace internal

Matcher::Scratch::Scratch() : impl_(std::make_unique<internal::ScratchImpl>()) {}
Matcher::Scratch::~Scratch() = default;
Matcher::Scratch::Scratch(Scratch&&) noexcept = default;
Matcher::Scratch& Matcher::Scratch::operator=(Scratch&&) noexcept = default;

Matcher::Matcher(std::unique_ptr<internal::MatcherImpl> impl) : impl_(std::move(impl)) {}
Matcher::Matcher(Matcher&&) noexcept = default;
Matcher& Matcher::operator=(Matcher&&) noexcept = default;
Matcher::~Matcher() = default;

Result<Matcher> Matcher::Compile(const Lexicon& lexicon) {
  using namespace internal;
  auto impl = std::make_unique<MatcherImpl>(lexicon);
  const LexiconImpl& spec = impl->spec();
  Result<TermTable> table = TermTable::Build(spec);
  if (!table.ok()) return table.status();
  impl->table = std::move(*table);

  const size_t n = spec.entries.size();
  impl->contexts.resize(n);
  impl->implies.resize(n);
  impl->patterns_by_entry.resize(n);
  for (uint32_t e = 0; e < n; ++e) {
    const EntrySpec& entry = spec.entries[e];
    for (const std::string& target : entry.term.implies) {
      auto it = spec.index_by_id.find(target);
      if (it == spec.index_by_id.end()) {
        return Status(StatusCode::kInvalidLexicon,
                      "entry " + Quote(entry.term.id) + ": implies unknown id " + Quote(target),
                      entry.where);
      }
      impl->implies[e].push_back(static_cast<uint32_t>(it->second));
    }
    for (uint32_t p = 0; p < entry.patterns.size(); ++p) {
      const PatternSpec& pattern = entry.patterns[p];
      Result<std::unique_ptr<RE2>> re =
          CompilePattern(pattern, entry, "pattern " + std::to_string(p + 1));
      if (!re.ok()) return re.status();
      impl->patterns_by_entry[e].push_back(static_cast<uint32_t>(impl->patterns.size()));
      impl->patterns.push_back({e, p, std::move(*re)});
    }
    if (!entry.has_context) continue;
    CompiledContext& context = impl->contexts[e];
    const auto add_words = [&](const std::vector<std::string>& words, ContextWords* out) {
      for (const std::string& w : words) {
        out->words.push_back(text::FoldCase(w));
        const uint32_t id =
            impl->table.TokenId(text::HashKey(out->words.back()), out->words.back());
        if (id != TermTable::kNoToken) {
          out->Add(id, static_cast<uint32_t>(out->words.size() - 1));
        }
      }
      // Stable: of two words with one id, the list's first is the one named.
      std::stable_sort(
          out->by_id.begin(), out->by_id.end(),
          [](const ContextWords::ById& a, const ContextWords::ById& b) { return a.id < b.id; });
    };
    add_words(entry.context.positive, &context.positive);
    add_words(entry.context.negative, &context.negative);
    for (size_t p = 0; p < entry.context.positive_patterns.size(); ++p) {
      Result<std::unique_ptr<RE2>> re = CompilePattern(entry.context.positive_patterns[p], entry,
                                                       "positive pattern " + std::to_string(p + 1));
      if (!re.ok()) return re.status();
      context.positive_patterns.push_back(std::move(*re));
    }
    for (size_t p = 0; p < entry.context.negative_patterns.size(); ++p) {
      Result<std::unique_ptr<RE2>> re = CompilePattern(entry.context.negative_patterns[p], entry,
                                                       "negative pattern " + std::to_string(p + 1));
      if (!re.ok()) return re.status();
      context.negative_patterns.push_back(std::move(*re));
    }
    std::string any;
    for (const auto* specs : {&entry.context.negative_patterns, &entry.context.positive_patterns}) {
      for (const PatternSpec& pattern : *specs) {
        if (!any.empty()) any += '|';
        any += pattern.case_policy == CasePolicy::kExact ? "(?:" : "(?i:";
        any += pattern.regex;
        any += ')';
      }
    }
    if (!any.empty()) {
      RE2::Options options;
      options.set_log_errors(false);
      auto re = std::make_unique<RE2>(any, options);
      if (re->ok()) context.any_pattern = std::move(re);
    }
  }
  return Matcher(std::move(impl));
}

const Lexicon& Matcher::lexicon() const { return impl_->lexicon; }

std::span<const uint32_t> Matcher::ImpliedTerms(size_t term) const { return impl_->implies[term]; }

ScanResult Matcher::Scan(std::string_view text, const ScanOptions& options) const {
  // A scratch of its own cost every small document (a resume scored in a batch) the
  // allocation of all its buffers; a scratch may serve any matcher, one at a time.
  thread_local Scratch scratch;
  return Scan(text, options, scratch);
}

ScanResult Matcher::Scan(std::string_view text, const ScanOptions& options,
                         Scratch& scratch) const {
  ScanResult result;
  internal::ScratchImpl& s = *scratch.impl_;
  if (options.count_only) {
    // Counts a scan that ended in an exception left behind are dropped.
    for (const uint32_t term : s.counted_terms) s.term_count[term] = 0;
    s.counted_terms.clear();
    if (s.term_count.size() != impl_->implies.size()) s.term_count.assign(impl_->implies.size(), 0);
    // Room for every term: counting never allocates, so no count is left without its term
    // in the list (which the clean-up above goes by).
    s.counted_terms.reserve(impl_->implies.size());
  }
  for (size_t from = 0; from < text.size();) {
    const size_t to = internal::PieceEnd(text, from);
    internal::Scan(*impl_, s, options, from, &result).Run(text.substr(from, to - from));
    if (from == 0 && to < text.size() && !options.count_only) {
      try {
        result.matches.reserve(internal::ExpectedMatches(result.matches.size(), to, text.size()));
      } catch (const std::bad_alloc&) {
        // Only a guess, and memory may be short (a ulimit, strict overcommit): the
        // vector grows as it would have.
      }
    }
    from = to;
  }
  if (options.count_only) {
    std::sort(s.counted_terms.begin(), s.counted_terms.end());
    result.term_counts.reserve(s.counted_terms.size());
    for (const uint32_t term : s.counted_terms) {
      result.term_counts.push_back({term, s.term_count[term]});
      s.term_count[term] = 0;
    }
    s.counted_terms.clear();
  }
  internal::AddImplied(*impl_, s, &result);
  return result;
}

std::vector<Match> Matcher::FindAll(std::string_view text) const { return Scan(text).matches; }

void Matcher::ForEach(std::string_view text, Scratch& scratch,
                      const std::function<bool(const Match&)>& on_match) const {
  ScanResult piece_result;
  for (size_t from = 0; from < text.size();) {
    const size_t to = internal::PieceEnd(text, from);
    piece_result.matches.clear();
    internal::Scan(*impl_, *scratch.impl_, {}, from, &piece_result)
        .Run(text.substr(from, to - from));
    for (const Match& m : piece_result.matches) {
      if (!on_match(m)) return;
    }
    from = to;
  }
}

size_t Matcher::MemoryBytes() const {
  size_t bytes = impl_->table.MemoryBytes();
  for (const auto& p : impl_->patterns) bytes += static_cast<size_t>(p.re->ProgramSize()) * 16;
  return bytes;
}

}  // namespace jobfit

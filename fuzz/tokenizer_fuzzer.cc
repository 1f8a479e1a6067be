// Differential libFuzzer target for the tokenizer: the 64-byte block path must give the
// same tokens as the byte loop it falls back to, for the full stream (keys and flags) and
// for the matcher's known-token stream (ordinals, ids, flags), on any bytes. The reader's
// quality count is held to its byte loop the same way, and the case folding the scan
// skips for words of other scripts to what it would have given. A vocabulary's screen
// must keep every known token that is alone or in a pair, and only known tokens.
//
//   build/fuzz/fuzz/tokenizer_fuzzer corpora/resumes
#include <cstddef>
#include <cstdint>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "read/quality.h"
#include "text/code_points.h"
#include "text/normalizer.h"
#include "text/tokenizer.h"
#include "text/vocabulary.h"

namespace {

const jobfit::text::Vocabulary& TestVocabulary() {
  static const jobfit::text::Vocabulary* const vocabulary = [] {
    auto* v = new jobfit::text::Vocabulary;
    for (const char* key :
         {"c++",   "c#",     ".net",       "node.js",  "ci",     "cd",       "scikit",
          "learn", "a",      "r",          "go",       "python", "pandas",   "software",
          "the",   "and",    "machine",    "learning", "data",   "o'reilly", "pytorch",
          "17",    "3.x",    "www",        "com",      "x",      "e",        "mail",
          "java",  "script", "javascript", "apache",   "spark"}) {
      v->Intern(key);
    }
    // Context-only keys, as the matcher adds them: glued, they are still split.
    v->EndWholeWords();
    for (const char* key : {"kuberay", "pyspark", "javascript2", "datascience"}) v->Intern(key);
    return v;
  }();
  return *vocabulary;
}

// TestVocabulary's keys and filler keys, enough for a screen (Vocabulary::kMinKeysToScreen):
// unscreened, and screened with some words kept alone and some pairs.
struct ScreenPair {
  jobfit::text::Vocabulary plain;
  jobfit::text::Vocabulary screened;
  std::set<uint32_t> alone;
  std::set<std::pair<uint32_t, uint32_t>> pairs;
};

const ScreenPair& TestScreenPair() {
  static const ScreenPair* const both = [] {
    auto* out = new ScreenPair{TestVocabulary(), TestVocabulary(), {}, {}};
    for (int i = 0; out->plain.size() < jobfit::text::Vocabulary::kMinKeysToScreen; ++i) {
      out->plain.Intern("filler" + std::to_string(i));
      out->screened.Intern("filler" + std::to_string(i));
    }
    const auto id = [&](std::string_view key) {
      return out->plain.Find(jobfit::text::HashKey(key), key);
    };
    for (const char* key : {"c++", "c#", ".net", "r", "go", "python", "17", "kuberay"}) {
      out->alone.insert(id(key));
    }
    for (const auto& [first, second] :
         std::vector<std::pair<const char*, const char*>>{{"machine", "learning"},
                                                          {"scikit", "learn"},
                                                          {"ci", "cd"},
                                                          {"apache", "spark"},
                                                          {"java", "script"},
                                                          {"the", "software"},
                                                          {"pandas", "software"},
                                                          {"data", "the"},
                                                          {"o'reilly", "a"},
                                                          {"a", "x"},
                                                          {"x", "e"}}) {
      out->pairs.insert({id(first), id(second)});
    }
    for (const uint32_t word : out->alone) out->screened.KeepAlone(word);
    for (const auto& [first, second] : out->pairs) out->screened.KeepPair(first, second);
    out->screened.BuildScreen();
    return out;
  }();
  return *both;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace jobfit::text;
  const std::string_view raw(reinterpret_cast<const char*>(data), size);
  if (!(jobfit::read::CountText(raw, jobfit::read::CountPath::kBlocks) ==
        jobfit::read::CountText(raw, jobfit::read::CountPath::kBytes))) {
    __builtin_trap();
  }

  NormalizedText normalized;
  Normalize(raw, {}, &normalized);
  const std::string_view text = normalized.text();

  TokenStream blocks;
  TokenStream bytes;
  Tokenize(text, &blocks, TokenizerPath::kBlocks);
  Tokenize(text, &bytes, TokenizerPath::kBytes);
  if (blocks.tokens.size() != bytes.tokens.size()) __builtin_trap();
  for (size_t i = 0; i < bytes.tokens.size(); ++i) {
    const Token& a = blocks.tokens[i];
    const Token& b = bytes.tokens[i];
    if (a.begin != b.begin || a.end != b.end || a.flags != b.flags || a.hash != b.hash ||
        blocks.Key(a) != bytes.Key(b) || a.begin >= a.end || a.end > text.size()) {
      __builtin_trap();
    }
  }

  // A word the known-token scan turns away unfolded, for holding a code point that folds
  // past Latin-1, must fold to a key with such a code point (a lead byte from 0xC4): no
  // key of a vocabulary without one can match it.
  for (const Token& t : bytes.tokens) {
    if (!HoldsCodePointFoldingPastLatin1(text.substr(t.begin, t.end - t.begin))) continue;
    bool past_latin1 = false;
    for (const char c : bytes.Key(t)) past_latin1 |= static_cast<unsigned char>(c) >= 0xC4;
    if (!past_latin1) __builtin_trap();
  }

  KnownTokenStream known_blocks;
  KnownTokenStream known_bytes;
  TokenizeKnown(text, TestVocabulary(), &known_blocks, TokenizerPath::kBlocks);
  TokenizeKnown(text, TestVocabulary(), &known_bytes, TokenizerPath::kBytes);
  if (known_blocks.token_count != known_bytes.token_count ||
      known_blocks.tokens.size() != known_bytes.tokens.size()) {
    __builtin_trap();
  }
  for (size_t i = 0; i < known_bytes.tokens.size(); ++i) {
    const KnownToken& a = known_blocks.tokens[i];
    const KnownToken& b = known_bytes.tokens[i];
    if (a.begin != b.begin || a.end != b.end || a.ordinal != b.ordinal || a.id != b.id ||
        a.flags != b.flags) {
      __builtin_trap();
    }
  }

  // With a screen, the known tokens kept are some of those kept without one, each the
  // same, among them every token kept alone and both tokens of every pair that stand next
  // to each other with no phrase break between; on both paths.
  const ScreenPair& screen = TestScreenPair();
  KnownTokenStream all;
  TokenizeKnown(text, screen.plain, &all, TokenizerPath::kBytes);
  for (const TokenizerPath path : {TokenizerPath::kBlocks, TokenizerPath::kBytes}) {
    KnownTokenStream kept;
    TokenizeKnown(text, screen.screened, &kept, path);
    if (kept.token_count != all.token_count) __builtin_trap();
    size_t k = 0;
    for (size_t i = 0; i < all.tokens.size(); ++i) {
      const KnownToken& t = all.tokens[i];
      const auto pairs_with = [&](size_t first, size_t second) {
        return all.tokens[second].ordinal == all.tokens[first].ordinal + 1 &&
               (all.tokens[second].flags & kBreakBefore) == 0 &&
               screen.pairs.count({all.tokens[first].id, all.tokens[second].id}) > 0;
      };
      const bool required = screen.alone.count(t.id) > 0 || (i > 0 && pairs_with(i - 1, i)) ||
                            (i + 1 < all.tokens.size() && pairs_with(i, i + 1));
      if (k < kept.tokens.size() && kept.tokens[k].ordinal == t.ordinal) {
        const KnownToken& u = kept.tokens[k++];
        if (u.begin != t.begin || u.end != t.end || u.id != t.id || u.flags != t.flags) {
          __builtin_trap();
        }
      } else if (required) {
        __builtin_trap();
      }
    }
    if (k != kept.tokens.size()) __builtin_trap();  // a token the plain scan did not keep
  }
  return 0;
}

// The tokenizer: splits normalized text into the tokens lexicon aliases are made of.
//
// Letters and digits form tokens. Technology names keep the punctuation that makes them
// what they are: "C++", "C#", "F#" keep a trailing "+"/"#" ("C++17" is "C++", "17"); "Node.js",
// "ASP.NET", "3.x" keep an inner "." and ".NET" a leading one. Hyphens, slashes, "&" and other
// punctuation separate tokens, so "scikit-learn" and "scikit learn", "CI/CD" and "CI CD" are the
// same token sequence. A possessive "'s" is dropped ("PyTorch's" -> pytorch). E-mail addresses and
// URLs yield no tokens: "jane@python.org" is contact data, not a Python skill.
//
// Each token records its bytes in the normalized text and its case-folded key (ASCII
// lower-casing inline; ICU case folding only for tokens with non-ASCII letters), with a
// hash of the key for the term table.
#ifndef JOBFIT_TEXT_TOKENIZER_H_
#define JOBFIT_TEXT_TOKENIZER_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "text/vocabulary.h"

namespace jobfit::text {

enum TokenFlag : uint8_t {
  kHyphenBefore = 1 << 0,  // "-" joins this token to the previous one ("go-to")
  kHyphenAfter = 1 << 1,   // "-" joins this token to the next one
  kNonAscii = 1 << 2,      // the token has non-ASCII letters
  // Punctuation that ends a phrase (, ; : ( ) [ ] | ! ? " a sentence's ". " or a bullet)
  // stands between this token and the previous one, so no alias may span the two:
  // "AWS (Glue, EMR)" must not read as "AWS Glue".
  kBreakBefore = 1 << 3,
  // A lower-case letter is followed by an upper-case word inside the token
  // ("mitigationSoftware"): two words glued by a lost line break or space. The matcher
  // splits such a token when the whole is not a known word (JavaScript stays one).
  kGlued = 1 << 4,
};

struct Token {
  uint32_t begin = 0;  // byte range in the normalized text
  uint32_t end = 0;
  uint32_t key_begin = 0;  // byte range of the folded key in TokenStream::keys
  uint32_t key_len = 0;
  uint64_t hash = 0;  // HashKey(key)
  uint8_t flags = 0;
};

// Tokens of one text. Reused across texts to keep allocation off the hot path.
struct TokenStream {
  std::vector<Token> tokens;
  std::string keys;

  std::string_view Key(const Token& t) const {
    return std::string_view(keys).substr(t.key_begin, t.key_len);
  }
  void Clear() {
    tokens.clear();
    keys.clear();
  }
};

// How the tokenizer walks the text; both paths give the same tokens. kBlocks classifies 64
// bytes at a time and reads plain words from bit masks, falling back to the byte loop for
// any byte whose meaning needs the rules above; kBytes is that byte loop alone, kept so
// tests can hold the two to the same result.
enum class TokenizerPath { kBlocks, kBytes };

// A token the vocabulary knows. Two known tokens are adjacent in the text's token
// sequence when their ordinals differ by one; the words between others were not kept.
struct KnownToken {
  uint32_t begin = 0;  // byte range in the normalized text
  uint32_t end = 0;
  uint32_t ordinal = 0;  // place among all tokens of the text, from 0
  uint32_t id = Vocabulary::kUnknown;
  uint8_t flags = 0;  // only kBreakBefore
};

struct KnownTokenStream {
  std::vector<KnownToken> tokens;
  uint32_t token_count = 0;  // all tokens of the text, known or not
};

// Tokenizes `normalized` by the same rules as Tokenize but keeps only tokens whose key
// `vocabulary` holds, without writing any key: the fast path for matching, where most
// words of a text are in no alias. With a screen (Vocabulary::BuildScreen) it keeps the
// known tokens the screen lets through, among them every token kept alone and both
// tokens of every kept pair that stand next to each other with no phrase break between;
// without one, every known token. A glued token ("andPandas") that is not known itself is
// split as SplitGluedToken does, and its known pieces kept. Replaces out's contents.
void TokenizeKnown(std::string_view normalized, const Vocabulary& vocabulary, KnownTokenStream* out,
                   TokenizerPath path = TokenizerPath::kBlocks);

// Appends the tokens of `normalized` (output of Normalize) to *out after clearing it.
// Texts longer than 4 GiB must be split by the caller (offsets are 32-bit).
void Tokenize(std::string_view normalized, TokenStream* out,
              TokenizerPath path = TokenizerPath::kBlocks);

// Splits a kGlued token at each lower-to-upper case transition that starts a word of two
// or more lower-case letters ("andPandas" -> "and", "Pandas"), appending the pieces' keys
// to stream->keys and the pieces to *pieces. Leaves *pieces empty when there is no split.
void SplitGluedToken(std::string_view normalized, const Token& token, TokenStream* stream,
                     std::vector<Token>* pieces);

// Returns the 64-bit hash used for token keys (stable across runs and builds; not
// cryptographic).
uint64_t HashKey(std::string_view key);

// Case-folds UTF-8 text: ASCII inline, the rest through ICU's full case folding.
std::string FoldCase(std::string_view text);
// The same into *out, replacing its contents: reusing one buffer saves an allocation per
// non-ASCII word.
void FoldCaseInto(std::string_view text, std::string* out);

}  // namespace jobfit::text

#endif  // JOBFIT_TEXT_TOKENIZER_H_

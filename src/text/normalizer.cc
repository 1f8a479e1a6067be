#include "text/normalizer.h"

#include <algorithm>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include <unicode/bytestream.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>

#include "base/file.h"
#include "text/code_points.h"
#include "text/utf8.h"

namespace jobfit::text {

size_t NormalizedText::EditAfterFrom(uint64_t offset, size_t* hint) const {
  const size_t n = edits_.size();
  size_t after = std::min(*hint, n);
  if (after > 0 && edits_[after - 1].text_begin > offset) {
    after = 0;  // went backwards: search from the start
  }
  // Walk a few edits forward, then fall back to a binary search of the rest.
  for (int step = 0; step < 8 && after < n && edits_[after].text_begin <= offset; ++step) ++after;
  if (after < n && edits_[after].text_begin <= offset) {
    after = static_cast<size_t>(
        std::upper_bound(edits_.begin() + static_cast<std::ptrdiff_t>(after), edits_.end(), offset,
                         [](uint64_t value, const Edit& e) { return value < e.text_begin; }) -
        edits_.begin());
  }
  *hint = after;
  return after;
}

uint64_t NormalizedText::ToInputBegin(uint64_t offset) const {
  size_t hint = 0;
  return ToInputBegin(offset, &hint);
}

uint64_t NormalizedText::ToInputEnd(uint64_t offset) const {
  size_t hint = 0;
  return ToInputEnd(offset, &hint);
}

// Appends to a NormalizedText while recording edits; adjacent copies need no record.
class NormalizerBuilder {
 public:
  NormalizerBuilder(std::string_view input, NormalizedText* out) : input_(input), out_(out) {
    out_->text_.clear();
    out_->edits_.clear();
    out_->input_size_ = input.size();
    out_->invalid_utf8_ = false;
    base::ReserveLarge(&out_->text_, input.size());
  }

  void Copy(size_t begin, size_t end) {
    if (begin < end) out_->text_.append(input_.data() + begin, end - begin);
  }

  void Replace(size_t begin, size_t end, std::string_view with) {
    if (with == input_.substr(begin, end - begin)) return Copy(begin, end);
    out_->edits_.push_back({out_->text_.size(), with.size(), begin, end - begin});
    out_->text_.append(with);
  }

  void NoteInvalidUtf8() { out_->invalid_utf8_ = true; }

  // Returns the last byte written, or 0 when nothing is.
  char LastOutput() const { return out_->text_.empty() ? '\0' : out_->text_.back(); }

 private:
  std::string_view input_;
  NormalizedText* out_;
};

namespace {

bool IsAsciiLetter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool IsAsciiAlnum(char c) { return IsAsciiLetter(c) || (c >= '0' && c <= '9'); }
bool IsHorizontalSpace(char c) { return c == ' ' || c == '\t'; }

// Returns the index after "[ \t]*\r?\n[ \t]*" starting at pos, or npos when there is no
// line break there.
size_t SkipLineBreak(std::string_view s, size_t pos) {
  while (pos < s.size() && IsHorizontalSpace(s[pos])) ++pos;
  if (pos < s.size() && s[pos] == '\r') ++pos;
  if (pos >= s.size() || s[pos] != '\n') return std::string_view::npos;
  ++pos;
  while (pos < s.size() && IsHorizontalSpace(s[pos])) ++pos;
  return pos;
}

// Windows-1252 byte for a code point, or -1. Bytes 0x80-0x9F that 1252 leaves undefined
// map to the C1 control of the same value, as decoders that fall back to Latin-1 do.
int Cp1252Byte(char32_t cp) {
  if (cp < 0x80) return static_cast<int>(cp);
  if (cp >= 0xA0 && cp <= 0xFF) return static_cast<int>(cp);
  if (cp == 0x81 || cp == 0x8D || cp == 0x8F || cp == 0x90 || cp == 0x9D) {
    return static_cast<int>(cp);
  }
  switch (cp) {
    case 0x20AC:
      return 0x80;
    case 0x201A:
      return 0x82;
    case 0x0192:
      return 0x83;
    case 0x201E:
      return 0x84;
    case 0x2026:
      return 0x85;
    case 0x2020:
      return 0x86;
    case 0x2021:
      return 0x87;
    case 0x02C6:
      return 0x88;
    case 0x2030:
      return 0x89;
    case 0x0160:
      return 0x8A;
    case 0x2039:
      return 0x8B;
    case 0x0152:
      return 0x8C;
    case 0x017D:
      return 0x8E;
    case 0x2018:
      return 0x91;
    case 0x2019:
      return 0x92;
    case 0x201C:
      return 0x93;
    case 0x201D:
      return 0x94;
    case 0x2022:
      return 0x95;
    case 0x2013:
      return 0x96;
    case 0x2014:
      return 0x97;
    case 0x02DC:
      return 0x98;
    case 0x2122:
      return 0x99;
    case 0x0161:
      return 0x9A;
    case 0x203A:
      return 0x9B;
    case 0x0153:
      return 0x9C;
    case 0x017E:
      return 0x9E;
    case 0x0178:
      return 0x9F;
    default:
      return -1;
  }
}

// Punctuation that a lossy Greek (Windows-1253) decoding leaves behind after the lead
// character of an emoji; it belongs to the damaged character, not to the text.
bool IsStrayWindowsPunctuation(char32_t cp) {
  switch (cp) {
    case 0x2018:
    case 0x2019:
    case 0x201C:
    case 0x201D:
    case 0x2022:
    case 0x2013:
    case 0x2014:
    case 0x20AC:
    case 0x2122:
    case 0x201A:
    case 0x201E:
    case 0x2026:
      return true;
    default:
      return false;
  }
}

bool IsGreek(char32_t cp) { return cp >= 0x0370 && cp <= 0x03FF; }

// The replacement for characters whose meaning survives as ASCII (or as nothing). Returns
// false when cp needs no special treatment.
bool MapSpecial(char32_t cp, std::string_view* with) {
  switch (cp) {
    case 0x00A0:
    case 0x1680:
    case 0x2000:
    case 0x2001:
    case 0x2002:
    case 0x2003:
    case 0x2004:
    case 0x2005:
    case 0x2006:
    case 0x2007:
    case 0x2008:
    case 0x2009:
    case 0x200A:
    case 0x202F:
    case 0x205F:
    case 0x3000:
    case 0x0085:
      *with = " ";
      return true;
    case 0x00AD:
    case 0x200B:
    case 0x200C:
    case 0x200D:
    case 0x2060:
    case 0xFEFF:
      *with = "";
      return true;
    case 0x2018:
    case 0x2019:
    case 0x201A:
    case 0x201B:
    case 0x2032:
    case 0x02BC:
      *with = "'";
      return true;
    case 0x201C:
    case 0x201D:
    case 0x201E:
    case 0x201F:
    case 0x2033:
    case 0x00AB:
    case 0x00BB:
      *with = "\"";
      return true;
    case 0x2010:
    case 0x2011:
    case 0x2012:
    case 0x2013:
    case 0x2014:
    case 0x2015:
    case 0x2212:
      *with = "-";
      return true;
    case 0x2028:
    case 0x2029:
      *with = "\n";
      return true;
    default:
      return false;
  }
}

// What the main loop can do with a non-ASCII run without RunNormalizer::Run.
enum class RunShape {
  // Comes out of Run as it went in: every code point NFKC-stable, none mapped (MapSpecial,
  // the soft hyphen), none a replacement character, none that could start a repair (a
  // Windows-1252 lead byte's character with more of the run after it, a lone beta or pi).
  // Accented letters, bullets and words in other scripts are copied with the ASCII around
  // them: handing each run to Run, with a copy before and after it, took most of
  // normalizing text with a non-ASCII character every hundred bytes.
  kPlain,
  // One character that MapSpecial replaces (an en dash, a curly quote, NBSP: the commonest
  // non-ASCII characters of resumes), replaced as Run would replace it.
  kOneMapped,
  kOther,
};

RunShape ShapeOfRun(std::string_view input, size_t begin, size_t end, std::string_view* mapped) {
  for (size_t pos = begin; pos < end;) {
    size_t len;
    const char32_t cp = DecodeUtf8(input, pos, &len);
    if (MapSpecial(cp, mapped)) {
      return pos == begin && pos + len == end && cp != 0x00AD ? RunShape::kOneMapped
                                                              : RunShape::kOther;
    }
    if (cp == kReplacementChar || (CodePointTraits(cp) & kNfkcStable) == 0 || cp == U'\u03B2' ||
        cp == U'\u03C0') {
      return RunShape::kOther;
    }
    const int lead = Cp1252Byte(cp);
    if (lead >= 0xC2 && lead <= 0xF4 && pos + len < end) return RunShape::kOther;
    pos += len;
  }
  return RunShape::kPlain;
}

const icu::Normalizer2* Nfkc() {
  static const icu::Normalizer2* const instance = [] {
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* n = icu::Normalizer2::getNFKCInstance(status);
    return U_SUCCESS(status) ? n : nullptr;
  }();
  return instance;
}

class RunNormalizer {
 public:
  RunNormalizer(std::string_view input, const NormalizeOptions& options, NormalizerBuilder* out)
      : input_(input), options_(options), out_(out) {}

  // Normalizes the non-ASCII run starting at `begin` (possibly extended back over one
  // ASCII base character); returns where the run ends.
  size_t Run(size_t begin, size_t end_of_run) {
    size_t pos = begin;
    pending_begin_ = pending_end_ = begin;
    while (pos < end_of_run) {
      size_t len;
      const char32_t cp = DecodeUtf8(input_, pos, &len);
      size_t consumed = 0;
      std::string replacement;
      if (TryRepair(cp, pos, len, end_of_run, &replacement, &consumed)) {
        FlushPending();
        std::string_view mapped;
        size_t cp_len;
        const char32_t repaired =
            replacement.size() > 1 ? DecodeUtf8(replacement, 0, &cp_len) : U'\0';
        if (repaired != U'\0' && cp_len == replacement.size() && MapSpecial(repaired, &mapped)) {
          out_->Replace(pos, pos + consumed, mapped);
        } else {
          out_->Replace(pos, pos + consumed, replacement);
        }
        pos += consumed;
        pending_begin_ = pending_end_ = pos;
        continue;
      }
      std::string_view mapped;
      if (cp == kReplacementChar && len == 1) {
        out_->NoteInvalidUtf8();
        FlushPending();
        out_->Replace(pos, pos + 1, "\xEF\xBF\xBD");
        pos += 1;
      } else if (cp == 0x00AD && options_.join_hyphenated_lines) {
        FlushPending();
        const size_t after = SkipLineBreak(input_, pos + len);
        const bool joins = after != std::string_view::npos && after < input_.size() &&
                           IsAsciiLetter(input_[after]) && IsAsciiLetter(out_->LastOutput());
        const size_t stop = joins ? after : pos + len;
        out_->Replace(pos, stop, "");
        pos = stop;
        if (stop > end_of_run) return stop;
      } else if (MapSpecial(cp, &mapped)) {
        FlushPending();
        out_->Replace(pos, pos + len, mapped);
        pos += len;
      } else {
        pending_stable_ = pending_stable_ && (CodePointTraits(cp) & kNfkcStable) != 0;
        pending_end_ = pos + len;
        pos += len;
        continue;
      }
      pending_begin_ = pending_end_ = pos;
    }
    FlushPending();
    return pos;
  }

 private:
  bool TryRepair(char32_t cp, size_t pos, size_t len, size_t end_of_run, std::string* out,
                 size_t* consumed) {
    if (!options_.repair_mojibake) return false;
    // UTF-8 read as Windows-1252: the lead byte and its continuation bytes each became a
    // character. Re-encode them to 1252 and check that they form one UTF-8 character.
    const int lead = Cp1252Byte(cp);
    if (lead >= 0xC2 && lead <= 0xF4) {
      const size_t need = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2;
      std::string bytes(1, static_cast<char>(lead));
      size_t at = pos + len;
      for (size_t k = 1; k < need && at < end_of_run; ++k) {
        size_t next_len;
        const int b = Cp1252Byte(DecodeUtf8(input_, at, &next_len));
        if (b < 0x80 || b > 0xBF) break;
        bytes.push_back(static_cast<char>(b));
        at += next_len;
      }
      if (bytes.size() == need) {
        size_t decoded_len;
        const char32_t decoded = DecodeUtf8(bytes, 0, &decoded_len);
        if (decoded != kReplacementChar && decoded_len == need) {
          *out = bytes;
          *consumed = at - pos;
          return true;
        }
      }
    }
    // UTF-8 read as Windows-1253 by a decoder that dropped the bytes it could not map:
    // only the lead byte survives, as a lone Greek letter inside Latin text.
    if (cp == U'β' || cp == U'π') {
      const char32_t before = PreviousCodePoint(pos);
      size_t next_len = 0;
      const char32_t after =
          pos + len < input_.size() ? DecodeUtf8(input_, pos + len, &next_len) : U'\0';
      if (IsGreek(before) || IsGreek(after)) return false;
      size_t end = pos + len;
      if (cp == U'β') {
        const bool inside_word = IsAsciiLetter(static_cast<char>(before < 0x80 ? before : 0)) &&
                                 IsAsciiLetter(static_cast<char>(after < 0x80 ? after : 0));
        *out = inside_word ? "'" : " ";
      } else {
        while (end < end_of_run) {
          size_t stray_len;
          if (!IsStrayWindowsPunctuation(DecodeUtf8(input_, end, &stray_len))) break;
          end += stray_len;
        }
        *out = " ";
      }
      *consumed = end - pos;
      return true;
    }
    return false;
  }

  char32_t PreviousCodePoint(size_t pos) const {
    if (pos == 0) return U'\0';
    size_t start = pos - 1;
    while (start > 0 && pos - start < 4 &&
           (static_cast<unsigned char>(input_[start]) & 0xC0) == 0x80) {
      --start;
    }
    size_t len;
    return DecodeUtf8(input_, start, &len);
  }

  // Normalizes the pending run one normalization segment at a time (a character with
  // its combining marks), so each edit covers one character: "ＰｙＴｏｒｃｈ・ＪＡＸ" maps
  // "PyTorch" and "JAX" back to their own input bytes, not both to the whole run.
  void FlushPending() {
    const bool stable = pending_stable_;
    pending_stable_ = true;
    if (pending_begin_ >= pending_end_) return;
    const icu::Normalizer2* nfkc = Nfkc();
    // A run of stable code points is in NFKC; without NFKC data text stays as it is.
    if (stable || nfkc == nullptr) {
      out_->Copy(pending_begin_, pending_end_);
      pending_begin_ = pending_end_;
      return;
    }
    // Most runs are already in NFKC (accented letters, CJK, Cyrillic): one check of the
    // whole run says so, where checking it segment by segment decoded every character.
    // Segments normalize independently, so a run in NFKC has every segment in NFKC.
    UErrorCode status = U_ZERO_ERROR;
    if (nfkc->isNormalizedUTF8(input_.substr(pending_begin_, pending_end_ - pending_begin_),
                               status) &&
        U_SUCCESS(status)) {
      out_->Copy(pending_begin_, pending_end_);
      pending_begin_ = pending_end_;
      return;
    }
    size_t segment_begin = pending_begin_;
    size_t pos = pending_begin_;
    while (pos < pending_end_) {
      size_t len;
      DecodeUtf8(input_, pos, &len);
      size_t next = pos + len;
      while (next < pending_end_) {
        size_t next_len;
        const char32_t cp = DecodeUtf8(input_, next, &next_len);
        if (nfkc->hasBoundaryBefore(static_cast<UChar32>(cp))) break;
        next += next_len;
      }
      NormalizeSegment(*nfkc, segment_begin, next);
      segment_begin = pos = next;
    }
    pending_begin_ = pending_end_;
  }

  void NormalizeSegment(const icu::Normalizer2& nfkc, size_t begin, size_t end) {
    const std::string_view segment = input_.substr(begin, end - begin);
    UErrorCode status = U_ZERO_ERROR;
    if (nfkc.isNormalizedUTF8(segment, status) || U_FAILURE(status)) {
      out_->Copy(begin, end);
      return;
    }
    std::string normalized;
    icu::StringByteSink<std::string> sink(&normalized);
    status = U_ZERO_ERROR;
    nfkc.normalizeUTF8(0, segment, sink, nullptr, status);
    if (U_FAILURE(status)) {
      out_->Copy(begin, end);
    } else {
      out_->Replace(begin, end, normalized);
    }
  }

  std::string_view input_;
  const NormalizeOptions& options_;
  NormalizerBuilder* out_;
  size_t pending_begin_ = 0;
  size_t pending_end_ = 0;
  bool pending_stable_ = true;  // every code point pending is kNfkcStable
};

}  // namespace

namespace {

// True when any of the eight bytes at p is non-ASCII or a '-' (a possible line-end
// hyphen): the classic "has zero byte" test on the bytes XOR '-'.
bool HasHighByteOrHyphen(const char* p) {
  constexpr uint64_t kOnes = 0x0101010101010101ULL;
  constexpr uint64_t kHighs = 0x8080808080808080ULL;
  uint64_t chunk;
  std::memcpy(&chunk, p, 8);
  const uint64_t hyphens = chunk ^ (kOnes * static_cast<unsigned char>('-'));
  return (((hyphens - kOnes) & ~hyphens) | chunk) & kHighs;
}

// Returns the position of the first non-ASCII byte at or after pos, or of a '-' that may
// end a line inside a word (one after an ASCII letter and before white space, which
// SkipLineBreak needs), or a position at or past the end when there is none. Other '-'
// may be returned too; the caller passes them by. Sixteen bytes at a time, a hyphen is
// only a stop with a letter before it and white space after it: stopping at every
// hyphen ("scikit-learn", "end-to-end", list dashes) cost a mispredicted exit from the
// loop each, as many as all the non-ASCII stops together.
size_t NextHighByteOrHyphen(std::string_view input, size_t pos) {
  const size_t n = input.size();
#if defined(__SSE2__)
  if (pos == 0 && n > 0) {
    if (static_cast<unsigned char>(input[0]) >= 0x80) return 0;
    pos = 1;  // a hyphen in the first byte has no letter before it
  }
  const auto bytes_at = [&](size_t at) {
    return _mm_loadu_si128(reinterpret_cast<const __m128i*>(input.data() + at));
  };
  while (pos + 17 <= n) {
    const __m128i bytes = bytes_at(pos);
    const __m128i folded_before = _mm_or_si128(bytes_at(pos - 1), _mm_set1_epi8(0x20));
    // Signed compares: non-ASCII bytes are negative, below 'a'.
    const __m128i letter_before =
        _mm_and_si128(_mm_cmpgt_epi8(folded_before, _mm_set1_epi8('a' - 1)),
                      _mm_cmplt_epi8(folded_before, _mm_set1_epi8('z' + 1)));
    const __m128i after = bytes_at(pos + 1);
    const __m128i space_after =
        _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(after, _mm_set1_epi8(' ')),
                                  _mm_cmpeq_epi8(after, _mm_set1_epi8('\t'))),
                     _mm_or_si128(_mm_cmpeq_epi8(after, _mm_set1_epi8('\r')),
                                  _mm_cmpeq_epi8(after, _mm_set1_epi8('\n'))));
    const __m128i line_end_hyphen = _mm_and_si128(_mm_cmpeq_epi8(bytes, _mm_set1_epi8('-')),
                                                  _mm_and_si128(letter_before, space_after));
    // The sign bit of each lane is set for a non-ASCII byte or such a hyphen.
    const auto mask =
        static_cast<uint32_t>(_mm_movemask_epi8(_mm_or_si128(bytes, line_end_hyphen)));
    if (mask != 0) return pos + static_cast<size_t>(__builtin_ctz(mask));
    pos += 16;
  }
#endif
  while (pos + 8 <= n && !HasHighByteOrHyphen(input.data() + pos)) pos += 8;
  while (pos < n && static_cast<unsigned char>(input[pos]) < 0x80 && input[pos] != '-') ++pos;
  return pos;
}

// True when Normalize would copy `input` unchanged: no non-ASCII byte, and no hyphen
// that could end a line inside a word. Reads eight bytes at a time and returns at the
// first non-ASCII byte: most pieces of real text have one early.
bool IsAlreadyNormal(std::string_view input, const NormalizeOptions& options) {
  const char* p = input.data();
  const size_t n = input.size();
  size_t i = 0;
  for (; i + 8 <= n; i += 8) {
    uint64_t chunk;
    std::memcpy(&chunk, p + i, 8);
    if ((chunk & 0x8080808080808080ULL) != 0) return false;
  }
  for (; i < n; ++i) {
    if (static_cast<unsigned char>(p[i]) >= 0x80) return false;
  }
  if (!options.join_hyphenated_lines) return true;
  for (const char* dash = static_cast<const char*>(std::memchr(p, '-', n)); dash != nullptr;
       dash = static_cast<const char*>(
           std::memchr(dash + 1, '-', static_cast<size_t>(p + n - dash - 1)))) {
    const auto pos = static_cast<size_t>(dash - p);
    if (pos > 0 && IsAsciiLetter(p[pos - 1]) &&
        SkipLineBreak(input, pos + 1) != std::string_view::npos) {
      return false;
    }
  }
  return true;
}

}  // namespace

void Normalize(std::string_view input, const NormalizeOptions& options, NormalizedText* out) {
  if (IsAlreadyNormal(input, options)) {
    out->text_.clear();
    out->edits_.clear();
    out->input_size_ = input.size();
    out->invalid_utf8_ = false;
    out->view_ = input;
    return;
  }
  NormalizerBuilder builder(input, out);
  RunNormalizer runs(input, options, &builder);
  size_t copy_from = 0;
  size_t pos = 0;
  const size_t n = input.size();
  while (pos < n) {
    // Plain ASCII without hyphens is copied as it is: skip to the next byte that may need
    // work. Jumping straight to it, rather than stepping byte by byte after an eight-byte
    // test failed, took most of this loop's mispredicted branches away.
    pos = NextHighByteOrHyphen(input, pos);
    if (pos >= n) break;
    const char c = input[pos];
    if (static_cast<unsigned char>(c) >= 0x80) {
      size_t end = pos;
      while (end < n && static_cast<unsigned char>(input[end]) >= 0x80) ++end;
      if (options.copy_plain_runs) {
        std::string_view mapped;
        const RunShape shape = ShapeOfRun(input, pos, end, &mapped);
        if (shape == RunShape::kPlain) {
          pos = end;
          continue;
        }
        if (shape == RunShape::kOneMapped) {
          builder.Copy(copy_from, pos);
          builder.Replace(pos, end, mapped);
          pos = copy_from = end;
          continue;
        }
      }
      size_t begin = pos;
      // A combining mark composes with the ASCII letter before it ("e" + U+0301), so that
      // letter joins the run NFKC sees.
      size_t first_len;
      const char32_t first = DecodeUtf8(input, pos, &first_len);
      // No character below U+0300 combines: runs that start with a Latin-1 or Latin
      // Extended letter ("café", "Straße") skip the look-up.
      if (pos > copy_from && first >= 0x300 && IsAsciiAlnum(input[pos - 1]) &&
          (CodePointTraits(first) & kNfkcStable) == 0 && u_getCombiningClass(first) != 0) {
        begin = pos - 1;
      }
      builder.Copy(copy_from, begin);
      pos = runs.Run(begin, end);
      copy_from = pos;
      continue;
    }
    if (c == '-' && options.join_hyphenated_lines && pos > 0 && IsAsciiLetter(input[pos - 1])) {
      const size_t after = SkipLineBreak(input, pos + 1);
      if (after != std::string_view::npos && after < n && IsAsciiLetter(input[after])) {
        builder.Copy(copy_from, pos);
        builder.Replace(pos, after, "");
        pos = copy_from = after;
        continue;
      }
    }
    ++pos;
  }
  builder.Copy(copy_from, n);
  out->view_ = out->text_;
}

}  // namespace jobfit::text

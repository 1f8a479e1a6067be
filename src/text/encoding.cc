#include "text/encoding.h"

#include <algorithm>
#include <cstring>
#include <memory>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include <unicode/ucnv.h>
#include <unicode/ucsdet.h>

namespace jobfit::text {
namespace {

struct ConverterCloser {
  void operator()(UConverter* c) const { ucnv_close(c); }
};
using ConverterPtr = std::unique_ptr<UConverter, ConverterCloser>;

struct DetectorCloser {
  void operator()(UCharsetDetector* d) const { ucsdet_close(d); }
};

// Detection reads a sample: its statistics settle within a few KB, and ucsdet takes an
// int32 length.
constexpr size_t kDetectSample = 64 * 1024;

uint64_t CountReplacement(std::string_view utf8) {
  uint64_t n = 0;
  for (size_t pos = utf8.find("\xEF\xBF\xBD"); pos != std::string_view::npos;
       pos = utf8.find("\xEF\xBF\xBD", pos + 3)) {
    ++n;
  }
  return n;
}

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return (x | 0x20) == (y | 0x20);
         });
}

// Latin-1 in files is Windows-1252 in practice: 0x80-0x9F hold smart quotes and dashes.
std::string Canonical(std::string_view name) {
  if (EqualsIgnoreCase(name, "ISO-8859-1") || EqualsIgnoreCase(name, "latin1") ||
      EqualsIgnoreCase(name, "us-ascii") || EqualsIgnoreCase(name, "ascii")) {
    return "windows-1252";
  }
  return std::string(name);
}

}  // namespace

#if defined(__SSE2__)
namespace {

// How many of the 16 bytes are ASCII and whole two- and three-byte sequences that need
// no range check beyond their lead byte (leads C2-DF, E1-EC, EE-EF: accented letters,
// Greek, Cyrillic, CJK, typographic punctuation): all 16, or up to a sequence the block's
// edge cuts, which the next block then starts with. Those bytes are valid UTF-8 without
// looking at each character; 0 when the block holds anything else (E0, ED, four-byte
// sequences, an error), left to the byte loop. `high` is the block's sign-bit mask. A
// text in Greek or Cyrillic cuts a sequence at every other edge; sent to the byte loop,
// those were most of reading such a text.
size_t CommonSequencesPrefix(__m128i block, uint32_t high) {
  const auto lanes = [](__m128i v) { return static_cast<uint32_t>(_mm_movemask_epi8(v)); };
  const auto in = [&](int lo, int hi) {  // signed byte values lo..hi
    return _mm_and_si128(_mm_cmpgt_epi8(block, _mm_set1_epi8(static_cast<char>(lo - 1))),
                         _mm_cmplt_epi8(block, _mm_set1_epi8(static_cast<char>(hi + 1))));
  };
  // As signed bytes: 80-BF are -128..-65, C2-DF -62..-33, E1-EC -31..-20, EE-EF -18..-17.
  const uint32_t continuation = lanes(_mm_cmplt_epi8(block, _mm_set1_epi8(-64)));
  const uint32_t lead2 = lanes(in(-62, -33));
  const uint32_t lead3 = lanes(_mm_or_si128(in(-31, -20), in(-18, -17)));
  const uint32_t cut = (lead2 & 0x8000u) | (lead3 & 0xC000u);
  const auto length = cut == 0 ? 16u : static_cast<uint32_t>(__builtin_ctz(cut));
  const uint32_t within = (1u << length) - 1;
  const uint32_t expected =
      ((lead2 & within) << 1) | ((lead3 & within) << 1) | ((lead3 & within) << 2);
  const bool common = ((continuation | lead2 | lead3) & within) == (high & within) &&
                      (continuation & within) == expected;
  return common ? length : 0;
}

}  // namespace
#endif

bool IsValidUtf8(std::string_view bytes) {
  const auto* s = reinterpret_cast<const unsigned char*>(bytes.data());
  const size_t n = bytes.size();
  size_t i = 0;
  while (i < n) {
    // Skips ASCII straight to the next non-ASCII byte. In text with a few accents per
    // line, stepping byte by byte after a block test failed mispredicted a branch at
    // every step.
#if defined(__SSE2__)
    while (i + 16 <= n) {
      const __m128i block = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s + i));
      const auto high = static_cast<uint32_t>(_mm_movemask_epi8(block));
      const size_t valid = high == 0 ? 16 : CommonSequencesPrefix(block, high);
      if (valid == 0) {
        i += static_cast<size_t>(__builtin_ctz(high));
        break;
      }
      i += valid;
    }
#endif
    while (i < n && s[i] < 0x80) ++i;
    if (i >= n) break;
    const unsigned char c = s[i];
    size_t len;
    uint32_t min;
    uint32_t cp;
    if ((c & 0xE0) == 0xC0) {
      len = 2, min = 0x80, cp = c & 0x1Fu;
    } else if ((c & 0xF0) == 0xE0) {
      len = 3, min = 0x800, cp = c & 0x0Fu;
    } else if ((c & 0xF8) == 0xF0) {
      len = 4, min = 0x10000, cp = c & 0x07u;
    } else {
      return false;
    }
    if (i + len > n) return false;
    for (size_t k = 1; k < len; ++k) {
      if ((s[i + k] & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (s[i + k] & 0x3Fu);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
    i += len;
  }
  return true;
}

namespace {

// Counts well-formed multi-byte UTF-8 sequences and the bytes that start none.
void CountUtf8(std::string_view bytes, uint64_t* valid_multibyte, uint64_t* invalid) {
  *valid_multibyte = 0;
  *invalid = 0;
  for (size_t i = 0; i < bytes.size();) {
    if (static_cast<unsigned char>(bytes[i]) < 0x80) {
      ++i;
      continue;
    }
    size_t len = 1;
    while (len < 4 && i + len < bytes.size() &&
           (static_cast<unsigned char>(bytes[i + len]) & 0xC0) == 0x80) {
      ++len;
    }
    if (IsValidUtf8(bytes.substr(i, len))) {
      ++*valid_multibyte;
    } else {
      ++*invalid;
      len = 1;
    }
    i += len;
  }
}

}  // namespace

std::string_view DetectBom(std::string_view bytes, size_t* bom_length) {
  struct Bom {
    std::string_view mark;
    std::string_view name;
  };
  // UTF-32LE before UTF-16LE: its mark starts with the UTF-16LE one.
  static constexpr Bom kBoms[] = {
      {std::string_view("\xFF\xFE\x00\x00", 4), "UTF-32LE"},
      {std::string_view("\x00\x00\xFE\xFF", 4), "UTF-32BE"},
      {"\xEF\xBB\xBF", "UTF-8"},
      {"\xFF\xFE", "UTF-16LE"},
      {"\xFE\xFF", "UTF-16BE"},
  };
  for (const Bom& bom : kBoms) {
    if (bytes.substr(0, bom.mark.size()) == bom.mark) {
      *bom_length = bom.mark.size();
      return bom.name;
    }
  }
  *bom_length = 0;
  return {};
}

Result<std::string> ConvertToUtf8(std::string_view bytes, const std::string& charset,
                                  std::string_view source_name, uint64_t* undecodable) {
  const std::string shown(source_name);
  UErrorCode err = U_ZERO_ERROR;
  ConverterPtr source(ucnv_open(charset.c_str(), &err));
  if (U_FAILURE(err) || !source) {
    return Status(StatusCode::kUnsupported, "unknown character set \"" + charset + "\"",
                  Location::InFile(shown));
  }
  err = U_ZERO_ERROR;
  ConverterPtr target(ucnv_open("UTF-8", &err));
  if (U_FAILURE(err) || !target) {
    return Status(StatusCode::kInternal, std::string("ICU cannot open UTF-8: ") + u_errorName(err),
                  Location::InFile(shown));
  }
  std::string out;
  // Most text grows little; UTF-16 shrinks, single-byte Western text grows by its accents.
  out.resize(bytes.size() + bytes.size() / 2 + 16);
  UChar pivot[4096];
  UChar* pivot_source = pivot;
  UChar* pivot_target = pivot;
  const char* in = bytes.data();
  const char* in_end = bytes.data() + bytes.size();
  size_t written = 0;
  bool reset = true;
  while (true) {
    char* out_ptr = out.data() + written;
    err = U_ZERO_ERROR;
    ucnv_convertEx(target.get(), source.get(), &out_ptr, out.data() + out.size(), &in, in_end,
                   pivot, &pivot_source, &pivot_target, pivot + 4096, reset, /*flush=*/true, &err);
    reset = false;
    written = static_cast<size_t>(out_ptr - out.data());
    if (err == U_BUFFER_OVERFLOW_ERROR) {
      out.resize(out.size() * 2);
      continue;
    }
    if (U_FAILURE(err)) {
      return Status(StatusCode::kParseError,
                    "cannot convert from " + charset + ": " + u_errorName(err),
                    Location::InFile(shown));
    }
    break;
  }
  out.resize(written);
  if (undecodable != nullptr) *undecodable = CountReplacement(out);
  return out;
}

bool IsUtf8AsGiven(std::string_view bytes) {
  size_t bom_length = 0;
  const std::string_view bom = DetectBom(bytes, &bom_length);
  // The BOM's own bytes are valid UTF-8: the whole is valid when what follows it is.
  return (bom.empty() || bom == "UTF-8") && IsValidUtf8(bytes);
}

Result<DecodedText> DecodeToUtf8(std::string bytes, std::string_view source_name,
                                 const DecodeOptions& options) {
  DecodedText result;
  size_t bom_length = 0;
  const std::string_view bom = DetectBom(bytes, &bom_length);
  const bool as_given = IsUtf8AsGiven(bytes);
  if (as_given || bom == "UTF-8") {
    // A UTF-8 BOM stays: UTF-8 text is passed on byte for byte, so match offsets index
    // the input as given; the normalizer drops U+FEFF as a zero-width character.
    if (!as_given) {
      // A UTF-8 BOM before broken UTF-8: keep the bytes, the normalizer repairs them.
      result.undecodable = 1;
    }
    result.utf8 = std::move(bytes);
    result.encoding = "UTF-8";
    return result;
  }
  if (bom.empty()) {
    // UTF-8 with a few stray bytes (a pasted Windows-1252 quote) stays UTF-8: decoding it
    // all as a single-byte charset would garble every accent, and keeping the bytes keeps
    // offsets into the input as given. The normalizer turns the stray bytes into U+FFFD
    // or repairs them as mojibake.
    uint64_t valid = 0;
    uint64_t invalid = 0;
    CountUtf8(std::string_view(bytes).substr(0, 1 << 20), &valid, &invalid);
    if (valid > 0 && invalid <= valid &&
        std::string_view(bytes).substr(0, kDetectSample).find('\0') == std::string_view::npos) {
      CountUtf8(bytes, &valid, &invalid);
      result.undecodable = invalid;
      result.utf8 = std::move(bytes);
      result.encoding = "UTF-8";
      return result;
    }
  }
  std::string charset;
  if (!bom.empty()) {
    charset = std::string(bom);
  } else {
    const bool has_nul =
        std::string_view(bytes).substr(0, kDetectSample).find('\0') != std::string_view::npos;
    UErrorCode err = U_ZERO_ERROR;
    std::unique_ptr<UCharsetDetector, DetectorCloser> detector(ucsdet_open(&err));
    if (U_FAILURE(err)) {
      return Status(StatusCode::kInternal, std::string("ICU charset detector: ") + u_errorName(err),
                    Location::InFile(std::string(source_name)));
    }
    const size_t sample = std::min(bytes.size(), kDetectSample);
    ucsdet_setText(detector.get(), bytes.data(), static_cast<int32_t>(sample), &err);
    if (!options.declared.empty()) {
      ucsdet_setDeclaredEncoding(detector.get(), options.declared.data(),
                                 static_cast<int32_t>(options.declared.size()), &err);
    }
    ucsdet_enableInputFilter(detector.get(), options.markup);
    const UCharsetMatch* match = ucsdet_detect(detector.get(), &err);
    std::string detected;
    int confidence = 0;
    if (U_SUCCESS(err) && match != nullptr) {
      const char* name = ucsdet_getName(match, &err);
      confidence = ucsdet_getConfidence(match, &err);
      if (U_SUCCESS(err) && name != nullptr) detected = name;
    }
    const bool wide = detected.rfind("UTF-16", 0) == 0 || detected.rfind("UTF-32", 0) == 0;
    if (has_nul && !(wide && confidence >= 30)) {
      return Status(StatusCode::kUnsupported,
                    "binary content (NUL bytes) in an unknown format; not a text document",
                    Location::InFile(std::string(source_name)));
    }
    if (!options.declared.empty()) {
      charset = Canonical(options.declared);
      confidence = 100;
    } else if (!detected.empty() && (confidence >= 50 || wide)) {
      charset = Canonical(detected);
    } else {
      // Short or ambiguous text: Windows-1252 is what an unlabelled non-UTF-8 resume
      // from a Western office almost always is.
      charset = "windows-1252";
    }
    result.guessed = true;
    result.confidence = confidence;
  }
  Result<std::string> utf8 = ConvertToUtf8(std::string_view(bytes).substr(bom_length), charset,
                                           source_name, &result.undecodable);
  if (!utf8.ok() && !options.declared.empty() && bom.empty()) {
    // A declared charset ICU does not know: detect instead.
    DecodeOptions retry = options;
    retry.declared.clear();
    return DecodeToUtf8(std::move(bytes), source_name, retry);
  }
  if (!utf8.ok()) return utf8.status();
  result.utf8 = std::move(*utf8);
  result.encoding = charset;
  return result;
}

}  // namespace jobfit::text

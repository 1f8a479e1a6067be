#include "read/quality.h"

#include <algorithm>
#include <cstdint>
#include <cstdio>

#include "text/utf8.h"

namespace jobfit::read {
namespace {

constexpr bool IsUnmapped(char32_t cp) {
  return cp == text::kReplacementChar || (cp >= 0xE000 && cp <= 0xF8FF) || cp >= 0xF0000 ||
         (cp < 0x20 && cp != '\t' && cp != '\n' && cp != '\r' && cp != '\f') || cp == 0x7F;
}

constexpr bool IsAsciiLetter(char32_t cp) { return (cp | 0x20) >= 'a' && (cp | 0x20) <= 'z'; }

constexpr bool IsVowel(char32_t cp) {
  switch (cp | 0x20) {
    case 'a':
    case 'e':
    case 'i':
    case 'o':
    case 'u':
    case 'y':
      return true;
    default:
      return false;
  }
}

// What AssessText makes of each ASCII byte, looked up once instead of decoding it.
// What AssessText counts for each ASCII byte, as bits: the counters then add bits instead
// of branching on the kind of every byte.
enum AsciiBits : uint8_t { kLetterBit = 1, kVowelBit = 2, kVisibleBit = 4, kUnmappedBit = 8 };

struct AsciiKinds {
  uint8_t bits[128] = {};
  constexpr AsciiKinds() {
    for (int c = 0; c < 128; ++c) {
      const auto cp = static_cast<char32_t>(c);
      if (c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f') continue;  // blank
      uint8_t b = kVisibleBit;
      if (IsUnmapped(cp)) b = static_cast<uint8_t>(b | kUnmappedBit);
      if (IsAsciiLetter(cp))
        b = static_cast<uint8_t>(b | kLetterBit | (IsVowel(cp) ? kVowelBit : 0));
      bits[c] = b;
    }
  }
};
constexpr AsciiKinds kAsciiKinds;

std::string Percent(double share) {
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%.0f%%", share * 100.0);
  return buffer;
}

}  // namespace

void AddIssue(ReadQuality* quality, ReadIssueKind kind, ReadConfidence severity,
              std::string message) {
  quality->issues.push_back({kind, severity, std::move(message)});
  if (static_cast<int>(severity) > static_cast<int>(quality->confidence)) {
    quality->confidence = severity;
  }
}

void AssessText(std::string_view text, double coverage, ReadQuality* quality) {
  uint64_t visible = 0;
  uint64_t unmapped = 0;
  uint64_t letters = 0;
  uint64_t words = 0;            // ASCII-letter runs of five or more
  uint64_t vowelless_words = 0;  // of those, the ones without a vowel
  uint64_t run = 0;
  bool run_has_vowel = false;
  bool run_ascii = true;
  auto end_run = [&] {
    if (run >= 5 && run_ascii) {
      ++words;
      if (!run_has_vowel) ++vowelless_words;
    }
    run = 0;
    run_has_vowel = false;
    run_ascii = true;
  };
  const auto count = [&](std::string_view part) {
    for (size_t pos = 0; pos < part.size();) {
      const auto byte = static_cast<unsigned char>(part[pos]);
      if (byte < 0x80) {  // the same decisions as below, without decoding
        ++pos;
        const uint8_t bits = kAsciiKinds.bits[byte];
        visible += (bits & kVisibleBit) != 0;
        unmapped += (bits & kUnmappedBit) != 0;
        if ((bits & kLetterBit) != 0) {
          ++letters;
          ++run;
          run_has_vowel |= (bits & kVowelBit) != 0;
        } else {
          end_run();
        }
        continue;
      }
      size_t length = 1;
      const char32_t cp = text::DecodeUtf8(part, pos, &length);
      pos += length;
      if (cp == ' ' || cp == '\n' || cp == '\t' || cp == '\r' || cp == '\f' || cp == 0xA0) {
        end_run();
        continue;
      }
      ++visible;
      if (IsUnmapped(cp)) {
        ++unmapped;
        end_run();
      } else if (IsAsciiLetter(cp)) {
        ++letters;
        ++run;
        run_has_vowel |= IsVowel(cp);
      } else if (cp >= 0xC0 && !(cp >= 0x2000 && cp <= 0x2BFF)) {
        // Letters of other scripts and accented Latin; general punctuation and symbol
        // blocks excluded. Not exact, but text of any script counts as text.
        ++letters;
        ++run;
        run_ascii = false;
      } else {
        end_run();
      }
    }
    end_run();
  };
  // The shares below are statistics: on a large text (a bulk corpus) a sample of evenly
  // spread windows gives the same verdict at a fraction of the cost.
  constexpr size_t kWindows = 16;
  constexpr size_t kWindowBytes = size_t{64} << 10;
  if (text.size() <= kWindows * kWindowBytes * 2) {
    count(text);
  } else {
    const size_t stride = text.size() / kWindows;
    for (size_t w = 0; w < kWindows; ++w) {
      size_t begin = w * stride;
      // Start on a character boundary: skip UTF-8 continuation bytes.
      while (begin < text.size() && (static_cast<unsigned char>(text[begin]) & 0xC0) == 0x80) {
        ++begin;
      }
      count(text.substr(begin, kWindowBytes));
    }
  }

  if (visible == 0) {
    quality->score = 0.0;
    AddIssue(quality, ReadIssueKind::kEmpty, ReadConfidence::kLow,
             "no text: the document is empty or holds only images");
    return;
  }
  const double unmapped_share = static_cast<double>(unmapped) / static_cast<double>(visible);
  const double letter_share = static_cast<double>(letters) / static_cast<double>(visible);
  const double vowelless_share =
      words == 0 ? 0.0 : static_cast<double>(vowelless_words) / static_cast<double>(words);
  if (unmapped_share > 0.02) {
    AddIssue(quality, ReadIssueKind::kUnmappableFont,
             unmapped_share > 0.2 ? ReadConfidence::kLow : ReadConfidence::kMedium,
             Percent(unmapped_share) +
                 " of the characters have no Unicode mapping (a font without a ToUnicode "
                 "table, or bytes that did not decode)");
  }
  if (letter_share < 0.4 && unmapped_share <= 0.2 && visible >= 20) {
    AddIssue(quality, ReadIssueKind::kGarbledText, ReadConfidence::kLow,
             "mostly garbled: only " + Percent(letter_share) + " of the characters are letters");
  } else if (words >= 20 && vowelless_share > 0.3) {
    AddIssue(quality, ReadIssueKind::kGarbledText, ReadConfidence::kLow,
             "mostly garbled: " + Percent(vowelless_share) +
                 " of the words have no vowel (a font with a scrambled encoding?)");
  }
  const double readable = std::clamp(1.0 - unmapped_share, 0.0, 1.0) *
                          std::clamp(1.0 - vowelless_share, 0.0, 1.0) *
                          std::clamp(letter_share / 0.4, 0.0, 1.0);
  quality->score = std::clamp(readable * coverage, 0.0, 1.0);
}

}  // namespace jobfit::read

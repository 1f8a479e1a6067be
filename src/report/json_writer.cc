#include "report/json_writer.h"

#include <cassert>
#include <charconv>
#include <cmath>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include <nlohmann/json.hpp>

#include "text/encoding.h"

namespace jobfit::internal {
namespace {

// Bytes a JSON string holds as they are: all but quotes, backslashes and control
// characters. Bytes outside ASCII count only once the string is known to be valid UTF-8.
struct PlainBytes {
  bool ascii[256] = {};
  bool any[256] = {};
  constexpr PlainBytes() {
    for (int c = 0x20; c < 256; ++c) {
      any[c] = c != '"' && c != '\\';
      ascii[c] = any[c] && c < 0x80;
    }
  }
};
constexpr PlainBytes kPlain;

// Returns the index of the first byte from `pos` that is not plain, or value.size();
// with `ascii_only`, bytes outside ASCII end the run too. Sixteen bytes at a time: a
// record's sentences and messages are most of its bytes.
size_t PlainRunEnd(std::string_view value, size_t pos, bool ascii_only) {
#if defined(__SSE2__)
  while (pos + 16 <= value.size()) {
    const __m128i bytes = _mm_loadu_si128(reinterpret_cast<const __m128i*>(value.data() + pos));
    // A signed compare: bytes from 0x80 are negative, so "less than 0x20" takes them too.
    __m128i special = _mm_cmplt_epi8(bytes, _mm_set1_epi8(0x20));
    if (!ascii_only)
      special = _mm_andnot_si128(_mm_cmplt_epi8(bytes, _mm_setzero_si128()), special);
    special = _mm_or_si128(special, _mm_or_si128(_mm_cmpeq_epi8(bytes, _mm_set1_epi8('"')),
                                                 _mm_cmpeq_epi8(bytes, _mm_set1_epi8('\\'))));
    const auto mask = static_cast<uint32_t>(_mm_movemask_epi8(special));
    if (mask != 0) return pos + static_cast<size_t>(__builtin_ctz(mask));
    pos += 16;
  }
#endif
  const bool* plain = ascii_only ? kPlain.ascii : kPlain.any;
  while (pos < value.size() && plain[static_cast<unsigned char>(value[pos])]) ++pos;
  return pos;
}

void AppendEscape(char c, std::string* out) {
  switch (c) {
    case '"':
      out->append("\\\"");
      return;
    case '\\':
      out->append("\\\\");
      return;
    case '\b':
      out->append("\\b");
      return;
    case '\t':
      out->append("\\t");
      return;
    case '\n':
      out->append("\\n");
      return;
    case '\f':
      out->append("\\f");
      return;
    case '\r':
      out->append("\\r");
      return;
    default: {
      constexpr char kHex[] = "0123456789abcdef";
      const auto byte = static_cast<unsigned char>(c);
      const char escape[] = {'\\', 'u', '0', '0', kHex[byte >> 4], kHex[byte & 15]};
      out->append(escape, sizeof escape);
    }
  }
}

// Writes a number of at most seven significant digits and four decimals ("72.3",
// "0.0625", "4.0") as nlohmann writes it, and returns the end; returns nullptr for any
// other number. A report's scores, weights and years are mostly such numbers, and finding
// the shortest digits of each the general way was a seventh of writing a record. Their
// decimal digits are the shortest that read back as the same double, and nlohmann's
// digits too: checked for every such number (with more digits, nlohmann's algorithm
// sometimes gives a longer string).
char* ShortDecimal(double value, char* out) {
  if (!(std::fabs(value) < 1e7)) return nullptr;
  constexpr uint64_t kScale[] = {1, 10, 100, 1000, 10000};
  for (int decimals = 0; decimals < 5; ++decimals) {
    const auto scale = static_cast<double>(kScale[decimals]);
    const double scaled = std::round(value * scale);
    if (scaled / scale != value) continue;
    const auto units = static_cast<uint64_t>(std::fabs(scaled));
    uint64_t fraction = units % kScale[decimals];
    // A last digit 0 means fewer decimals read back as a neighbour; leave it to nlohmann.
    if ((decimals > 0 && fraction % 10 == 0) || units >= 10000000) return nullptr;
    if (std::signbit(value)) *out++ = '-';
    out = std::to_chars(out, out + 24, units / kScale[decimals]).ptr;
    *out++ = '.';
    if (decimals == 0) {
      *out++ = '0';
      return out;
    }
    for (int d = decimals - 1; d >= 0; --d) {
      out[d] = static_cast<char>('0' + fraction % 10);
      fraction /= 10;
    }
    return out + decimals;
  }
  return nullptr;
}

}  // namespace

void JsonWriter::BeforeValue() {
  if (after_key_) {
    after_key_ = false;
    return;
  }
  if (!first_) out_->push_back(',');
  first_ = false;
}

JsonWriter& JsonWriter::Open(char bracket) {
  BeforeValue();
  out_->push_back(bracket);
  first_ = true;
  return *this;
}

JsonWriter& JsonWriter::Close(char bracket) {
  out_->push_back(bracket);
  first_ = false;  // the object or array was a value of its parent
  return *this;
}

bool JsonWriter::ShortPlain(std::string_view value, bool key) {
  if (value.size() > kShortString) return false;
  // A key is plain by the precondition of Key(); a value must be checked.
  if (!key && PlainRunEnd(value, 0, /*ascii_only=*/true) < value.size()) return false;
  char quoted[kShortString + 4];
  size_t n = 0;
  if (after_key_) {
    after_key_ = false;
  } else if (!first_) {
    quoted[n++] = ',';
  }
  first_ = false;
  quoted[n++] = '"';
  std::memcpy(quoted + n, value.data(), value.size());
  n += value.size();
  quoted[n++] = '"';
  if (key) quoted[n++] = ':';
  out_->append(quoted, n);
  return true;
}

JsonWriter& JsonWriter::Key(std::string_view key) {
  assert(PlainRunEnd(key, 0, /*ascii_only=*/true) == key.size());
  if (!ShortPlain(key, /*key=*/true)) {
    BeforeValue();
    out_->push_back('"');
    out_->append(key);
    out_->append("\":");
  }
  after_key_ = true;
  return *this;
}

JsonWriter& JsonWriter::String(std::string_view value) {
  if (ShortPlain(value, /*key=*/false)) return *this;
  BeforeValue();
  size_t pos = PlainRunEnd(value, 0, /*ascii_only=*/true);
  if (pos < value.size() && !text::IsValidUtf8(value.substr(pos))) {
    // nlohmann's replacement of invalid UTF-8, byte for byte.
    out_->append(nlohmann::ordered_json(value).dump(
        -1, ' ', false, nlohmann::ordered_json::error_handler_t::replace));
    return *this;
  }
  out_->push_back('"');
  out_->append(value.data(), pos);
  while (pos < value.size()) {
    const size_t special = PlainRunEnd(value, pos, /*ascii_only=*/false);
    out_->append(value.data() + pos, special - pos);
    if (special == value.size()) break;
    AppendEscape(value[special], out_);
    pos = special + 1;
  }
  out_->push_back('"');
  return *this;
}

JsonWriter& JsonWriter::Double(double value) {
  BeforeValue();
  if (!std::isfinite(value)) {
    out_->append("null");
    return *this;
  }
  char buffer[64];
  const char* end = ShortDecimal(value, buffer);
  // Otherwise nlohmann's shortest round-trip digits, with ".0" after integers.
  if (end == nullptr) end = nlohmann::detail::to_chars(buffer, buffer + sizeof buffer, value);
  out_->append(buffer, static_cast<size_t>(end - buffer));
  return *this;
}

JsonWriter& JsonWriter::Uint(uint64_t value) {
  BeforeValue();
  char buffer[24];
  const auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, value);
  (void)ec;  // 24 bytes hold any uint64_t
  out_->append(buffer, static_cast<size_t>(end - buffer));
  return *this;
}

JsonWriter& JsonWriter::Bool(bool value) {
  BeforeValue();
  out_->append(value ? "true" : "false");
  return *this;
}

JsonWriter& JsonWriter::Null() {
  BeforeValue();
  out_->append("null");
  return *this;
}

JsonWriter& JsonWriter::Raw(std::string_view json) {
  BeforeValue();
  out_->append(json);
  return *this;
}

}  // namespace jobfit::internal

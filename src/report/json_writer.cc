#include "report/json_writer.h"

#include <algorithm>
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

// The escape of a byte that JSON strings cannot hold as it is, into buffer; returns it.
std::string_view Escape(char c, char (&buffer)[6]) {
  switch (c) {
    case '"':
      return "\\\"";
    case '\\':
      return "\\\\";
    case '\b':
      return "\\b";
    case '\t':
      return "\\t";
    case '\n':
      return "\\n";
    case '\f':
      return "\\f";
    case '\r':
      return "\\r";
    default: {
      constexpr char kHex[] = "0123456789abcdef";
      const auto byte = static_cast<unsigned char>(c);
      buffer[0] = '\\';
      buffer[1] = 'u';
      buffer[2] = '0';
      buffer[3] = '0';
      buffer[4] = kHex[byte >> 4];
      buffer[5] = kHex[byte & 15];
      return std::string_view(buffer, 6);
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

namespace {

// The room of the last writer that ended on this thread, for the next one: a batch writes
// a record of some 20 KB per resume, and allocating its room afresh (and growing it by
// copies) for each cost more than the zeros it replaced.
struct SpareRoom {
  std::unique_ptr<char[]> room;
  size_t size = 0;
};
thread_local SpareRoom spare_room;

}  // namespace

JsonWriter::~JsonWriter() {
  Finish();
  if (room_ != nullptr && room_size_ > spare_room.size) {
    spare_room.room = std::move(room_);
    spare_room.size = room_size_;
  }
}

void JsonWriter::Finish() {
  if (cur_ == room_.get()) return;  // nothing written since the last Finish()
  out_->append(room_.get(), pending());
  cur_ = room_.get();
}

void JsonWriter::Grow(size_t n) {
  const size_t used = pending();
  if (room_ == nullptr && spare_room.size >= n) {
    room_ = std::move(spare_room.room);
    room_size_ = spare_room.size;
    spare_room.size = 0;
  } else {
    const size_t size = std::max(used * 2, used + n + (size_t{32} << 10));
    auto room = std::make_unique_for_overwrite<char[]>(size);
    if (used > 0) std::memcpy(room.get(), room_.get(), used);
    room_ = std::move(room);
    room_size_ = size;
  }
  cur_ = room_.get() + used;
  end_ = room_.get() + room_size_;
}

void JsonWriter::Put(std::string_view bytes) {
  if (bytes.empty()) return;  // the room may not exist yet: no copy to a null pointer
  Reserve(bytes.size());
  std::memcpy(cur_, bytes.data(), bytes.size());
  cur_ += bytes.size();
}

void JsonWriter::BeforeValue() {
  if (after_key_) {
    after_key_ = false;
    return;
  }
  if (!first_) Put(',');
  first_ = false;
}

JsonWriter& JsonWriter::Open(char bracket) {
  BeforeValue();
  Put(bracket);
  first_ = true;
  return *this;
}

JsonWriter& JsonWriter::Close(char bracket) {
  Put(bracket);
  first_ = false;  // the object or array was a value of its parent
  return *this;
}

bool JsonWriter::ShortPlain(std::string_view value, bool key) {
  if (value.size() > kShortString) return false;
  // A key is plain by the precondition of Key(); a value must be checked.
  if (!key && PlainRunEnd(value, 0, /*ascii_only=*/true) < value.size()) return false;
  Reserve(kShortString + 4);
  if (after_key_) {
    after_key_ = false;
  } else if (!first_) {
    *cur_++ = ',';
  }
  first_ = false;
  *cur_++ = '"';
  std::memcpy(cur_, value.data(), value.size());
  cur_ += value.size();
  *cur_++ = '"';
  if (key) *cur_++ = ':';
  return true;
}

JsonWriter& JsonWriter::Key(std::string_view key) {
  assert(PlainRunEnd(key, 0, /*ascii_only=*/true) == key.size());
  if (!ShortPlain(key, /*key=*/true)) {
    BeforeValue();
    Put('"');
    Put(key);
    Put("\":");
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
    Put(nlohmann::ordered_json(value).dump(-1, ' ', false,
                                           nlohmann::ordered_json::error_handler_t::replace));
    return *this;
  }
  Put('"');
  Put(value.substr(0, pos));
  char buffer[6];
  while (pos < value.size()) {
    const size_t special = PlainRunEnd(value, pos, /*ascii_only=*/false);
    Put(value.substr(pos, special - pos));
    if (special == value.size()) break;
    Put(Escape(value[special], buffer));
    pos = special + 1;
  }
  Put('"');
  return *this;
}

JsonWriter& JsonWriter::Double(double value) {
  BeforeValue();
  if (!std::isfinite(value)) {
    Put("null");
    return *this;
  }
  Reserve(64);
  char* end = ShortDecimal(value, cur_);
  // Otherwise nlohmann's shortest round-trip digits, with ".0" after integers.
  if (end == nullptr) end = nlohmann::detail::to_chars(cur_, cur_ + 64, value);
  cur_ = end;
  return *this;
}

JsonWriter& JsonWriter::Uint(uint64_t value) {
  BeforeValue();
  Reserve(24);  // any uint64_t
  cur_ = std::to_chars(cur_, cur_ + 24, value).ptr;
  return *this;
}

JsonWriter& JsonWriter::Bool(bool value) {
  BeforeValue();
  Put(value ? "true" : "false");
  return *this;
}

JsonWriter& JsonWriter::Null() {
  BeforeValue();
  Put("null");
  return *this;
}

JsonWriter& JsonWriter::Raw(std::string_view json) {
  BeforeValue();
  Put(json);
  return *this;
}

}  // namespace jobfit::internal

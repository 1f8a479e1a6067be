#include "report/json_writer.h"

#include <charconv>
#include <cmath>

#include <nlohmann/json.hpp>

namespace jobfit::internal {
namespace {

// Bytes a JSON string cannot hold as they are: quotes, backslashes, control characters,
// and (handled by nlohmann below) anything outside ASCII, which may be invalid UTF-8.
struct PlainBytes {
  bool plain[256] = {};
  constexpr PlainBytes() {
    for (int c = 0x20; c < 0x80; ++c) plain[c] = c != '"' && c != '\\';
  }
};
constexpr PlainBytes kPlain;

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

JsonWriter& JsonWriter::Key(std::string_view key) {
  String(key);
  out_->push_back(':');
  after_key_ = true;
  return *this;
}

JsonWriter& JsonWriter::String(std::string_view value) {
  BeforeValue();
  size_t plain = 0;
  while (plain < value.size() && kPlain.plain[static_cast<unsigned char>(value[plain])]) ++plain;
  if (plain == value.size()) {
    out_->push_back('"');
    out_->append(value);
    out_->push_back('"');
    return *this;
  }
  // Escapes and the replacement of invalid UTF-8 are nlohmann's own, byte for byte.
  out_->append(nlohmann::ordered_json(value).dump(
      -1, ' ', false, nlohmann::ordered_json::error_handler_t::replace));
  return *this;
}

JsonWriter& JsonWriter::Double(double value) {
  BeforeValue();
  if (!std::isfinite(value)) {
    out_->append("null");
    return *this;
  }
  // nlohmann's shortest round-trip digits, with ".0" after integers.
  char buffer[64];
  const char* end = nlohmann::detail::to_chars(buffer, buffer + sizeof buffer, value);
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

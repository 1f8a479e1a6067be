// jobfit/status.h: how every jobfit call reports failure.
//
// No exception crosses jobfit's public API. A call that can fail returns a Status, or a
// Result<T> holding either a T or the Status that explains why there is none. A Status
// names what went wrong and where: the file, and a line and column (1-based) or a byte
// offset when the problem has a position. Status and Result are plain values: copy them
// freely; a const one may be read from many threads at once.
//
//   jobfit::Result<jobfit::Lexicon> lexicon = jobfit::Lexicon::Load("my_terms.json");
//   if (!lexicon.ok()) {
//     std::cerr << lexicon.status().ToString() << "\n";  // my_terms.json:3:9: ...
//     return 2;
//   }
//   const jobfit::Lexicon& terms = *lexicon;
#ifndef JOBFIT_STATUS_H_
#define JOBFIT_STATUS_H_

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <variant>

#include "jobfit/export.h"

namespace jobfit {

enum class StatusCode {
  kOk = 0,
  kInvalidArgument,  // a caller-supplied value is out of range or malformed
  kNotFound,         // a file or named item does not exist
  kIoError,          // reading or writing failed
  kParseError,       // input is not well-formed (JSON syntax, a bad pattern)
  kInvalidLexicon,   // a lexicon is well-formed JSON but breaks the schema's rules
  kLimitExceeded,    // an input is larger than a configured limit
  kUnsupported,      // a format or feature jobfit does not handle
  kInternal,         // a bug in jobfit; please report it
};

// Returns the stable lower-case name of a code, e.g. "invalid_lexicon".
JOBFIT_EXPORT const char* StatusCodeName(StatusCode code);

// Where a problem is. Every field is optional; ToString() prints those that are set.
struct Location {
  std::string file;                // path as the user gave it, or "<builtin:name>"
  uint32_t line = 0;               // 1-based; 0 when unknown
  uint32_t column = 0;             // 1-based, in bytes; 0 when unknown
  std::optional<uint64_t> offset;  // byte offset, when line/column do not apply

  static Location InFile(std::string file) {
    Location where;
    where.file = std::move(file);
    return where;
  }
  static Location At(std::string file, uint32_t line, uint32_t column) {
    Location where = InFile(std::move(file));
    where.line = line;
    where.column = column;
    return where;
  }
  static Location AtOffset(std::string file, uint64_t offset) {
    Location where = InFile(std::move(file));
    where.offset = offset;
    return where;
  }
};

// A cheap value type: an OK status carries no allocation.
class [[nodiscard]] JOBFIT_EXPORT Status {
 public:
  Status() = default;
  Status(StatusCode code, std::string message, Location where = {})
      : code_(code), message_(std::move(message)), where_(std::move(where)) {}

  static Status Ok() { return Status(); }

  bool ok() const { return code_ == StatusCode::kOk; }
  StatusCode code() const { return code_; }
  const std::string& message() const { return message_; }
  const Location& where() const { return where_; }

  // Formats as "file:line:column: message" (or "file: message", "file@offset: message"),
  // the form compilers use, so editors can jump to the place.
  std::string ToString() const;

 private:
  StatusCode code_ = StatusCode::kOk;
  std::string message_;
  Location where_;
};

// Either a T or the Status that explains why there is none. Accessing the value of a
// failed Result is a precondition violation (checked by an assert in debug builds).
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : state_(std::move(value)) {}         // NOLINT: implicit by design
  Result(Status status) : state_(std::move(status)) {}  // NOLINT: implicit by design

  bool ok() const { return std::holds_alternative<T>(state_); }
  // Returns the failure, or an OK status when there is a value.
  Status status() const { return ok() ? Status::Ok() : std::get<Status>(state_); }

  T& value() & { return std::get<T>(state_); }
  const T& value() const& { return std::get<T>(state_); }
  T&& value() && { return std::get<T>(std::move(state_)); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T&& operator*() && { return std::move(*this).value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

 private:
  std::variant<T, Status> state_;
};

}  // namespace jobfit

#endif  // JOBFIT_STATUS_H_

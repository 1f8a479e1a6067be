#include "jobfit/status.h"

namespace jobfit {

const char* StatusCodeName(StatusCode code) {
  switch (code) {
    case StatusCode::kOk:
      return "ok";
    case StatusCode::kInvalidArgument:
      return "invalid_argument";
    case StatusCode::kNotFound:
      return "not_found";
    case StatusCode::kIoError:
      return "io_error";
    case StatusCode::kParseError:
      return "parse_error";
    case StatusCode::kInvalidLexicon:
      return "invalid_lexicon";
    case StatusCode::kLimitExceeded:
      return "limit_exceeded";
    case StatusCode::kUnsupported:
      return "unsupported";
    case StatusCode::kInternal:
      return "internal";
  }
  return "unknown";
}

std::string Status::ToString() const {
  if (ok()) return "ok";
  std::string out;
  if (!where_.file.empty()) {
    out = where_.file;
    if (where_.line > 0) {
      out.append(":").append(std::to_string(where_.line));
      if (where_.column > 0) out.append(":").append(std::to_string(where_.column));
    } else if (where_.offset) {
      out.append("@").append(std::to_string(*where_.offset));
    }
    out.append(": ");
  }
  out += message_;
  return out;
}

}  // namespace jobfit

// The C ABI: each function converts its arguments, calls the public C++ API and converts
// the result, inside Guard(), which turns every failure (a Status, or any exception the
// C++ side lets escape) into a NULL return plus an error message. Nothing here knows
// more than include/jobfit/ says.
#include <cstdlib>
#include <cstring>
#include <exception>
#include <new>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "jobfit/document.h"
#include "jobfit/jobfit.h"
#include "jobfit/lexicon.h"
#include "jobfit/matcher.h"
#include "jobfit/report.h"
#include "jobfit/score.h"
#include "jobfit/status.h"
#include "jobfit/version.h"

struct jobfit_lexicon_t {
  jobfit::Lexicon lexicon;
};

struct jobfit_matcher_t {
  jobfit::Matcher matcher;
};

namespace {

using jobfit::Result;
using jobfit::Status;
using jobfit::StatusCode;

// Indexed by jobfit_status_code; the names StatusCodeName() gives, plus out_of_memory.
constexpr const char* kCodeNames[] = {
    "ok",          "invalid_argument", "not_found",      "io_error",
    "parse_error", "invalid_lexicon",  "limit_exceeded", "unsupported",
    "internal",    "out_of_memory",
};
constexpr int kCodeCount = static_cast<int>(sizeof(kCodeNames) / sizeof(kCodeNames[0]));
static_assert(kCodeCount == JOBFIT_OUT_OF_MEMORY + 1, "one name per jobfit_status_code");

// The C codes are a stable ABI, so they are mapped, not cast.
jobfit_status_code ToCCode(StatusCode code) {
  switch (code) {
    case StatusCode::kOk:
      return JOBFIT_OK;
    case StatusCode::kInvalidArgument:
      return JOBFIT_INVALID_ARGUMENT;
    case StatusCode::kNotFound:
      return JOBFIT_NOT_FOUND;
    case StatusCode::kIoError:
      return JOBFIT_IO_ERROR;
    case StatusCode::kParseError:
      return JOBFIT_PARSE_ERROR;
    case StatusCode::kInvalidLexicon:
      return JOBFIT_INVALID_LEXICON;
    case StatusCode::kLimitExceeded:
      return JOBFIT_LIMIT_EXCEEDED;
    case StatusCode::kUnsupported:
      return JOBFIT_UNSUPPORTED;
    case StatusCode::kInternal:
      return JOBFIT_INTERNAL;
  }
  return JOBFIT_INTERNAL;
}

// Copies bytes into a malloc'ed, NUL-terminated string; nullptr when malloc fails.
char* CopyString(std::string_view text) noexcept {
  char* out = static_cast<char*>(std::malloc(text.size() + 1));
  if (out == nullptr) return nullptr;
  if (!text.empty()) std::memcpy(out, text.data(), text.size());
  out[text.size()] = '\0';
  return out;
}

// Stores "<code>: <message><detail>" in *errptr (freeing what was there), as jobfit.h
// promises. Must not throw: it runs inside catch handlers.
void SetError(char** errptr, jobfit_status_code code, std::string_view message,
              std::string_view detail = {}) noexcept {
  if (errptr == nullptr) return;
  const std::string_view name = jobfit_status_code_name(code);
  const size_t size = name.size() + 2 + message.size() + detail.size();
  char* out = static_cast<char*>(std::malloc(size + 1));
  if (out != nullptr) {
    char* end = out;
    for (std::string_view part : {name, std::string_view(": "), message, detail}) {
      if (!part.empty()) std::memcpy(end, part.data(), part.size());
      end += part.size();
    }
    *end = '\0';
  }
  std::free(*errptr);
  *errptr = out;
}

// A failure inside a shim: a C code and a message. Thrown only within this file, caught
// by Guard.
struct CError {
  jobfit_status_code code;
  std::string message;
};

[[noreturn]] void Fail(const Status& status) {
  throw CError{ToCCode(status.code()), status.ToString()};
}

[[noreturn]] void InvalidArgument(std::string message) {
  throw CError{JOBFIT_INVALID_ARGUMENT, std::move(message)};
}

template <typename T>
T Unwrap(Result<T>&& result) {
  if (!result.ok()) Fail(result.status());
  return std::move(result).value();
}

// Runs body and returns its result, or nullptr after storing the error in errptr. This is
// the one place exceptions stop: nothing thrown by jobfit, the standard library or a
// third-party library gets past it.
template <typename Body>
auto Guard(char** errptr, Body&& body) noexcept -> decltype(body()) {
  try {
    return body();
  } catch (const CError& error) {
    SetError(errptr, error.code, error.message);
  } catch (const std::bad_alloc&) {
    SetError(errptr, JOBFIT_OUT_OF_MEMORY, "out of memory");
  } catch (const std::exception& e) {
    SetError(errptr, JOBFIT_INTERNAL, "unexpected exception: ", e.what());
  } catch (...) {
    SetError(errptr, JOBFIT_INTERNAL, "unexpected exception");
  }
  return nullptr;
}

// Returns a malloc'ed copy of text; bad_alloc when malloc fails, for Guard to report.
char* Export(std::string_view text) {
  char* out = CopyString(text);
  if (out == nullptr) throw std::bad_alloc();
  return out;
}

void RequireNonNull(const void* pointer, const char* what) {
  if (pointer == nullptr) InvalidArgument(std::string(what) + " is NULL");
}

// Returns (text, len) as a string_view; NULL text is allowed for an empty text only.
std::string_view TextArg(const char* text, size_t len, const char* what) {
  if (text == nullptr) {
    if (len != 0) InvalidArgument(std::string(what) + " is NULL");
    return {};
  }
  return {text, len};
}

// Parses "YYYY-MM" (NULL or "" for the current month) into CheckOptions::as_of.
jobfit::MonthIndex ParseAsOf(const char* as_of) {
  if (as_of == nullptr || as_of[0] == '\0') return 0;
  const std::string_view text(as_of);
  bool ok = text.size() == 7 && text[4] == '-';
  constexpr size_t kDigitAt[] = {0, 1, 2, 3, 5, 6};
  for (const size_t i : kDigitAt) ok = ok && i < text.size() && text[i] >= '0' && text[i] <= '9';
  const int year = ok ? std::atoi(std::string(text.substr(0, 4)).c_str()) : 0;
  const int month = ok ? std::atoi(std::string(text.substr(5, 2)).c_str()) : 0;
  if (!ok || month < 1 || month > 12) {
    InvalidArgument("as_of must be YYYY-MM, got \"" + std::string(text) + "\"");
  }
  return jobfit::MakeMonth(year, month);
}

char* ExtractJson(const jobfit::Matcher& matcher, jobfit::ExtractedDocument doc, bool explain) {
  jobfit::ScanOptions scan_options;
  scan_options.explain = explain;
  doc.result = matcher.Scan(doc.text, scan_options);
  jobfit::ReportOptions report_options;
  report_options.explain = explain;
  std::vector<jobfit::ExtractedDocument> docs;
  docs.push_back(std::move(doc));
  return Export(jobfit::RenderExtractJson(matcher.lexicon(), docs, report_options));
}

char* CheckJson(const jobfit::Matcher& matcher, std::string_view resume, const char* resume_source,
                const jobfit::Requirements& requirements, const jobfit::CheckOptions& options) {
  const jobfit::CheckResult result =
      Unwrap(jobfit::CheckResume(matcher, resume, requirements, options));
  jobfit::CheckReportOptions report_options;
  report_options.explain = options.explain;
  return Export(jobfit::RenderCheckJson(matcher.lexicon(),
                                        resume_source != nullptr ? resume_source : "<memory>",
                                        resume, result, report_options));
}

}  // namespace

extern "C" {

const char* jobfit_version(void) { return jobfit::Version(); }

const char* jobfit_status_code_name(jobfit_status_code code) {
  const int index = static_cast<int>(code);
  return index >= 0 && index < kCodeCount ? kCodeNames[index] : "unknown";
}

jobfit_status_code jobfit_error_code(const char* err) {
  if (err == nullptr) return JOBFIT_OK;
  for (int i = 1; i < kCodeCount; ++i) {
    const size_t size = std::strlen(kCodeNames[i]);
    if (std::strncmp(err, kCodeNames[i], size) == 0 && err[size] == ':') {
      return static_cast<jobfit_status_code>(i);
    }
  }
  return JOBFIT_INTERNAL;
}

const char* jobfit_error_message(const char* err) {
  if (err == nullptr) return "";
  const char* colon = std::strstr(err, ": ");
  return colon != nullptr ? colon + 2 : err;
}

void jobfit_free(void* ptr) { std::free(ptr); }

jobfit_lexicon_t* jobfit_lexicon_builtin(char** errptr) {
  return Guard(errptr, [&] { return new jobfit_lexicon_t{Unwrap(jobfit::Lexicon::Builtin())}; });
}

jobfit_lexicon_t* jobfit_lexicon_load(const char* path, char** errptr) {
  return Guard(errptr, [&] {
    RequireNonNull(path, "path");
    return new jobfit_lexicon_t{Unwrap(jobfit::Lexicon::Load(path))};
  });
}

jobfit_lexicon_t* jobfit_lexicon_from_json(const char* json, size_t len, const char* source_name,
                                           char** errptr) {
  return Guard(errptr, [&] {
    const std::string_view text = TextArg(json, len, "json");
    return new jobfit_lexicon_t{
        Unwrap(jobfit::Lexicon::FromJson(text, source_name != nullptr ? source_name : "<memory>"))};
  });
}

jobfit_lexicon_t* jobfit_lexicon_layer(const jobfit_lexicon_t* base,
                                       const jobfit_lexicon_t* overlay, char** errptr) {
  return Guard(errptr, [&] {
    RequireNonNull(base, "base lexicon");
    RequireNonNull(overlay, "overlay lexicon");
    return new jobfit_lexicon_t{Unwrap(base->lexicon.LayeredWith(overlay->lexicon))};
  });
}

size_t jobfit_lexicon_size(const jobfit_lexicon_t* lexicon) {
  return lexicon != nullptr ? lexicon->lexicon.size() : 0;
}

void jobfit_lexicon_destroy(jobfit_lexicon_t* lexicon) { delete lexicon; }

jobfit_matcher_t* jobfit_matcher_compile(const jobfit_lexicon_t* lexicon, char** errptr) {
  return Guard(errptr, [&] {
    RequireNonNull(lexicon, "lexicon");
    return new jobfit_matcher_t{Unwrap(jobfit::Matcher::Compile(lexicon->lexicon))};
  });
}

void jobfit_matcher_destroy(jobfit_matcher_t* matcher) { delete matcher; }

char* jobfit_extract_json(const jobfit_matcher_t* matcher, const char* text, size_t len,
                          const char* source_name, int explain, char** errptr) {
  return Guard(errptr, [&] {
    RequireNonNull(matcher, "matcher");
    jobfit::ExtractedDocument doc;
    doc.source = source_name != nullptr ? source_name : "<memory>";
    doc.text = TextArg(text, len, "text");
    return ExtractJson(matcher->matcher, std::move(doc), explain != 0);
  });
}

char* jobfit_extract_file_json(const jobfit_matcher_t* matcher, const char* path, int explain,
                               char** errptr) {
  return Guard(errptr, [&] {
    RequireNonNull(matcher, "matcher");
    RequireNonNull(path, "path");
    const jobfit::Document read = Unwrap(jobfit::ReadDocument(path));
    jobfit::ExtractedDocument doc;
    doc.source = read.source;
    doc.text = read.text;
    doc.format = read.format;
    doc.encoding = read.encoding;
    doc.quality = read.quality;
    return ExtractJson(matcher->matcher, std::move(doc), explain != 0);
  });
}

char* jobfit_read_text(const char* path, size_t* len_out, char** errptr) {
  return Guard(errptr, [&] {
    RequireNonNull(path, "path");
    const jobfit::Document read = Unwrap(jobfit::ReadDocument(path));
    char* out = Export(read.text);
    if (len_out != nullptr) *len_out = read.text.size();
    return out;
  });
}

char* jobfit_check_job_json(const jobfit_matcher_t* matcher, const char* resume, size_t resume_len,
                            const char* resume_source, const char* ad, size_t ad_len,
                            const char* ad_source, const char* as_of, int explain, char** errptr) {
  return Guard(errptr, [&] {
    RequireNonNull(matcher, "matcher");
    const std::string_view resume_text = TextArg(resume, resume_len, "resume");
    const std::string_view ad_text = TextArg(ad, ad_len, "ad");
    jobfit::CheckOptions options;
    options.as_of = ParseAsOf(as_of);
    options.explain = explain != 0;
    const jobfit::Requirements requirements = Unwrap(jobfit::AnalyzeJobAd(
        matcher->matcher, ad_text, ad_source != nullptr ? ad_source : "<memory>"));
    return CheckJson(matcher->matcher, resume_text, resume_source, requirements, options);
  });
}

char* jobfit_check_profile_json(const jobfit_matcher_t* matcher, const char* resume,
                                size_t resume_len, const char* resume_source, const char* profile,
                                const char* as_of, int explain, char** errptr) {
  return Guard(errptr, [&] {
    RequireNonNull(matcher, "matcher");
    RequireNonNull(profile, "profile");
    const std::string_view resume_text = TextArg(resume, resume_len, "resume");
    jobfit::CheckOptions options;
    options.as_of = ParseAsOf(as_of);
    options.explain = explain != 0;
    // The CLI's rule for --profile: a path separator or a .json ending means a file.
    const std::string name(profile);
    const jobfit::RoleProfile role =
        Unwrap(name.find('/') != std::string::npos || name.ends_with(".json")
                   ? jobfit::RoleProfile::Load(name)
                   : jobfit::RoleProfile::Builtin(name));
    const jobfit::Requirements requirements =
        Unwrap(role.ToRequirements(matcher->matcher.lexicon()));
    return CheckJson(matcher->matcher, resume_text, resume_source, requirements, options);
  });
}

}  // extern "C"

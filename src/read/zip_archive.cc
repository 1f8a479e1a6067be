#include "read/zip_archive.h"

#include <zip.h>

#include <algorithm>

namespace jobfit::read {

struct ZipArchive::Impl {
  zip_t* archive = nullptr;
  std::string source;
  uint64_t budget = 0;  // bytes that may still be inflated
  uint64_t limit = 0;
  ~Impl() {
    if (archive != nullptr) zip_discard(archive);
  }
};

ZipArchive::ZipArchive(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
ZipArchive::ZipArchive(ZipArchive&&) noexcept = default;
ZipArchive& ZipArchive::operator=(ZipArchive&&) noexcept = default;
ZipArchive::~ZipArchive() = default;

Result<ZipArchive> ZipArchive::Open(std::string_view bytes, const ReadOptions& options,
                                    const std::string& source) {
  const Location where = Location::InFile(source);
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* src = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
  if (src == nullptr) {
    const std::string message = zip_error_strerror(&error);
    zip_error_fini(&error);
    return Status(StatusCode::kInternal, "cannot read ZIP from memory: " + message, where);
  }
  // ZIP_CHECKCONS compares the central directory with the local headers, so a truncated
  // or spliced file fails here instead of yielding partial text.
  zip_t* archive = zip_open_from_source(src, ZIP_RDONLY | ZIP_CHECKCONS, &error);
  if (archive == nullptr) {
    const std::string message = zip_error_strerror(&error);
    zip_error_fini(&error);
    zip_source_free(src);
    return Status(StatusCode::kParseError, "corrupt or truncated ZIP container (" + message + ")",
                  where);
  }
  zip_error_fini(&error);
  auto impl = std::make_unique<Impl>();
  impl->archive = archive;
  impl->source = source;
  impl->budget = options.max_decompressed_bytes;
  impl->limit = options.max_decompressed_bytes;
  const zip_int64_t count = zip_get_num_entries(archive, 0);
  if (count < 0 || static_cast<uint64_t>(count) > options.max_zip_entries) {
    return Status(StatusCode::kLimitExceeded,
                  "the ZIP container lists " + std::to_string(count) +
                      " entries, more than the limit of " +
                      std::to_string(options.max_zip_entries) + " (max_zip_entries)",
                  where);
  }
  ZipArchive zip(std::move(impl));
  zip.names_.reserve(static_cast<size_t>(count));
  for (zip_int64_t i = 0; i < count; ++i) {
    const char* name = zip_get_name(archive, static_cast<zip_uint64_t>(i), ZIP_FL_ENC_RAW);
    zip.names_.emplace_back(name == nullptr ? "" : name);
  }
  return zip;
}

bool ZipArchive::Has(std::string_view name) const {
  return std::find(names_.begin(), names_.end(), name) != names_.end();
}

Result<std::string> ZipArchive::Read(std::string_view name) {
  const std::string entry(name);
  const Location where = Location::InFile(impl_->source);
  const zip_int64_t index = zip_name_locate(impl_->archive, entry.c_str(), ZIP_FL_ENC_RAW);
  if (index < 0) {
    return Status(StatusCode::kNotFound, "the container has no " + entry, where);
  }
  zip_stat_t stat;
  zip_stat_init(&stat);
  if (zip_stat_index(impl_->archive, static_cast<zip_uint64_t>(index), 0, &stat) == 0 &&
      (stat.valid & ZIP_STAT_ENCRYPTION_METHOD) != 0 && stat.encryption_method != ZIP_EM_NONE) {
    return Status(StatusCode::kUnsupported,
                  "the document is encrypted (" + entry + "); save an unprotected copy", where);
  }
  zip_file_t* file = zip_fopen_index(impl_->archive, static_cast<zip_uint64_t>(index), 0);
  if (file == nullptr) {
    zip_error_t* error = zip_get_error(impl_->archive);
    const int code = zip_error_code_zip(error);
    if (code == ZIP_ER_NOPASSWD || code == ZIP_ER_WRONGPASSWD || code == ZIP_ER_ENCRNOTSUPP) {
      return Status(StatusCode::kUnsupported,
                    "the document is encrypted (" + entry + "); save an unprotected copy", where);
    }
    return Status(StatusCode::kParseError,
                  "cannot open " + entry + " in the ZIP container: " + zip_error_strerror(error),
                  where);
  }
  std::string data;
  char buffer[1 << 15];
  Status status;
  while (true) {
    const zip_int64_t got = zip_fread(file, buffer, sizeof buffer);
    if (got < 0) {
      status = Status(StatusCode::kParseError,
                      "damaged entry " + entry + ": " + zip_file_strerror(file), where);
      break;
    }
    if (got == 0) break;
    if (static_cast<uint64_t>(got) > impl_->budget) {
      status =
          Status(StatusCode::kLimitExceeded,
                 "inflating the document's XML passes the limit of " +
                     std::to_string(impl_->limit) + " bytes (max_decompressed_bytes; a zip bomb?)",
                 where);
      break;
    }
    impl_->budget -= static_cast<uint64_t>(got);
    data.append(buffer, static_cast<size_t>(got));
  }
  zip_fclose(file);
  if (!status.ok()) return status;
  return data;
}

}  // namespace jobfit::read

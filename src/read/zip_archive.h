// Read-only access to a ZIP held in memory (DOCX and ODT are ZIPs of XML parts), with
// the limits that stop zip bombs: a cap on entries and on the total bytes inflated.
#ifndef JOBFIT_READ_ZIP_ARCHIVE_H_
#define JOBFIT_READ_ZIP_ARCHIVE_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "jobfit/document.h"
#include "jobfit/status.h"

namespace jobfit::read {

class ZipArchive {
 public:
  // Opens bytes (which must outlive the archive) as a ZIP. Errors: kParseError for a
  // corrupt or truncated archive, kLimitExceeded for more than options.max_zip_entries.
  static Result<ZipArchive> Open(std::string_view bytes, const ReadOptions& options,
                                 const std::string& source);

  ZipArchive(ZipArchive&&) noexcept;
  ZipArchive& operator=(ZipArchive&&) noexcept;
  ~ZipArchive();

  // Returns the entry names, in archive order.
  const std::vector<std::string>& names() const { return names_; }
  bool Has(std::string_view name) const;

  // Inflates one entry. Errors: kNotFound, kUnsupported for an encrypted entry,
  // kLimitExceeded once the archive's inflated total passes max_decompressed_bytes
  // (checked while inflating, so a lying size field does not help), kParseError for a
  // damaged entry.
  Result<std::string> Read(std::string_view name);

 private:
  struct Impl;
  explicit ZipArchive(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
  std::vector<std::string> names_;
};

}  // namespace jobfit::read

#endif  // JOBFIT_READ_ZIP_ARCHIVE_H_

// File input for every stage that reads from disk or stdin.
#ifndef JOBFIT_BASE_FILE_H_
#define JOBFIT_BASE_FILE_H_

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "jobfit/status.h"

namespace jobfit::base {

// Reads a whole file (or stdin when path is "-") into memory. Fails with kNotFound,
// kIoError (naming the OS error) or kLimitExceeded when the input is larger than
// max_bytes, so a huge or endless input never exhausts memory.
Result<std::string> ReadFile(const std::string& path, uint64_t max_bytes);

// Gives *text room for `size` bytes. A large buffer is mapped in one call where the
// kernel allows it: a 100 MB corpus otherwise takes 25,000 page faults on its first
// write. Call it before the buffer is first written. Contents are kept.
void ReserveLarge(std::string* text, size_t size);

// A regular file's bytes, mapped read-only into memory. Reading a 100 MB corpus into a
// string cost the kernel more time than the UTF-8 check of it: fresh pages to zero and
// fault in, then the copy. A mapping reads the page cache where it is. The file must not
// shrink while mapped: touching a page past its new end raises SIGBUS.
class MappedFile {
 public:
  MappedFile() = default;
  MappedFile(MappedFile&& other) noexcept;
  MappedFile& operator=(MappedFile&& other) noexcept;
  MappedFile(const MappedFile&) = delete;
  MappedFile& operator=(const MappedFile&) = delete;
  ~MappedFile();

  std::string_view bytes() const { return {static_cast<const char*>(address_), size_}; }

  // Maps `path` when it is a regular file of min_bytes to max_bytes bytes (min_bytes at
  // least 1); returns nullopt for anything else (stdin, a pipe, a smaller or larger file,
  // a file that cannot be opened or mapped), which the caller reads as usual and so
  // reports as usual.
  static std::optional<MappedFile> MapIfLarge(const std::string& path, uint64_t min_bytes,
                                              uint64_t max_bytes);

 private:
  void* address_ = nullptr;
  size_t size_ = 0;
};

}  // namespace jobfit::base

#endif  // JOBFIT_BASE_FILE_H_

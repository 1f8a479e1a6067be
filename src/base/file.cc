#include "base/file.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>

#include <sys/mman.h>
#include <sys/stat.h>

namespace jobfit::base {
namespace {

struct FileCloser {
  void operator()(std::FILE* f) const {
    if (f != nullptr && f != stdin) std::fclose(f);
  }
};

}  // namespace

Result<std::string> ReadFile(const std::string& path, uint64_t max_bytes) {
  const bool is_stdin = path == "-";
  const std::string shown = is_stdin ? "<stdin>" : path;
  if (!is_stdin) {
    struct stat info {};
    if (::stat(path.c_str(), &info) != 0) {
      const int err = errno;
      return Status(err == ENOENT ? StatusCode::kNotFound : StatusCode::kIoError,
                    std::string("cannot open: ") + std::strerror(err), Location::InFile(shown));
    }
    if (S_ISDIR(info.st_mode)) {
      return Status(StatusCode::kInvalidArgument, "is a directory, not a file",
                    Location::InFile(shown));
    }
  }
  std::unique_ptr<std::FILE, FileCloser> file(is_stdin ? stdin : std::fopen(path.c_str(), "rb"));
  if (!file) {
    return Status(StatusCode::kIoError, std::string("cannot open: ") + std::strerror(errno),
                  Location::InFile(shown));
  }
  std::string data;
  if (!is_stdin) {
    // A regular file is read straight into a string of its size: growing the string in
    // steps copied a large corpus several times over and faulted in twice its pages.
    struct stat info {};
    if (::fstat(::fileno(file.get()), &info) == 0 && S_ISREG(info.st_mode) && info.st_size > 0) {
      const auto size = static_cast<uint64_t>(info.st_size);
      if (size > max_bytes) {
        return Status(StatusCode::kLimitExceeded,
                      "input is larger than the limit of " + std::to_string(max_bytes) + " bytes",
                      Location::InFile(shown));
      }
      ReserveLarge(&data, size);
      data.resize(size);
      data.resize(std::fread(data.data(), 1, size, file.get()));
    }
  }
  char buffer[1 << 16];
  while (true) {
    const size_t got = std::fread(buffer, 1, sizeof buffer, file.get());
    if (got > 0) {
      if (data.size() + got > max_bytes) {
        return Status(StatusCode::kLimitExceeded,
                      "input is larger than the limit of " + std::to_string(max_bytes) + " bytes",
                      Location::InFile(shown));
      }
      data.append(buffer, got);
    }
    if (got < sizeof buffer) {
      if (std::ferror(file.get())) {
        return Status(StatusCode::kIoError, std::string("read failed: ") + std::strerror(errno),
                      Location::InFile(shown));
      }
      break;
    }
  }
  return data;
}

void ReserveLarge(std::string* text, size_t size) {
  constexpr size_t kLarge = size_t{8} << 20;
  const bool fresh = text->capacity() < size;
  text->reserve(size);
  if (!fresh || size < kLarge) return;
  // One call maps the whole buffer instead of a page fault per 4 KB page on first write.
  // Advice only: a kernel without MADV_POPULATE_WRITE declines and the faults happen as
  // before. (Huge pages were tried: with the usual "madvise" defrag setting, a fault could
  // stall on memory compaction, making a run up to a third slower.)
  constexpr size_t kPage = 4096;
  const auto begin = reinterpret_cast<uintptr_t>(text->data());
  const uintptr_t first = (begin + kPage - 1) & ~(kPage - 1);
  const uintptr_t last = (begin + text->capacity()) & ~(kPage - 1);
#if defined(MADV_POPULATE_WRITE)
  if (last > first) ::madvise(reinterpret_cast<void*>(first), last - first, MADV_POPULATE_WRITE);
#else
  (void)first;
  (void)last;
#endif
}

}  // namespace jobfit::base

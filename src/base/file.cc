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
  constexpr size_t kHugePage = size_t{2} << 20;
  const bool fresh = text->capacity() < size;
  text->reserve(size);
  if (!fresh || size < 4 * kHugePage) return;
  const auto begin = reinterpret_cast<uintptr_t>(text->data());
  const uintptr_t first = (begin + kHugePage - 1) & ~(kHugePage - 1);
  const uintptr_t last = (begin + text->capacity()) & ~(kHugePage - 1);
  // Advice only: where transparent huge pages are off, the kernel declines and nothing
  // else changes.
  if (last > first) ::madvise(reinterpret_cast<void*>(first), last - first, MADV_HUGEPAGE);
}

}  // namespace jobfit::base

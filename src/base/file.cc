#include "base/file.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <string>
#include <utility>

#include <sys/mman.h>
#include <sys/stat.h>

namespace jobfit::base {
namespace {

// Closes a file descriptor the reader opened (not stdin).
class FileDescriptor {
 public:
  FileDescriptor(int fd, bool owned) : fd_(fd), owned_(owned) {}
  FileDescriptor(const FileDescriptor&) = delete;
  FileDescriptor& operator=(const FileDescriptor&) = delete;
  ~FileDescriptor() {
    if (owned_ && fd_ >= 0) ::close(fd_);
  }
  int get() const { return fd_; }

 private:
  int fd_;
  bool owned_;
};

// read(2) until `size` bytes came or the end of the input; returns the count, or -1.
ssize_t ReadFully(int fd, char* out, size_t size) {
  size_t got = 0;
  while (got < size) {
    const ssize_t n = ::read(fd, out + got, size - got);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return -1;
    if (n == 0) break;
    got += static_cast<size_t>(n);
  }
  return static_cast<ssize_t>(got);
}

Status TooLarge(uint64_t max_bytes, const std::string& shown) {
  return Status(StatusCode::kLimitExceeded,
                "input is larger than the limit of " + std::to_string(max_bytes) + " bytes",
                Location::InFile(shown));
}

}  // namespace

// Plain open/fstat/read: a batch reads thousands of small files, and the stat before
// opening and stdio's own fstat were two of the nine system calls each one cost.
Result<std::string> ReadFile(const std::string& path, uint64_t max_bytes) {
  const bool is_stdin = path == "-";
  const std::string shown = is_stdin ? "<stdin>" : path;
  const FileDescriptor file(is_stdin ? STDIN_FILENO : ::open(path.c_str(), O_RDONLY | O_CLOEXEC),
                            !is_stdin);
  if (file.get() < 0) {
    const int err = errno;
    struct stat info {};
    if (err != ENOENT && ::stat(path.c_str(), &info) == 0 && S_ISDIR(info.st_mode)) {
      return Status(StatusCode::kInvalidArgument, "is a directory, not a file",
                    Location::InFile(shown));
    }
    return Status(err == ENOENT ? StatusCode::kNotFound : StatusCode::kIoError,
                  std::string("cannot open: ") + std::strerror(err), Location::InFile(shown));
  }
  std::string data;
  struct stat info {};
  if (::fstat(file.get(), &info) == 0) {
    if (S_ISDIR(info.st_mode)) {
      return Status(StatusCode::kInvalidArgument, "is a directory, not a file",
                    Location::InFile(shown));
    }
    // A regular file is read straight into a string of its size: growing the string in
    // steps copied a large corpus several times over and faulted in twice its pages.
    // Stdin redirected from a file may have been read in part already.
    const off_t at = is_stdin && S_ISREG(info.st_mode) ? ::lseek(file.get(), 0, SEEK_CUR) : 0;
    if (S_ISREG(info.st_mode) && info.st_size > std::max<off_t>(at, 0)) {
      const auto size = static_cast<uint64_t>(info.st_size - std::max<off_t>(at, 0));
      if (size > max_bytes) return TooLarge(max_bytes, shown);
      ReserveLarge(&data, size);
      data.resize(size);
      const ssize_t got = ReadFully(file.get(), data.data(), size);
      if (got < 0) {
        return Status(StatusCode::kIoError, std::string("read failed: ") + std::strerror(errno),
                      Location::InFile(shown));
      }
      data.resize(static_cast<size_t>(got));
    }
  }
  // The rest: a pipe or stdin, or a file that grew while it was read (one more read finds
  // the end of one that did not).
  char buffer[1 << 16];
  while (true) {
    const ssize_t got = ReadFully(file.get(), buffer, sizeof buffer);
    if (got < 0) {
      return Status(StatusCode::kIoError, std::string("read failed: ") + std::strerror(errno),
                    Location::InFile(shown));
    }
    if (data.size() + static_cast<size_t>(got) > max_bytes) return TooLarge(max_bytes, shown);
    data.append(buffer, static_cast<size_t>(got));
    if (static_cast<size_t>(got) < sizeof buffer) break;
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

MappedFile::MappedFile(MappedFile&& other) noexcept
    : address_(std::exchange(other.address_, nullptr)), size_(std::exchange(other.size_, 0)) {}

MappedFile& MappedFile::operator=(MappedFile&& other) noexcept {
  if (this != &other) {
    if (address_ != nullptr) ::munmap(address_, size_);
    address_ = std::exchange(other.address_, nullptr);
    size_ = std::exchange(other.size_, 0);
  }
  return *this;
}

MappedFile::~MappedFile() {
  if (address_ != nullptr) ::munmap(address_, size_);
}

std::optional<MappedFile> MappedFile::MapIfLarge(const std::string& path, uint64_t min_bytes,
                                                 uint64_t max_bytes) {
  if (path == "-") return std::nullopt;
  // Looked at before it is opened: opening a named pipe would wait for a writer, and
  // closing it again before the caller's read would cut that writer off.
  // The size too: a small file costs the caller no open and close more.
  struct stat info {};
  if (::stat(path.c_str(), &info) != 0 || !S_ISREG(info.st_mode) ||
      static_cast<uint64_t>(info.st_size) < std::max<uint64_t>(min_bytes, 1) ||
      static_cast<uint64_t>(info.st_size) > max_bytes) {
    return std::nullopt;
  }
  // Non-blocking in case the path became a pipe since (it is then left to the caller).
  const FileDescriptor file(::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK), true);
  if (file.get() < 0) return std::nullopt;
  if (::fstat(file.get(), &info) != 0 || !S_ISREG(info.st_mode)) return std::nullopt;
  const auto size = static_cast<uint64_t>(info.st_size);
  if (size < std::max<uint64_t>(min_bytes, 1) || size > max_bytes) return std::nullopt;
  // MAP_POPULATE maps the cached pages in one call instead of a fault per few pages.
  void* address = ::mmap(nullptr, static_cast<size_t>(size), PROT_READ, MAP_PRIVATE | MAP_POPULATE,
                         file.get(), 0);
  if (address == MAP_FAILED) return std::nullopt;
  MappedFile mapped;
  mapped.address_ = address;
  mapped.size_ = static_cast<size_t>(size);
  return mapped;
}

}  // namespace jobfit::base

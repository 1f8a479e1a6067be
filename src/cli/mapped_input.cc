#include "cli/mapped_input.h"

#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cstring>

#include "jobfit/document.h"

#include "cli/common.h"
#include <sys/stat.h>

namespace jobfit::cli {
namespace {

// The message is made before the mapping is read: a signal handler may only write.
constexpr size_t kMessageRoom = 4096;
char g_message[kMessageRoom];
std::atomic<size_t> g_message_length{0};  // 0: no mapped input is being read

void Append(std::string_view piece, size_t* length) {
  const size_t n = std::min(piece.size(), kMessageRoom - *length);
  std::memcpy(g_message + *length, piece.data(), n);
  *length += n;
}

extern "C" void OnSigbus(int signal_number) {
  const size_t length = g_message_length.load();
  if (length == 0) {
    // Not a mapped input's: what the default action makes of it.
    ::signal(signal_number, SIG_DFL);
    ::raise(signal_number);
    return;
  }
  size_t written = 0;
  while (written < length) {
    const ssize_t n = ::write(STDERR_FILENO, g_message + written, length - written);
    if (n <= 0) break;
    written += static_cast<size_t>(n);
  }
  ::_exit(kExitError);
}

void InstallOnce() {
  static const bool installed = [] {
    struct sigaction action {};
    action.sa_handler = OnSigbus;
    sigemptyset(&action.sa_mask);
    return ::sigaction(SIGBUS, &action, nullptr) == 0;
  }();
  (void)installed;
}

}  // namespace

bool MayBeMapped(const std::string& path) {
  struct stat info {};
  return path != "-" && ::stat(path.c_str(), &info) == 0 && S_ISREG(info.st_mode) &&
         static_cast<uint64_t>(info.st_size) >= kMinMappedBytes;
}

MappedInputGuard::MappedInputGuard(std::string_view source) {
  InstallOnce();
  size_t length = 0;
  Append("jobfit: ", &length);
  Append(source, &length);
  Append(": the file shrank while it was read; the run stops here\n", &length);
  g_message_length.store(length);
}

MappedInputGuard::~MappedInputGuard() { g_message_length.store(0); }

}  // namespace jobfit::cli

// A file that shrinks while its mapping is read (ReadDocumentMapped) raises SIGBUS. The
// run then ends with an error naming that file and the error exit code, not a crash.
#ifndef JOBFIT_CLI_MAPPED_INPUT_H_
#define JOBFIT_CLI_MAPPED_INPUT_H_

#include <string>
#include <string_view>

namespace jobfit::cli {

// True when ReadDocumentMapped may map `path` (a regular file of kMinMappedBytes or more):
// only such inputs need the guard.
bool MayBeMapped(const std::string& path);

// Names `source` as the mapped input being read until destroyed; installs the handler
// on first use. One at a time (the commands read mapped inputs on one thread). Any
// SIGBUS meanwhile is taken for the file's: on x86-64 Linux, reading a mapped page past
// the end of a shrunken file is what raises it.
class MappedInputGuard {
 public:
  explicit MappedInputGuard(std::string_view source);
  MappedInputGuard(const MappedInputGuard&) = delete;
  MappedInputGuard& operator=(const MappedInputGuard&) = delete;
  ~MappedInputGuard();
};

}  // namespace jobfit::cli

#endif  // JOBFIT_CLI_MAPPED_INPUT_H_

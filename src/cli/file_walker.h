// Finding the input files of `jobfit batch`: folders walked recursively, filtered, sorted.
#ifndef JOBFIT_CLI_FILE_WALKER_H_
#define JOBFIT_CLI_FILE_WALKER_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "jobfit/status.h"

namespace jobfit::cli {

struct WalkOptions {
  // Shell patterns (fnmatch); a file is taken when it matches any (all files when empty).
  // A pattern without '/' is matched against the file name, one with '/' against the
  // path below the folder given.
  std::vector<std::string> globs;
  // Files and folders matching any of these are left out (a folder with all it holds).
  std::vector<std::string> excludes;
  bool hidden = false;  // walk into names starting with '.' (skipped by default)
};

// One input: a file to read, or a path that cannot be (an unreadable folder, a broken
// symlink, a FIFO or device), which the run reports as a failed input.
struct WalkEntry {
  std::string path;
  std::optional<Status> error;
};

struct WalkResult {
  std::vector<WalkEntry> entries;  // per argument in the order given, each sorted by path
  uint64_t skipped = 0;            // hidden, excluded, not matching --glob, folder symlinks
};

// Expands the arguments: a file is taken as it is (whatever its name); a folder is walked
// recursively. Symlinks to files are followed; symlinks to folders inside a walk are not
// (they count as skipped), so a link cycle cannot loop; a folder reached twice through
// bind mounts is walked once (by device and inode). A path given twice is listed once.
WalkResult WalkInputs(const std::vector<std::string>& arguments, const WalkOptions& options);

}  // namespace jobfit::cli

#endif  // JOBFIT_CLI_FILE_WALKER_H_

#include "cli/file_walker.h"

#include <dirent.h>
#include <fnmatch.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <set>
#include <string_view>
#include <unordered_set>
#include <utility>

#include <sys/stat.h>

namespace jobfit::cli {
namespace {

bool MatchesAny(const std::vector<std::string>& patterns, const std::string& name,
                const std::string& relative) {
  for (const std::string& pattern : patterns) {
    const std::string& subject = pattern.find('/') == std::string::npos ? name : relative;
    if (fnmatch(pattern.c_str(), subject.c_str(), 0) == 0) return true;
  }
  return false;
}

std::string Join(const std::string& dir, const std::string& name) {
  if (!dir.empty() && dir.back() == '/') return dir + name;
  return dir + "/" + name;
}

Status ErrnoStatus(const std::string& path, const char* what, int error) {
  const StatusCode code = error == ENOENT ? StatusCode::kNotFound : StatusCode::kIoError;
  return Status(code, std::string(what) + ": " + std::strerror(error), Location::InFile(path));
}

class Walker {
 public:
  Walker(const WalkOptions& options, WalkResult& result) : options_(options), result_(result) {}

  // Walks one folder argument; appends its files (sorted) to the result.
  void WalkRoot(const std::string& root) {
    std::vector<WalkEntry> found;
    // An explicit stack rather than recursion: folder depth is the user's data.
    std::vector<std::pair<std::string, std::string>> stack = {{root, ""}};  // path, relative
    while (!stack.empty()) {
      auto [dir, relative_dir] = std::move(stack.back());
      stack.pop_back();
      struct stat st {};
      if (stat(dir.c_str(), &st) != 0) {
        found.push_back({dir, ErrnoStatus(dir, "cannot open folder", errno)});
        continue;
      }
      if (!visited_.insert({st.st_dev, st.st_ino}).second) {
        ++result_.skipped;  // a folder seen before (a bind mount loop)
        continue;
      }
      DIR* handle = opendir(dir.c_str());
      if (handle == nullptr) {
        found.push_back({dir, ErrnoStatus(dir, "cannot open folder", errno)});
        continue;
      }
      // Each name with whether the folder says it is a regular file: most are, and
      // those need no lstat (a batch of small resumes spent a tenth of its system time
      // on one per file).
      std::vector<std::pair<std::string, bool>> names;
      errno = 0;
      while (const dirent* entry = readdir(handle)) {
        const std::string_view name = entry->d_name;
        if (name == "." || name == "..") continue;
        names.emplace_back(name, entry->d_type == DT_REG);
      }
      closedir(handle);
      std::sort(names.begin(), names.end());
      for (const auto& [name, regular] : names) {
        const std::string path = Join(dir, name);
        const std::string relative = relative_dir.empty() ? name : relative_dir + "/" + name;
        if ((!options_.hidden && name[0] == '.') || MatchesAny(options_.excludes, name, relative)) {
          ++result_.skipped;
          continue;
        }
        if (regular) {
          if (Wanted(name, relative)) found.push_back({path, std::nullopt});
          continue;
        }
        struct stat info {};
        if (lstat(path.c_str(), &info) != 0) {
          found.push_back({path, ErrnoStatus(path, "cannot open", errno)});
          continue;
        }
        if (S_ISDIR(info.st_mode)) {
          stack.emplace_back(path, relative);
          continue;
        }
        struct stat target = info;
        if (S_ISLNK(info.st_mode)) {
          if (stat(path.c_str(), &target) != 0) {
            if (!Wanted(name, relative)) continue;
            found.push_back({path, ErrnoStatus(path, "broken symlink", errno)});
            continue;
          }
          if (S_ISDIR(target.st_mode)) {
            ++result_.skipped;  // folder symlinks are not followed: no cycles, no duplicates
            continue;
          }
        }
        if (!Wanted(name, relative)) continue;
        if (!S_ISREG(target.st_mode)) {
          found.push_back({path, Status(StatusCode::kUnsupported,
                                        "not a regular file (a FIFO, socket or device)",
                                        Location::InFile(path))});
          continue;
        }
        found.push_back({path, std::nullopt});
      }
    }
    std::sort(found.begin(), found.end(),
              [](const WalkEntry& a, const WalkEntry& b) { return a.path < b.path; });
    for (WalkEntry& entry : found) Add(std::move(entry));
  }

  void Add(WalkEntry entry) {
    if (!seen_.insert(entry.path).second) return;
    result_.entries.push_back(std::move(entry));
  }

 private:
  bool Wanted(const std::string& name, const std::string& relative) {
    if (options_.globs.empty() || MatchesAny(options_.globs, name, relative)) return true;
    ++result_.skipped;
    return false;
  }

  const WalkOptions& options_;
  WalkResult& result_;
  std::set<std::pair<dev_t, ino_t>> visited_;
  std::unordered_set<std::string> seen_;
};

}  // namespace

WalkResult WalkInputs(const std::vector<std::string>& arguments, const WalkOptions& options) {
  WalkResult result;
  Walker walker(options, result);
  for (const std::string& argument : arguments) {
    struct stat st {};
    if (stat(argument.c_str(), &st) != 0) {
      walker.Add({argument, ErrnoStatus(argument, "cannot open", errno)});
    } else if (S_ISDIR(st.st_mode)) {
      walker.WalkRoot(argument);  // a folder argument is walked even when it is a symlink
    } else if (!S_ISREG(st.st_mode)) {
      walker.Add({argument,
                  Status(StatusCode::kUnsupported, "not a regular file (a FIFO, socket or device)",
                         Location::InFile(argument))});
    } else {
      walker.Add({argument, std::nullopt});
    }
  }
  return result;
}

}  // namespace jobfit::cli

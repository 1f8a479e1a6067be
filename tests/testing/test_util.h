// Helpers every test binary may use: reading a file whole, a file in the temporary folder
// that goes when the test does, golden-file comparison (JOBFIT_UPDATE_GOLDEN=1 rewrites the
// golden file instead; review the diff like code), and sweeping bytes over the 64-byte
// blocks of the text scans.
#ifndef JOBFIT_TESTS_TESTING_TEST_UTIL_H_
#define JOBFIT_TESTS_TESTING_TEST_UTIL_H_

#include <unistd.h>

#include <cstddef>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <string_view>
#include <system_error>

#include <gtest/gtest.h>

namespace jobfit::test_util {

// Returns the bytes of a file; empty when it cannot be read.
inline std::string Slurp(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

// A file in the temporary folder holding `content`, removed when this goes out of scope,
// so a failed assertion or a repeated run leaves nothing behind. The process id in its name
// keeps two test runs on one machine (Release and sanitizer builds) apart.
class ScopedTempFile {
 public:
  ScopedTempFile(const std::string& name, std::string_view content)
      : path_(std::filesystem::temp_directory_path() /
              ("jobfit_" + std::to_string(::getpid()) + "_" + name)) {
    std::ofstream out(path_, std::ios::binary);
    out.write(content.data(), static_cast<std::streamsize>(content.size()));
    if (!out.flush()) ADD_FAILURE() << "cannot write " << path_;
  }
  ScopedTempFile(const ScopedTempFile&) = delete;
  ScopedTempFile& operator=(const ScopedTempFile&) = delete;
  ~ScopedTempFile() {
    std::error_code ignored;
    std::filesystem::remove(path_, ignored);
  }

  const std::filesystem::path& path() const { return path_; }
  std::string string() const { return path_.string(); }

 private:
  std::filesystem::path path_;
};

// Expects `actual` to equal the golden file at `path`, or rewrites it when the
// environment says JOBFIT_UPDATE_GOLDEN=1.
inline void ExpectGolden(const std::filesystem::path& path, const std::string& actual) {
  const char* update = std::getenv("JOBFIT_UPDATE_GOLDEN");
  if (update != nullptr && std::string(update) == "1") {
    std::filesystem::create_directories(path.parent_path());
    std::ofstream(path, std::ios::binary) << actual;
    return;
  }
  ASSERT_TRUE(std::filesystem::exists(path))
      << path << " is missing; run with JOBFIT_UPDATE_GOLDEN=1";
  EXPECT_EQ(Slurp(path), actual) << "golden file " << path
                                 << " differs; if the change is right, rerun with "
                                    "JOBFIT_UPDATE_GOLDEN=1 and review the diff";
}

// Calls check(text, name) for each byte value below `byte_end` at each of the 64 places of
// a block: the text is `words` repeated to at least `length` bytes (more than two blocks)
// with that byte put at the place in the first block and at the same place in the second.
template <typename Check>
void ForEachByteAtEveryPlaceInABlock(std::string_view words, size_t length, int byte_end,
                                     Check check) {
  for (int byte = 0; byte < byte_end; ++byte) {
    for (size_t at = 0; at < 64; ++at) {
      std::string text;
      while (text.size() < length) text += words;
      text[at] = static_cast<char>(byte);
      text[at + 64] = static_cast<char>(byte);
      check(text, "byte " + std::to_string(byte) + " at " + std::to_string(at));
    }
  }
}

}  // namespace jobfit::test_util

#endif  // JOBFIT_TESTS_TESTING_TEST_UTIL_H_

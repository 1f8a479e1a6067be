// Helpers every test binary may use: reading a file whole, and golden-file comparison
// (JOBFIT_UPDATE_GOLDEN=1 rewrites the golden file instead; review the diff like code).
#ifndef JOBFIT_TESTS_TESTING_TEST_UTIL_H_
#define JOBFIT_TESTS_TESTING_TEST_UTIL_H_

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

#include <gtest/gtest.h>

namespace jobfit::test_util {

// Returns the bytes of a file; empty when it cannot be read.
inline std::string Slurp(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

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

}  // namespace jobfit::test_util

#endif  // JOBFIT_TESTS_TESTING_TEST_UTIL_H_

// Runs the built jobfit program for end-to-end tests. Needs JOBFIT_CLI_PATH and
// JOBFIT_SOURCE_DIR defined by the test target (tests/CMakeLists.txt).
#ifndef JOBFIT_TESTS_TESTING_CLI_RUNNER_H_
#define JOBFIT_TESTS_TESTING_CLI_RUNNER_H_

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "testing/test_util.h"
#include <sys/wait.h>

#ifndef JOBFIT_CLI_PATH
#error "JOBFIT_CLI_PATH must name the jobfit program"
#endif

namespace jobfit::test_util {

struct RunResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

// Runs jobfit from the repository root with `args` (shell syntax) and `input` on stdin,
// keeping its stdin, stdout and stderr in the folder `scratch`, which must exist.
inline RunResult RunJobfitIn(const std::filesystem::path& scratch, const std::string& args,
                             const std::string& input) {
  { std::ofstream(scratch / "stdin", std::ios::binary) << input; }
  const std::string command = "cd '" JOBFIT_SOURCE_DIR "' && '" JOBFIT_CLI_PATH "' " + args +
                              " <'" + (scratch / "stdin").string() + "' >'" +
                              (scratch / "out").string() + "' 2>'" + (scratch / "err").string() +
                              "'";
  const int status = std::system(command.c_str());
  RunResult result;
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  result.out = Slurp(scratch / "out");
  result.err = Slurp(scratch / "err");
  return result;
}

}  // namespace jobfit::test_util

#endif  // JOBFIT_TESTS_TESTING_CLI_RUNNER_H_

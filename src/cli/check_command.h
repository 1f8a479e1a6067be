#ifndef JOBFIT_CLI_CHECK_COMMAND_H_
#define JOBFIT_CLI_CHECK_COMMAND_H_

#include <CLI/App.hpp>

namespace jobfit::cli {

// Registers `jobfit check` on app; *exit_code receives its result when it runs.
void AddCheckCommand(CLI::App& app, int* exit_code);

}  // namespace jobfit::cli

#endif  // JOBFIT_CLI_CHECK_COMMAND_H_

#ifndef JOBFIT_CLI_STREAM_COMMAND_H_
#define JOBFIT_CLI_STREAM_COMMAND_H_

#include <CLI/App.hpp>

namespace jobfit::cli {

// Registers `jobfit stream` on app; *exit_code receives its result when it runs.
void AddStreamCommand(CLI::App& app, int* exit_code);

}  // namespace jobfit::cli

#endif  // JOBFIT_CLI_STREAM_COMMAND_H_

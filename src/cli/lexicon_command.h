#ifndef JOBFIT_CLI_LEXICON_COMMAND_H_
#define JOBFIT_CLI_LEXICON_COMMAND_H_

#include <CLI/App.hpp>

namespace jobfit::cli {

// Registers `jobfit lexicon check|list` on app; *exit_code receives the result.
void AddLexiconCommand(CLI::App& app, int* exit_code);

}  // namespace jobfit::cli

#endif  // JOBFIT_CLI_LEXICON_COMMAND_H_

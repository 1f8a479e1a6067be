// The jobfit program: wiring of subcommands over the public API, nothing else.
#include <csignal>
#include <iostream>
#include <new>

#include <CLI/App.hpp>
#include <CLI/Config.hpp>
#include <CLI/Formatter.hpp>

#include "jobfit/version.h"

#include "cli/batch_command.h"
#include "cli/check_command.h"
#include "cli/common.h"
#include "cli/extract_command.h"
#include "cli/lexicon_command.h"
#include "cli/profile_command.h"
#include "cli/stream_command.h"

int main(int argc, char** argv) {
  // A closed pipe shows up as EPIPE on write, which the commands treat as the end.
  std::signal(SIGPIPE, SIG_IGN);
  CLI::App app("jobfit: find skills and tools in resumes and job ads, and score the fit.",
               "jobfit");
  app.set_version_flag("--version", std::string("jobfit ") + jobfit::Version());
  app.require_subcommand(1);
  int exit_code = jobfit::cli::kExitOk;
  jobfit::cli::AddExtractCommand(app, &exit_code);
  jobfit::cli::AddLexiconCommand(app, &exit_code);
  jobfit::cli::AddCheckCommand(app, &exit_code);
  jobfit::cli::AddProfileCommand(app, &exit_code);
  jobfit::cli::AddBatchCommand(app, &exit_code);
  jobfit::cli::AddStreamCommand(app, &exit_code);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? jobfit::cli::kExitOk : jobfit::cli::kExitError;
  } catch (const std::bad_alloc&) {
    // The library reports errors as Status; only running out of memory (a huge input with
    // millions of matches) can still surface here. End with a message, not an abort.
    std::cerr << "jobfit: out of memory\n";
    return jobfit::cli::kExitError;
  } catch (const std::exception& e) {
    std::cerr << "jobfit: internal error: " << e.what() << "\n";
    return jobfit::cli::kExitError;
  }
  return exit_code;
}

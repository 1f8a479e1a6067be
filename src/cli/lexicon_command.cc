#include "cli/lexicon_command.h"

#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "jobfit/matcher.h"
#include "jobfit/report.h"

#include "cli/common.h"

namespace jobfit::cli {
namespace {

struct CheckFlags {
  std::vector<std::string> files;
  bool standalone = false;
};

struct ListFlags {
  std::vector<std::string> lexicons;
  bool no_builtin = false;
  bool json = false;
};

// A file is valid when it has no problem of its own, layers over the built-in lexicon
// (unless standalone) and compiles: only compiling checks RE2 patterns and alias clashes.
// Every problem of the file itself is printed, not just the first.
int RunCheck(const CheckFlags& flags) {
  int code = kExitOk;
  for (const std::string& file : flags.files) {
    const std::vector<Status> problems = Lexicon::ValidateFile(file);
    for (const Status& problem : problems) PrintError(problem);
    if (!problems.empty()) {
      std::cerr << "jobfit: " << file << ": " << problems.size()
                << (problems.size() == 1 ? " problem\n" : " problems\n");
      code = kExitError;
      continue;
    }
    Result<Lexicon> lexicon = LoadLexicons({file}, flags.standalone);
    Status status = lexicon.status();
    if (lexicon.ok()) status = Matcher::Compile(*lexicon).status();
    if (!status.ok()) {
      PrintError(status);
      code = kExitError;
      continue;
    }
    const LexiconLayer& layer = lexicon->layers().back();
    const int written = WriteReport(
        file + ": ok, " + std::to_string(layer.entries) + " entries, " + layer.content_hash + "\n",
        code);
    if (written != code) return written;
  }
  return code;
}

int RunList(const ListFlags& flags) {
  Result<Lexicon> lexicon = LoadLexicons(flags.lexicons, flags.no_builtin);
  if (!lexicon.ok()) {
    PrintError(lexicon.status());
    return kExitError;
  }
  return WriteReport(RenderLexiconList(*lexicon, flags.json), kExitOk);
}

}  // namespace

void AddLexiconCommand(CLI::App& app, int* exit_code) {
  CLI::App* lexicon = app.add_subcommand("lexicon", "Inspect and validate lexicons.");
  lexicon->require_subcommand(1);

  auto check = std::make_shared<CheckFlags>();
  CLI::App* check_cmd = lexicon->add_subcommand(
      "check", "Validate lexicon files (layered over the built-in lexicon) and compile them.");
  check_cmd->add_option("files", check->files, "Lexicon JSON files")->required();
  check_cmd->add_flag("--standalone", check->standalone,
                      "Check each file alone, without the built-in lexicon");
  check_cmd->footer("Exit status: 0 all valid, 2 a file has errors (each is printed).");
  check_cmd->callback([check, exit_code] { *exit_code = RunCheck(*check); });

  auto list = std::make_shared<ListFlags>();
  CLI::App* list_cmd = lexicon->add_subcommand("list", "List the entries of the lexicon in use.");
  list_cmd->add_option("--lexicon", list->lexicons, "Extra lexicon file (repeatable)");
  list_cmd->add_flag("--no-builtin", list->no_builtin, "Use only the --lexicon files");
  list_cmd->add_flag("--json", list->json, "Print jobfit.lexicon-list/1 JSON");
  list_cmd->callback([list, exit_code] { *exit_code = RunList(*list); });
}

}  // namespace jobfit::cli

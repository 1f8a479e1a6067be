#include "cli/profile_command.h"

#include <cstdio>
#include <memory>
#include <string>

#include "jobfit/score.h"

#include "cli/common.h"

namespace jobfit::cli {
namespace {

std::string JsonString(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') {
      out.push_back('\\');
      out.push_back(c);
    } else if (static_cast<unsigned char>(c) < 0x20) {
      char buffer[8];
      std::snprintf(buffer, sizeof buffer, "\\u%04x", c);
      out += buffer;
    } else {
      out.push_back(c);
    }
  }
  return out + "\"";
}

int RunList(bool json) {
  std::string out = json ? "{\"schema\":\"jobfit.profile-list/1\",\"profiles\":[" : "";
  bool first = true;
  for (const std::string& name : RoleProfile::BuiltinNames()) {
    Result<RoleProfile> profile = RoleProfile::Builtin(name);
    if (!profile.ok()) {
      PrintError(profile.status());
      return kExitError;
    }
    if (json) {
      out += std::string(first ? "" : ",") + "{\"name\":" + JsonString(profile->name()) +
             ",\"title\":" + JsonString(profile->title()) +
             ",\"terms\":" + std::to_string(profile->term_count()) +
             ",\"description\":" + JsonString(profile->description()) + "}";
    } else {
      out += profile->name() + "\t" + profile->title() + "\t" +
             std::to_string(profile->term_count()) + " terms\t" + profile->description() + "\n";
    }
    first = false;
  }
  if (json) out += "]}\n";
  return WriteReport(out, kExitOk);
}

}  // namespace

void AddProfileCommand(CLI::App& app, int* exit_code) {
  CLI::App* cmd = app.add_subcommand("profile", "Role profiles: term sets used without a job ad.");
  cmd->require_subcommand(1);
  auto json = std::make_shared<bool>(false);
  CLI::App* list = cmd->add_subcommand("list", "List the built-in role profiles.");
  list->add_flag("--json", *json, "Print jobfit.profile-list/1 JSON");
  list->callback([json, exit_code] { *exit_code = RunList(*json); });
}

}  // namespace jobfit::cli

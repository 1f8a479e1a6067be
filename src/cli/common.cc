#include "cli/common.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <memory>

namespace jobfit::cli {

Result<Lexicon> LoadLexicons(const std::vector<std::string>& files, bool without_builtin) {
  std::optional<Lexicon> combined;
  if (!without_builtin) {
    Result<Lexicon> builtin = Lexicon::Builtin();
    if (!builtin.ok()) return builtin.status();
    combined = std::move(*builtin);
  }
  for (const std::string& file : files) {
    Result<Lexicon> extra = Lexicon::Load(file);
    if (!extra.ok()) return extra.status();
    if (!combined) {
      combined = std::move(*extra);
      continue;
    }
    Result<Lexicon> layered = combined->LayeredWith(*extra);
    if (!layered.ok()) return layered.status();
    combined = std::move(*layered);
  }
  if (!combined) {
    return Status(StatusCode::kInvalidArgument, "--no-builtin needs at least one --lexicon FILE");
  }
  return std::move(*combined);
}

Result<const Matcher*> LoadMatcher(const std::vector<std::string>& files, bool without_builtin) {
  Result<Lexicon> lexicon = LoadLexicons(files, without_builtin);
  if (!lexicon.ok()) return lexicon.status();
  Result<Matcher> compiled = Matcher::Compile(*lexicon);
  if (!compiled.ok()) return compiled.status();
  // Reachable from a static until exit, so leak checkers do not count it.
  static auto* const kept = new std::vector<std::unique_ptr<Matcher>>();
  kept->push_back(std::make_unique<Matcher>(std::move(*compiled)));
  return static_cast<const Matcher*>(kept->back().get());
}

int WriteReport(std::string_view text, int exit_code) {
  ReportOutput output;
  output.Write(text);
  return output.Finish(exit_code);
}

void ReportOutput::Write(std::string_view piece) {
  if (error_ != 0) return;
  errno = 0;
  if (std::fwrite(piece.data(), 1, piece.size(), stdout) != piece.size()) {
    error_ = errno != 0 ? errno : EIO;
  }
}

void ReportOutput::Flush() {
  errno = 0;
  if (error_ == 0 && std::fflush(stdout) != 0) error_ = errno != 0 ? errno : EIO;
}

int ReportOutput::Finish(int exit_code) {
  Flush();
  if (error_ == 0 || error_ == EPIPE) return exit_code;
  std::cerr << "jobfit: cannot write output: " << std::strerror(error_) << "\n";
  return kExitError;
}

void PrintError(const Status& status) { std::cerr << "jobfit: " << status.ToString() << "\n"; }

uint64_t InputBytes(const std::string& path, const Result<Document>& read) {
  if (read.ok()) return read->bytes;
  std::error_code ec;
  const uintmax_t size = std::filesystem::file_size(path, ec);
  return ec ? 0 : static_cast<uint64_t>(size);
}

}  // namespace jobfit::cli

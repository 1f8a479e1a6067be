// End-to-end tests of the jobfit program: output, exit codes and error messages, with
// golden files for the reports (JOBFIT_UPDATE_GOLDEN=1 rewrites them; review the diff).
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "testing/cli_runner.h"
#include "testing/test_util.h"
#include <sys/wait.h>

namespace {

namespace fs = std::filesystem;

using jobfit::test_util::RunResult;
using jobfit::test_util::Slurp;

// Runs jobfit from the repository root with `args` (shell syntax), stdin from `input`.
RunResult RunJobfit(const std::string& args, const std::string& input = "") {
  const fs::path dir =
      fs::temp_directory_path() / ("jobfit_cli_test_" + std::to_string(::getpid()));
  fs::create_directories(dir);
  RunResult result = jobfit::test_util::RunJobfitIn(dir, args, input);
  fs::remove_all(dir);
  return result;
}

void ExpectGolden(const std::string& name, const std::string& actual) {
  jobfit::test_util::ExpectGolden(fs::path(JOBFIT_SOURCE_DIR) / "tests" / "golden" / name, actual);
}

TEST(Cli, ExtractsTheBundledSampleAsTheGoldenTextReport) {
  const RunResult r = RunJobfit("extract examples/sample_resume.txt examples/sample_job.txt");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.err, "");
  ExpectGolden("extract_sample/report.txt", r.out);
}

TEST(Cli, ExtractsTheBundledSampleAsTheGoldenJsonReport) {
  const RunResult r = RunJobfit("extract --json --explain examples/sample_resume.txt");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  nlohmann::json doc = nlohmann::json::parse(r.out);
  EXPECT_EQ(doc["schema"], "jobfit.extract/1");
  // Hashes change with every lexicon edit; the golden file pins results, not data versions.
  EXPECT_EQ(doc["lexicon"]["hash"].get<std::string>().rfind("fnv1a64:", 0), 0u);
  doc["lexicon"]["hash"] = "<hash>";
  for (auto& layer : doc["lexicon"]["layers"]) layer["hash"] = "<hash>";
  ExpectGolden("extract_sample/report.json", doc.dump(2) + "\n");
}

TEST(Cli, JsonSpansAreByteOffsetsIntoTheInputAsGiven) {
  const std::string input =
      "\xEF\xBB\xBFSkills: \u201CPyTorch\u201D, Kuber-\nnetes, scikit\u2011learn\n";
  const RunResult r = RunJobfit("extract --json -", input);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const nlohmann::json doc = nlohmann::json::parse(r.out);
  ASSERT_EQ(doc["documents"].size(), 1u);
  int spans = 0;
  for (const auto& term : doc["documents"][0]["terms"]) {
    for (const auto& span : term["spans"]) {
      const auto start = span["start"].get<size_t>();
      const auto end = span["end"].get<size_t>();
      EXPECT_EQ(input.substr(start, end - start), span["text"].get<std::string>());
      ++spans;
    }
  }
  EXPECT_EQ(spans, 3);
  EXPECT_NE(r.out.find("\"text\":\"Kuber-\\nnetes\""), std::string::npos) << r.out;
}

TEST(Cli, ExitsOneWhenNothingIsFound) {
  const RunResult r = RunJobfit("extract -", "A quiet afternoon by the river.\n");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.out, "<stdin>: 0 terms, 0 mentions\n");
}

TEST(Cli, NamesAnUnreadableFileAndStillReportsTheOthers) {
  const RunResult r = RunJobfit("extract no_such_resume.txt examples/sample_resume.txt");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err, "jobfit: no_such_resume.txt: cannot open: No such file or directory\n");
  EXPECT_NE(r.out.find("no_such_resume.txt: error: cannot open"), std::string::npos);
  EXPECT_NE(r.out.find("examples/sample_resume.txt: "), std::string::npos);
}

TEST(Cli, ExtractTimingsGoToStderrAndLeaveTheReportAlone) {
  const std::string files = "examples/sample_resume.txt no_such_resume.txt examples/sample_job.txt";
  const RunResult plain = RunJobfit("extract " + files);
  const RunResult timed = RunJobfit("extract --timings " + files);
  EXPECT_EQ(timed.exit_code, plain.exit_code);
  EXPECT_EQ(timed.out, plain.out);
  // The error line first, as it happened, then one line of figures after the report.
  const std::string error_line =
      "jobfit: no_such_resume.txt: cannot open: No such file or directory\n";
  ASSERT_EQ(timed.err.rfind(error_line, 0), 0u) << timed.err;
  const std::string figures = timed.err.substr(error_line.size());
  const size_t bytes = Slurp(fs::path(JOBFIT_SOURCE_DIR) / "examples/sample_resume.txt").size() +
                       Slurp(fs::path(JOBFIT_SOURCE_DIR) / "examples/sample_job.txt").size();
  double start_up = -1;
  double reading = -1;
  double scanning = -1;
  double report = -1;
  unsigned long long counted_bytes = 0;
  unsigned long long inputs = 0;
  int end = 0;
  ASSERT_EQ(std::sscanf(figures.c_str(),
                        "jobfit: timings (CPU s): start-up=%lf reading=%lf scanning=%lf "
                        "report=%lf bytes=%llu inputs=%llu\n%n",
                        &start_up, &reading, &scanning, &report, &counted_bytes, &inputs, &end),
            6)
      << figures;
  EXPECT_EQ(static_cast<size_t>(end), figures.size()) << figures;
  EXPECT_GT(start_up, 0.0);  // loading and compiling the built-in lexicon is never free
  EXPECT_GE(reading, 0.0);
  EXPECT_GE(scanning, 0.0);
  EXPECT_GE(report, 0.0);
  EXPECT_EQ(counted_bytes, bytes);
  EXPECT_EQ(inputs, 3u);  // the one that failed counts as an input of no bytes
}

// Runs `extract --json <flags>` on `corpus` written to a file named after `name` (mapped
// when a megabyte or more: ReadDocumentMapped) and piped to stdin; both must succeed and
// report the same, the source aside. *from_stdin is the report read from stdin.
void ExpectSameExtractFromFileAndStdin(const std::string& corpus, const std::string& name,
                                       const std::string& flags, nlohmann::json* from_stdin) {
  const jobfit::test_util::ScopedTempFile file("cli_" + name + ".txt", corpus);
  const std::string path = file.string();
  const RunResult mapped = RunJobfit("extract --json " + flags + " '" + path + "'");
  const RunResult piped = RunJobfit("extract --json " + flags + " -", corpus);
  ASSERT_EQ(mapped.exit_code, 0) << mapped.err;
  ASSERT_EQ(piped.exit_code, 0) << piped.err;
  nlohmann::json from_file = nlohmann::json::parse(mapped.out);
  *from_stdin = nlohmann::json::parse(piped.out);
  EXPECT_EQ(from_file["documents"][0]["source"], path);
  from_file["documents"][0]["source"] = "<stdin>";
  EXPECT_EQ(from_file, *from_stdin);
}

// A file of a megabyte or more is mapped, not copied (ReadDocumentMapped); stdin is read.
TEST(Cli, ExtractsALargeFileAsTheSameTextFromStdin) {
  const std::string resume = Slurp(fs::path(JOBFIT_SOURCE_DIR) / "examples/sample_resume.txt");
  std::string corpus;
  while (corpus.size() < (size_t{3} << 20)) corpus += resume;
  nlohmann::json from_stdin;
  ASSERT_NO_FATAL_FAILURE(
      ExpectSameExtractFromFileAndStdin(corpus, "large", "--explain", &from_stdin));
  EXPECT_GT(from_stdin["documents"][0]["terms"].size(), 10u);
}

// A large file is mapped before anyone checked that it is UTF-8 (the scan does): one in
// Windows-1252 is read again, decoded, and reports what it reports from stdin.
TEST(Cli, ExtractsALargeFileThatIsNotUtf8AsTheSameTextFromStdin) {
  std::string corpus;
  while (corpus.size() < (size_t{3} << 20)) {
    corpus +=
        "Ren\xE9"
        "e tuned PyTorch models \x93"
        "at scale\x94 \x96 Docker, na\xEFve SQL.\n";
  }
  nlohmann::json from_stdin;
  ASSERT_NO_FATAL_FAILURE(ExpectSameExtractFromFileAndStdin(corpus, "cp1252", "", &from_stdin));
  EXPECT_EQ(from_stdin["documents"][0]["read"]["encoding"], "windows-1252");
  EXPECT_EQ(from_stdin["documents"][0]["terms"].size(), 3u) << from_stdin.dump();
}

TEST(Cli, ReportsAFailedInputAsAnErrorObjectInJson) {
  const RunResult r = RunJobfit("extract --json no_such_resume.txt");
  EXPECT_EQ(r.exit_code, 2);
  const nlohmann::json doc = nlohmann::json::parse(r.out);
  EXPECT_EQ(doc["documents"][0]["source"], "no_such_resume.txt");
  EXPECT_EQ(doc["documents"][0]["error"]["code"], "not_found");
}

TEST(Cli, RefusesADirectoryAsInput) {
  const RunResult r = RunJobfit("extract examples");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err, "jobfit: examples: is a directory, not a file\n");
}

TEST(Cli, ExplainShowsWhyAmbiguousNamesWereKeptOrDropped) {
  const RunResult r = RunJobfit(
      "extract --explain -", "Languages: Go, R, SQL\nOur R&D team owns the go-to-market plan.\n");
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_NE(r.out.find("1:12 \"Go\" as Go: accepted: item of a skills list"), std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("2:5 \"R\" as R: rejected: \"R&D\" matches negative pattern"),
            std::string::npos)
      << r.out;
}

TEST(Cli, LayersAnExtraLexiconAndOverridesById) {
  const fs::path lexicon = fs::temp_directory_path() / "jobfit_cli_extra.json";
  std::ofstream(lexicon) << R"({"schema": "jobfit.lexicon/1", "name": "team", "version": "1",
    "entries": [{"id": "zig", "name": "Zig", "category": "language", "sources": ["extended"],
                 "aliases": ["Zig", "ziglang"]}]})";
  const RunResult r =
      RunJobfit("extract --lexicon '" + lexicon.string() + "' -", "Tools in Zig and Python");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("Programming languages: Python (1), Zig (1)"), std::string::npos) << r.out;
  fs::remove(lexicon);
}

TEST(Cli, NamesTheLineAndColumnOfABadLexicon) {
  const fs::path lexicon = fs::temp_directory_path() / "jobfit_cli_bad.json";
  std::ofstream(lexicon)
      << "{\"schema\": \"jobfit.lexicon/1\", \"name\": \"bad\", \"version\": \"1\",\n"
         " \"entries\": [{\"id\": \"x\", \"name\": \"X\", \"category\": \"gadget\",\n"
         "  \"sources\": [\"extended\"], \"aliases\": [\"X\"]}]}\n";
  const RunResult extract = RunJobfit("extract --lexicon '" + lexicon.string() + "' -", "Python");
  const RunResult check = RunJobfit("lexicon check '" + lexicon.string() + "'");
  EXPECT_EQ(check.exit_code, 2);
  EXPECT_EQ(extract.err, "jobfit: " + lexicon.string() +
                             ":2:51: entry \"x\": unknown category \"gadget\"; expected one of "
                             "language, library, cloud, tool, mlops, data, database, concept, "
                             "soft-skill, certification, education, role\n");
  EXPECT_EQ(extract.exit_code, 2);
  EXPECT_EQ(check.err, extract.err + "jobfit: " + lexicon.string() + ": 1 problem\n");
  fs::remove(lexicon);
}

TEST(Cli, LexiconCheckPrintsEveryProblemOfAFile) {
  const fs::path lexicon = fs::temp_directory_path() / "jobfit_cli_many.json";
  std::ofstream(lexicon)
      << "{\"schema\": \"jobfit.lexicon/1\", \"name\": \"bad\", \"version\": \"1\",\n"
         " \"entries\": [{\"id\": \"x\", \"name\": \"\", \"category\": \"tool\",\n"
         "  \"sources\": [\"extended\"], \"aliases\": [\"X\"]},\n"
         "  {\"id\": \"Y\", \"name\": \"Y\", \"category\": \"tool\",\n"
         "  \"sources\": [\"extended\"], \"aliases\": [\"Y\"]}]}\n";
  const RunResult r = RunJobfit("lexicon check '" + lexicon.string() + "'");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find(":2:34: entry \"x\": \"name\" must not be empty"), std::string::npos)
      << r.err;
  EXPECT_NE(r.err.find(":4:10: entry 2: \"id\" must match"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find(": 2 problems\n"), std::string::npos) << r.err;
  fs::remove(lexicon);
}

TEST(Cli, ChecksAndListsTheBuiltinLexicon) {
  const RunResult check = RunJobfit("lexicon check --standalone lexicons/technology.json");
  EXPECT_EQ(check.exit_code, 2) << "technology.json implies ids of ml_engineer.json";
  const RunResult layered = RunJobfit("lexicon check lexicons/technology.json");
  EXPECT_EQ(layered.exit_code, 0) << layered.err;
  const RunResult list = RunJobfit("lexicon list --json");
  ASSERT_EQ(list.exit_code, 0);
  const nlohmann::json doc = nlohmann::json::parse(list.out);
  EXPECT_EQ(doc["schema"], "jobfit.lexicon-list/1");
  EXPECT_GE(doc["entries"].size(), 1000u);
}

TEST(Cli, HelpAndVersionSucceed) {
  EXPECT_EQ(RunJobfit("--version").exit_code, 0);
  const RunResult help = RunJobfit("extract --help");
  EXPECT_EQ(help.exit_code, 0);
  EXPECT_NE(help.out.find("--explain"), std::string::npos);
  const RunResult bad = RunJobfit("extract --no-such-flag x");
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_EQ(RunJobfit("").exit_code, 2);
}

// `jobfit check`: the bundled sample resume against the bundled ad, with "Present" fixed.
constexpr const char* kCheckSample =
    "check --as-of 2025-06 examples/sample_resume.txt --job examples/sample_job.txt";

double CheckScore(const std::string& args) {
  const RunResult r = RunJobfit(args + " --json");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  return nlohmann::json::parse(r.out)["score"].get<double>();
}

TEST(CliCheck, PrintsTheGoldenTextReport) {
  const RunResult r = RunJobfit(kCheckSample);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.err, "");
  ExpectGolden("check_sample/report.txt", r.out);
}

TEST(CliCheck, JsonFollowsTheCheckSchema) {
  const RunResult r = RunJobfit(std::string(kCheckSample) + " --json");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const nlohmann::json doc = nlohmann::json::parse(r.out);
  EXPECT_EQ(doc["schema"], "jobfit.check/1");
  EXPECT_EQ(doc["target"]["kind"], "job");
  EXPECT_EQ(doc["target"]["source"], "examples/sample_job.txt");
  EXPECT_GE(doc["score"].get<double>(), 0);
  EXPECT_LE(doc["score"].get<double>(), 100);
  EXPECT_TRUE(doc["matched"].is_array());
  EXPECT_TRUE(doc["suggestions"].is_array());
  // The text report shows the same score.
  char score[32];
  std::snprintf(score, sizeof score, "Score: %.1f / 100", doc["score"].get<double>());
  EXPECT_NE(RunJobfit(kCheckSample).out.find(score), std::string::npos);

  const RunResult profile =
      RunJobfit("check --as-of 2025-06 --json --profile ml-engineer examples/sample_resume.txt");
  ASSERT_EQ(profile.exit_code, 0) << profile.err;
  const nlohmann::json by_profile = nlohmann::json::parse(profile.out);
  EXPECT_EQ(by_profile["schema"], "jobfit.check/1");
  EXPECT_EQ(by_profile["target"]["kind"], "profile");
}

TEST(CliCheck, ExitsOneBelowTheMinimumScoreAndZeroAtIt) {
  const double score = CheckScore(kCheckSample);
  ASSERT_LT(score, 100);
  char at[16];
  char above[16];
  std::snprintf(at, sizeof at, "%.1f", score);
  std::snprintf(above, sizeof above, "%.1f", score + 0.1);
  EXPECT_EQ(RunJobfit(std::string(kCheckSample) + " --min-score " + at).exit_code, 0);
  const RunResult below = RunJobfit(std::string(kCheckSample) + " --min-score " + above);
  EXPECT_EQ(below.exit_code, 1);
  EXPECT_NE(below.out.find("Score: "), std::string::npos) << "the report is still printed";
  EXPECT_EQ(RunJobfit(std::string(kCheckSample) + " --json --min-score " + above).exit_code, 1);
}

TEST(CliCheck, ExitsTwoNamingAMissingFile) {
  const RunResult resume = RunJobfit("check no_such_resume.txt --job examples/sample_job.txt");
  EXPECT_EQ(resume.exit_code, 2);
  EXPECT_EQ(resume.out, "");
  EXPECT_EQ(resume.err, "jobfit: no_such_resume.txt: cannot open: No such file or directory\n");
  const RunResult ad = RunJobfit("check examples/sample_resume.txt --job no_such_ad.txt");
  EXPECT_EQ(ad.exit_code, 2);
  EXPECT_EQ(ad.err, "jobfit: no_such_ad.txt: cannot open: No such file or directory\n");
  const RunResult profile = RunJobfit("check examples/sample_resume.txt --profile no_such.json");
  EXPECT_EQ(profile.exit_code, 2);
  EXPECT_NE(profile.err.find("no_such.json"), std::string::npos) << profile.err;
  const RunResult name = RunJobfit("check examples/sample_resume.txt --profile astronaut");
  EXPECT_EQ(name.exit_code, 2);
  EXPECT_NE(name.err.find("\"astronaut\""), std::string::npos) << name.err;
  EXPECT_NE(name.err.find("ml-engineer"), std::string::npos) << name.err;
  EXPECT_EQ(RunJobfit(std::string(kCheckSample) + " --as-of 2025-13").exit_code, 2);
}

TEST(CliCheck, NoEscapeCodesWithoutATerminalOrWithNoColor) {
  // Output to a file is not a terminal: plain text.
  EXPECT_EQ(RunJobfit(kCheckSample).out.find('\x1b'), std::string::npos);
  // At a terminal (a pseudo-terminal from util-linux `script`), colour unless NO_COLOR.
  if (std::system("script -qec true /dev/null </dev/null >/dev/null 2>&1") != 0) {
    GTEST_SKIP() << "no `script` to run jobfit at a pseudo-terminal";
  }
  const fs::path dir = fs::temp_directory_path() / ("jobfit_tty_" + std::to_string(::getpid()));
  fs::create_directories(dir);
  auto at_terminal = [&](const std::string& env) {
    const std::string command = "cd '" JOBFIT_SOURCE_DIR "' && " + env +
                                " script -qec \"'" JOBFIT_CLI_PATH "' " + kCheckSample +
                                "\" /dev/null </dev/null >'" + (dir / "out").string() + "' 2>&1";
    EXPECT_EQ(std::system(command.c_str()), 0);
    return Slurp(dir / "out");
  };
  const std::string colour = at_terminal("env -u NO_COLOR");
  EXPECT_NE(colour.find("Score: "), std::string::npos) << colour;
  EXPECT_NE(colour.find('\x1b'), std::string::npos) << "a terminal gets colour";
  const std::string plain = at_terminal("NO_COLOR=1");
  EXPECT_NE(plain.find("Score: "), std::string::npos) << plain;
  EXPECT_EQ(plain.find('\x1b'), std::string::npos) << "NO_COLOR turns colour off";
  fs::remove_all(dir);
}

TEST(CliCheck, ProfileListNamesTheBuiltinProfiles) {
  const RunResult r = RunJobfit("profile list");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.err, "");
  EXPECT_EQ(r.out.rfind("ml-engineer\tMachine Learning Engineer\t", 0), 0u) << r.out;
  EXPECT_EQ(r.out.back(), '\n');
}

TEST(Cli, AClosedPipeIsNotAnError) {
  const fs::path dir = fs::temp_directory_path() / ("jobfit_pipe_" + std::to_string(::getpid()));
  fs::create_directories(dir);
  const std::string command = "{ '" JOBFIT_CLI_PATH "' lexicon list 2>'" + (dir / "err").string() +
                              "'; echo $? >'" + (dir / "status").string() +
                              "'; } | head -c 10 >/dev/null";
  ASSERT_EQ(std::system(command.c_str()), 0);
  EXPECT_EQ(Slurp(dir / "status"), "0\n");
  EXPECT_EQ(Slurp(dir / "err"), "");
  fs::remove_all(dir);
}

}  // namespace

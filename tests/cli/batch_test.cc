// End-to-end tests of `jobfit batch` and `jobfit stream`: ranking, error rows, the same
// output for any -j, --resume-from, malformed stream input, and sharded streams.
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "testing/cli_runner.h"
#include "testing/test_util.h"
#include <sys/stat.h>
#include <sys/wait.h>

namespace {

namespace fs = std::filesystem;
using Json = nlohmann::json;

// Results are fixed in time: "Present" means this month, so the tests pin it.
constexpr const char* kAsOf = " --as-of 2025-06";
constexpr const char* kMlAd = " --job corpora/jobs/ml_engineer_senior.txt";

using jobfit::test_util::RunResult;
using jobfit::test_util::Slurp;

void Write(const fs::path& path, const std::string& bytes) {
  fs::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary) << bytes;
}

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

// Compares line by line, so a failure names the first differing line, not 1 MB of JSON.
void ExpectSameLines(const std::string& actual, const std::string& expected) {
  const std::vector<std::string> a = Lines(actual);
  const std::vector<std::string> e = Lines(expected);
  EXPECT_EQ(a.size(), e.size());
  for (size_t i = 0; i < std::min(a.size(), e.size()); ++i) {
    if (a[i] != e[i]) {
      ADD_FAILURE() << "line " << i + 1 << " differs:\n  " << a[i].substr(0, 300) << "\n  "
                    << e[i].substr(0, 300);
      return;
    }
  }
  EXPECT_EQ(actual, expected) << "(same lines, different line ends)";
}

// A scratch folder per test, removed afterwards.
class BatchTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    dir_ = fs::temp_directory_path() /
           ("jobfit_batch_test_" + std::to_string(::getpid()) + "_" + info->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  // Runs jobfit from the repository root with `args` (shell syntax), stdin from `input`.
  RunResult Run(const std::string& args, const std::string& input = "") {
    return jobfit::test_util::RunJobfitIn(dir_, args, input);
  }

  std::string Path(const std::string& name) const { return (dir_ / name).string(); }

  // A folder of generated resumes: ML engineers and cooks in turn, deterministic.
  void Generate(const std::string& folder, int count) {
    for (int i = 0; i < count; ++i) {
      std::string text;
      if (i % 2 == 0) {
        text = "Machine Learning Engineer " + std::to_string(i) +
               "\n\nSKILLS\nPython, PyTorch, TensorFlow, SQL, Kubernetes\n\nEXPERIENCE\n"
               "Machine Learning Engineer, Acme, 2018 - Present\n- Trained PyTorch models "
               "for recommendation and personalization\n- Built Spark data pipelines\n";
      } else {
        text = "Head Chef " + std::to_string(i) +
               "\n\nEXPERIENCE\nHead Chef, Bistro, 2015 - Present\n- Ran a kitchen of " +
               std::to_string(i % 7 + 3) + " cooks\n- Menu planning and food safety\n";
      }
      char name[32];
      std::snprintf(name, sizeof name, "r%04d.txt", i);
      Write(dir_ / folder / (i % 3 == 0 ? "sub" : "") / name, text);
    }
  }

  fs::path dir_;
};

// Returns the table rows' file column in rank order.
std::vector<std::string> RankedFiles(const std::string& table) {
  std::vector<std::string> files;
  for (const std::string& line : Lines(table)) {
    std::istringstream cells(line);
    std::string rank, score, file;
    cells >> rank >> score >> file;
    if (rank == "RANK" || rank == "-") continue;
    files.push_back(file);
  }
  return files;
}

TEST_F(BatchTest, RanksMlResumesAboveNonTechnicalOnesForAnMlAd) {
  const RunResult r = Run("batch corpora/resumes --glob '*.txt' -q" + std::string(kMlAd) + kAsOf);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.err, "");  // --quiet: no summary
  const std::vector<std::string> files = RankedFiles(r.out);
  ASSERT_FALSE(files.empty());
  EXPECT_EQ(files.size(), 17u);  // every .txt resume, no .gold
  EXPECT_EQ(files.front(), "corpora/resumes/ml_engineer_senior.txt");
  auto rank = [&](const std::string& name) {
    return std::find(files.begin(), files.end(), "corpora/resumes/" + name) - files.begin();
  };
  for (const char* ml : {"ml_engineer_senior.txt", "ml_engineer_junior.txt"}) {
    for (const char* other : {"chef.txt", "nurse.txt", "teacher.txt", "sales_manager.txt"}) {
      EXPECT_LT(rank(ml), rank(other)) << ml << " should rank above " << other;
    }
  }
}

TEST_F(BatchTest, EveryInputGetsARowAndBadFilesGetErrorRows) {
  Generate("in", 4);
  Write(dir_ / "in" / "photo.png", std::string("\x89PNG\r\n\x1a\n0000", 12));
  Write(dir_ / "in" / "broken.pdf", "%PDF-1.4 not really a PDF");
  Write(dir_ / "in" / "empty.txt", "");
  const RunResult r = Run("batch " + Path("in") + kMlAd + kAsOf + " --jsonl " + Path("out.jsonl") +
                          " --csv " + Path("out.csv"));
  EXPECT_EQ(r.exit_code, 2) << "a failed file makes the run exit 2";
  EXPECT_NE(r.err.find("4 scored, 3 failed"), std::string::npos) << r.err;

  std::vector<std::string> paths;
  std::vector<std::string> codes;
  for (const std::string& line : Lines(Slurp(Path("out.jsonl")))) {
    const Json record = Json::parse(line);
    EXPECT_EQ(record["schema"], "jobfit.batch/1");
    paths.push_back(record["path"]);
    if (record.contains("error")) {
      codes.push_back(record["error"]["code"]);
      EXPECT_FALSE(record["error"]["message"].get<std::string>().empty());
      EXPECT_FALSE(record.contains("results"));
    } else {
      ASSERT_EQ(record["results"].size(), 1u);
      EXPECT_TRUE(record["results"][0]["score"].is_number());
      EXPECT_TRUE(record["results"][0]["breakdown"].is_object());
      EXPECT_TRUE(record["results"][0]["suggestions"].is_array());
    }
  }
  ASSERT_EQ(paths.size(), 7u);  // every input, in path order
  EXPECT_TRUE(std::is_sorted(paths.begin(), paths.end()));
  std::sort(codes.begin(), codes.end());
  EXPECT_EQ(codes, (std::vector<std::string>{"low_confidence", "parse_error", "unsupported"}));
  const std::vector<std::string> csv = Lines(Slurp(Path("out.csv")));
  ASSERT_EQ(csv.size(), 8u);  // header + one row per input
  EXPECT_EQ(csv[0].rfind("path,status,target,", 0), 0u);
  // The table shows the failures too, with their reasons.
  EXPECT_NE(r.out.find("error  " + Path("in/photo.png") + "  unsupported:"), std::string::npos)
      << r.out;
}

// A scored record's bytes are its file's size, as read: not the decoded text, nor a PDF's
// text; whether the walk listed the file from its folder or was given it.
TEST_F(BatchTest, EveryScoredRecordGivesItsFilesSize) {
  Generate("in", 2);
  std::string latin1 =
      "Ren\xE9"
      "e Dupont\nSkills: Python, PyTorch, na\xEFve Bayes, Docker\n";
  for (int i = 0; i < 20; ++i) latin1 += "Built caf\xE9 ordering models with scikit-learn.\n";
  Write(dir_ / "in" / "latin1.txt", latin1);  // grows by a byte per accent when decoded
  Write(dir_ / "in" / "photo.png", std::string("\x89PNG\r\n\x1a\n0000", 12));
  fs::copy_file(fs::path(JOBFIT_SOURCE_DIR) / "tests/read/data/resume.pdf", dir_ / "in" / "cv.pdf");
  Write(dir_ / "given.txt", latin1 + "Kubernetes\n");
  const RunResult r = Run("batch " + Path("in") + " " + Path("given.txt") + kMlAd + kAsOf +
                          " --jsonl " + Path("out.jsonl"));
  EXPECT_EQ(r.exit_code, 2) << r.err;  // the image
  size_t scored = 0;
  for (const std::string& line : Lines(Slurp(Path("out.jsonl")))) {
    const Json record = Json::parse(line);
    const std::string path = record["path"];
    if (record.contains("error")) {
      EXPECT_EQ(path, Path("in/photo.png"));
      continue;
    }
    EXPECT_EQ(record["read"]["bytes"].get<uint64_t>(), fs::file_size(path)) << path;
    ++scored;
  }
  EXPECT_EQ(scored, 5u);
}

TEST_F(BatchTest, OutputIsTheSameForAnyNumberOfThreads) {
  Generate("in", 60);
  Write(dir_ / "in" / "photo.png", std::string("\x89PNG\r\n\x1a\n0000", 12));
  std::string reference_table, reference_jsonl, reference_csv;
  for (const char* jobs : {"1", "2", "4"}) {
    const std::string jsonl = Path(std::string("out") + jobs + ".jsonl");
    const std::string csv = Path(std::string("out") + jobs + ".csv");
    const RunResult r =
        Run("batch " + Path("in") + kMlAd + " --job corpora/jobs/data_engineer.txt" + kAsOf +
            " -q -j " + jobs + " --jsonl " + jsonl + " --csv " + csv);
    EXPECT_EQ(r.exit_code, 2) << r.err;  // the PNG
    if (reference_table.empty()) {
      reference_table = r.out;
      reference_jsonl = Slurp(jsonl);
      reference_csv = Slurp(csv);
      EXPECT_EQ(Lines(reference_jsonl).size(), 61u);
      continue;
    }
    EXPECT_EQ(r.out, reference_table) << "-j " << jobs;
    ExpectSameLines(Slurp(jsonl), reference_jsonl);
    EXPECT_EQ(Slurp(csv), reference_csv) << "-j " << jobs;
  }
}

TEST_F(BatchTest, SeveralAdsGiveAMatrixAndEachResumesBestAd) {
  const RunResult r =
      Run("batch corpora/resumes/ml_engineer_senior.txt corpora/resumes/chef.txt -q" +
          std::string(kMlAd) + " --job corpora/jobs/chef.txt" + kAsOf + " --jsonl " +
          Path("out.jsonl") + " --csv " + Path("out.csv"));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("J1  corpora/jobs/ml_engineer_senior.txt"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("J2  corpora/jobs/chef.txt"), std::string::npos) << r.out;
  for (const std::string& line : Lines(Slurp(Path("out.jsonl")))) {
    const Json record = Json::parse(line);
    ASSERT_EQ(record["results"].size(), 2u);
    const size_t expected = record["path"] == "corpora/resumes/chef.txt" ? 1 : 0;
    EXPECT_EQ(record["best"]["index"], expected) << record["path"];
    EXPECT_EQ(record["results"][expected]["target"]["source"],
              expected == 0 ? "corpora/jobs/ml_engineer_senior.txt" : "corpora/jobs/chef.txt");
  }
  EXPECT_EQ(Lines(Slurp(Path("out.csv"))).size(), 5u);  // header + 2 resumes x 2 ads
}

// The table as a reader sees it: ranks, scores right-aligned, the per-ad columns of a
// matrix, the top names in their columns, and error rows after the ranking.
TEST_F(BatchTest, TheRankedTableIsTheGoldenFile) {
  const std::string errors = " tests/read/data/truncated.docx tests/read/data/photo.png";
  const RunResult matrix = Run("batch corpora/resumes" + errors + " -q" + std::string(kMlAd) +
                               " --job corpora/jobs/chef.txt" + kAsOf);
  ASSERT_EQ(matrix.exit_code, 2) << matrix.err;  // a failed file fails the run
  const RunResult top = Run("batch corpora/resumes" + errors + " -q --profile ml-engineer" + kAsOf +
                            " --top 5 --min-score 30");
  ASSERT_EQ(top.exit_code, 2) << top.err;
  const fs::path golden = fs::path(JOBFIT_SOURCE_DIR) / "tests" / "golden" / "batch";
  jobfit::test_util::ExpectGolden(golden / "two_ads.txt", matrix.out);
  jobfit::test_util::ExpectGolden(golden / "profile_top5.txt", top.out);
}

TEST_F(BatchTest, ResumeFromAppendsExactlyTheMissingRecords) {
  Generate("in", 12);
  const std::string args = "batch " + Path("in") + kMlAd + kAsOf + " -q -j 2";
  const RunResult full = Run(args + " --jsonl " + Path("full.jsonl"));
  ASSERT_EQ(full.exit_code, 0) << full.err;
  const std::vector<std::string> records = Lines(Slurp(Path("full.jsonl")));
  ASSERT_EQ(records.size(), 12u);
  // An interrupted run: five whole records and half of the sixth.
  std::string partial;
  for (size_t i = 0; i < 5; ++i) partial += records[i] + "\n";
  partial += records[5].substr(0, records[5].size() / 2);
  Write(dir_ / "partial.jsonl", partial);

  const RunResult resumed = Run(args + " --resume-from " + Path("partial.jsonl"));
  ASSERT_EQ(resumed.exit_code, 0) << resumed.err;
  ExpectSameLines(Slurp(Path("partial.jsonl")), Slurp(Path("full.jsonl")));
  EXPECT_EQ(resumed.out, full.out) << "the table covers the earlier records too";

  // Nothing left to do: nothing is appended.
  const RunResult again = Run(args + " --resume-from " + Path("partial.jsonl"));
  EXPECT_EQ(again.exit_code, 0) << again.err;
  ExpectSameLines(Slurp(Path("partial.jsonl")), Slurp(Path("full.jsonl")));

  // Another ad than the file was written for is refused, the file left alone.
  const RunResult other = Run("batch " + Path("in") + " --job corpora/jobs/chef.txt" + kAsOf +
                              " -q --resume-from " + Path("partial.jsonl"));
  EXPECT_EQ(other.exit_code, 2);
  EXPECT_NE(other.err.find("other job ads"), std::string::npos) << other.err;
  ExpectSameLines(Slurp(Path("partial.jsonl")), Slurp(Path("full.jsonl")));
}

TEST_F(BatchTest, HiddenFilesAreSkippedAndSymlinkLoopsEnd) {
  Generate("in", 3);
  Write(dir_ / "in" / ".hidden.txt", "Python developer");
  Write(dir_ / "in" / ".git" / "notes.txt", "Python developer");
  fs::create_directory_symlink("..", dir_ / "in" / "sub" / "loop");
  fs::create_symlink("r0001.txt", dir_ / "in" / "link.txt");  // a file symlink is followed
  const RunResult plain =
      Run("batch " + Path("in") + kMlAd + kAsOf + " --jsonl " + Path("out.jsonl"));
  ASSERT_EQ(plain.exit_code, 0) << plain.err;
  EXPECT_EQ(Lines(Slurp(Path("out.jsonl"))).size(), 4u);  // 3 resumes + link.txt
  EXPECT_NE(plain.err.find("4 scored, 0 failed, 3 skipped"), std::string::npos) << plain.err;
  const RunResult hidden =
      Run("batch --hidden " + Path("in") + kMlAd + kAsOf + " -q --jsonl " + Path("hidden.jsonl"));
  ASSERT_EQ(hidden.exit_code, 0) << hidden.err;
  EXPECT_EQ(Lines(Slurp(Path("hidden.jsonl"))).size(), 6u);
}

TEST_F(BatchTest, TopAndMinScoreLimitTheTableNotTheRecords) {
  Generate("in", 10);
  const RunResult top =
      Run("batch " + Path("in") + kMlAd + kAsOf + " -q --top 3 --jsonl " + Path("out.jsonl"));
  ASSERT_EQ(top.exit_code, 0) << top.err;
  EXPECT_EQ(RankedFiles(top.out).size(), 3u);
  EXPECT_EQ(Lines(Slurp(Path("out.jsonl"))).size(), 10u);
  const RunResult none = Run("batch " + Path("in") + kMlAd + kAsOf + " -q --min-score 99.5");
  EXPECT_EQ(none.exit_code, 1) << "no resume reaches the threshold";
  EXPECT_TRUE(RankedFiles(none.out).empty());
  const RunResult usage = Run("batch " + Path("in") + " --jsonl - --csv -");
  EXPECT_EQ(usage.exit_code, 2);
}

TEST_F(BatchTest, StreamAnswersEveryLineAndMalformedOnesWithErrors) {
  const std::string input =
      "{\"id\": \"a\", \"path\": \"corpora/resumes/ml_engineer_senior.txt\"}\n"
      "this is not JSON\n"
      "{\"id\": 7}\n"
      "{\"id\": \"gone\", \"path\": \"corpora/resumes/no_such_file.txt\"}\n"
      "[1, 2]\n"
      "\n"
      "{\"id\": {\"k\": 1}, \"text\": \"Machine Learning Engineer\\nPython and PyTorch\"}\n"
      "{\"text\": 42}\n"
      "{\"id\": \"last\", \"text\": \"Head Chef\"}\n";
  const RunResult r = Run("stream" + std::string(kMlAd) + kAsOf, input);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::vector<std::string> lines = Lines(r.out);
  ASSERT_EQ(lines.size(), 9u) << r.out;
  std::vector<Json> out;
  for (const std::string& line : lines) out.push_back(Json::parse(line));
  for (const Json& o : out) EXPECT_EQ(o["schema"], "jobfit.stream/1");
  EXPECT_EQ(out[0]["id"], "a");
  EXPECT_TRUE(out[0]["results"][0]["score"].is_number());
  EXPECT_EQ(out[1]["error"]["code"], "parse_error");
  EXPECT_EQ(out[1]["line"], 2);  // no id: the line number says which
  EXPECT_EQ(out[2]["id"], 7);
  EXPECT_EQ(out[2]["error"]["code"], "invalid_argument");
  EXPECT_FALSE(out[2].contains("line"));
  EXPECT_EQ(out[3]["id"], "gone");
  EXPECT_EQ(out[3]["error"]["code"], "not_found");
  EXPECT_EQ(out[4]["line"], 5);
  EXPECT_EQ(out[4]["error"]["code"], "parse_error");
  EXPECT_EQ(out[5]["line"], 6);
  EXPECT_EQ(out[6]["id"], Json({{"k", 1}}));
  EXPECT_GT(out[6]["results"][0]["score"].get<double>(), 0);
  EXPECT_EQ(out[7]["line"], 8);
  EXPECT_EQ(out[7]["error"]["code"], "invalid_argument");
  EXPECT_EQ(out[8]["id"], "last");
  EXPECT_TRUE(out[8].contains("results"));
}

TEST_F(BatchTest, StreamDoesNotBlockOnAFifoPath) {
  ASSERT_EQ(::mkfifo(Path("fifo").c_str(), 0600), 0);
  const RunResult r = Run("stream" + std::string(kMlAd) + kAsOf,
                          "{\"id\": 1, \"path\": " + Json(Path("fifo")).dump() +
                              "}\n{\"id\": 2, \"path\": " + Json(Path("")).dump() + "}\n");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::vector<std::string> lines = Lines(r.out);
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(Json::parse(lines[0])["error"]["code"], "unsupported");
  EXPECT_EQ(Json::parse(lines[1])["error"]["code"], "unsupported");  // a folder
}

TEST_F(BatchTest, StreamRefusesAPathThatWouldReadItsOwnInput) {
  // "-" is stdin to the reader; reading it would eat the requests that follow.
  const std::string resume = Json(Slurp(JOBFIT_SOURCE_DIR "/examples/sample_resume.txt")).dump();
  const RunResult r = Run("stream" + std::string(kMlAd) + kAsOf,
                          "{\"id\": 1, \"path\": \"-\"}\n{\"id\": 2, \"text\": " + resume +
                              "}\n{\"id\": 3, \"text\": " + resume + "}\n");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::vector<std::string> lines = Lines(r.out);
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_EQ(Json::parse(lines[0])["error"]["code"], "invalid_argument");
  EXPECT_GT(Json::parse(lines[1])["results"][0]["score"].get<double>(), 0);
  EXPECT_EQ(Json::parse(lines[2])["id"], 3);
}

TEST_F(BatchTest, FourStreamShardsMergeToTheOneProcessOutput) {
  Generate("in", 40);
  std::vector<std::string> inputs;
  int n = 0;
  for (const auto& entry : fs::recursive_directory_iterator(dir_ / "in")) {
    if (!entry.is_regular_file()) continue;
    const std::string id = "\"r" + std::to_string(n++) + "\"";
    inputs.push_back(
        n % 2 == 0 ? "{\"id\": " + id + ", \"path\": " + Json(entry.path().string()).dump() + "}"
                   : "{\"id\": " + id + ", \"text\": " + Json(Slurp(entry.path())).dump() + "}");
  }
  inputs.push_back("{\"id\": \"bad\", \"path\": 3}");
  std::sort(inputs.begin(), inputs.end());
  std::string all;
  for (const std::string& line : inputs) all += line + "\n";
  Write(dir_ / "all.jsonl", all);
  const std::string args = "stream" + std::string(kMlAd) + kAsOf;
  const RunResult single = Run(args, all);
  ASSERT_EQ(single.exit_code, 0) << single.err;
  ASSERT_EQ(Lines(single.out).size(), inputs.size());

  // Four contiguous shards, four processes at once (as four engine tasks would run).
  std::string command = "cd '" JOBFIT_SOURCE_DIR "' || exit 2; ";
  const size_t per = (inputs.size() + 3) / 4;
  for (size_t shard = 0; shard < 4; ++shard) {
    std::string part;
    for (size_t i = shard * per; i < std::min(inputs.size(), (shard + 1) * per); ++i) {
      part += inputs[i] + "\n";
    }
    const std::string name = "shard" + std::to_string(shard);
    Write(dir_ / (name + ".in"), part);
    command += "'" JOBFIT_CLI_PATH "' " + args + " -j 2 <'" + Path(name + ".in") + "' >'" +
               Path(name + ".out") + "' & ";
  }
  command += "wait";
  ASSERT_EQ(std::system(command.c_str()), 0);
  std::string merged;
  for (int shard = 0; shard < 4; ++shard)
    merged += Slurp(Path("shard" + std::to_string(shard) + ".out"));
  ExpectSameLines(merged, single.out);
}

}  // namespace

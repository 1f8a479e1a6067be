// A mapped input that shrinks while it is read ends the run with an error naming it.
#include "cli/mapped_input.h"

#include <signal.h>
#include <unistd.h>

#include <fstream>
#include <string>

#include <gtest/gtest.h>

#include "jobfit/document.h"

#include "testing/test_util.h"

namespace jobfit::cli {
namespace {

// 1.5 MB, enough to be mapped.
std::string Corpus() {
  std::string text;
  for (int i = 0; i < 40000; ++i) text += "Python, Docker and Kubernetes on AWS.\n";
  return text;
}

TEST(MappedInputGuardDeathTest, AFileThatShrinksEndsTheRunWithAnErrorNamingIt) {
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  const test_util::ScopedTempFile corpus("shrinking.txt", Corpus());
  const std::string path = corpus.string();
  EXPECT_EXIT(
      {
        // The child ends without running destructors, so it removes the file itself
        // before any way out; the mapping outlives the name.
        Result<MappedDocument> read = ReadDocumentMapped(path, ReadOptions{}, 1);
        if (!read.ok() || !read->mapped()) {
          ::unlink(path.c_str());
          std::_Exit(100);
        }
        const MappedInputGuard guard("corpora/shrinking.txt");
        const int truncated = ::truncate(path.c_str(), 0);
        ::unlink(path.c_str());
        if (truncated != 0) std::_Exit(101);
        const std::string_view text = read->text();
        volatile char byte = text[text.size() - 1];  // past the file's new end
        (void)byte;
        std::_Exit(102);
      },
      ::testing::ExitedWithCode(2),
      "^jobfit: corpora/shrinking.txt: the file shrank while it was read; the run stops here\n$");
}

TEST(MappedInputGuardDeathTest, ASigbusOfNoMappedInputIsLeftAlone) {
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  EXPECT_EXIT(
      {
        { const MappedInputGuard guard("some.txt"); }  // installed, then no input named
        ::raise(SIGBUS);
        std::_Exit(102);
      },
      ::testing::KilledBySignal(SIGBUS), "");
}

TEST(MayBeMappedTest, OnlyARegularFileOfTheMappingSize) {
  EXPECT_TRUE(MayBeMapped(test_util::ScopedTempFile("large.txt", Corpus()).string()));
  EXPECT_FALSE(MayBeMapped(test_util::ScopedTempFile("small.txt", "Python\n").string()));
  EXPECT_FALSE(MayBeMapped("-"));
  EXPECT_FALSE(MayBeMapped(::testing::TempDir()));
  EXPECT_FALSE(MayBeMapped(::testing::TempDir() + "/no_such_file.txt"));
}

}  // namespace
}  // namespace jobfit::cli

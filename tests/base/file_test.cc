#include "base/file.h"

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

#include <gtest/gtest.h>

namespace jobfit::base {
namespace {

std::filesystem::path TempFile(const std::string& name, const std::string& content) {
  const std::filesystem::path path = std::filesystem::temp_directory_path() / name;
  std::ofstream(path, std::ios::binary) << content;
  return path;
}

TEST(ReserveLarge, KeepsContentsAndGivesRoomAtAnySize) {
  for (const size_t size : {size_t{0}, size_t{100}, size_t{9} << 20, size_t{40} << 20}) {
    std::string text = "kept";
    ReserveLarge(&text, size);
    EXPECT_EQ(text, "kept");
    EXPECT_GE(text.capacity(), size);
    text.resize(size + 4, 'x');  // the room is usable
    EXPECT_EQ(text.substr(0, 4), "kept");
  }
}

TEST(ReadFile, ReadsALargeFileWhole) {
  // Larger than the size at which the buffer asks for huge pages.
  std::string content(9 << 20, 'a');
  for (size_t i = 0; i < content.size(); i += 4093) content[i] = static_cast<char>('0' + i % 10);
  const auto path = TempFile("jobfit_read_large.txt", content);
  const Result<std::string> read = ReadFile(path.string(), uint64_t{1} << 30);
  std::filesystem::remove(path);
  ASSERT_TRUE(read.ok()) << read.status().ToString();
  EXPECT_TRUE(*read == content);
}

TEST(ReadFile, NamesTheFileAndTheProblem) {
  const Result<std::string> missing = ReadFile("no/such/file.txt", 1 << 20);
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().code(), StatusCode::kNotFound);
  EXPECT_NE(missing.status().ToString().find("no/such/file.txt"), std::string::npos);

  const Result<std::string> directory =
      ReadFile(std::filesystem::temp_directory_path().string(), 1 << 20);
  ASSERT_FALSE(directory.ok());
  EXPECT_NE(directory.status().message().find("directory"), std::string::npos);

  const auto path = TempFile("jobfit_read_limit.txt", std::string(100, 'x'));
  const Result<std::string> too_large = ReadFile(path.string(), 99);
  std::filesystem::remove(path);
  ASSERT_FALSE(too_large.ok());
  EXPECT_EQ(too_large.status().code(), StatusCode::kLimitExceeded);
}

}  // namespace
}  // namespace jobfit::base

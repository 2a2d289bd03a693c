#include "ingest/mapped_file.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <csignal>

#include <cstdlib>
#include <string>

#include "test_util.h"

namespace storepulse::ingest {
namespace {

std::string Pattern(size_t bytes) {
  std::string text(bytes, '\0');
  for (size_t i = 0; i < bytes; ++i) text[i] = static_cast<char>('a' + (i * 7) % 26);
  return text;
}

TEST(MappedFileTest, SmallFilesAreReadInWholeAndBigOnesPagedIn) {
  testing::TempDir dir;
  const std::string path = dir.Write("data.bin", Pattern(100000));
  Result<MappedFile> whole = MappedFile::Open(path);
  ASSERT_OK(whole.status());
  EXPECT_TRUE(whole->populated());
  Result<MappedFile> paged = MappedFile::Open(path, 4096);
  ASSERT_OK(paged.status());
  EXPECT_FALSE(paged->populated());
  EXPECT_EQ(whole->data(), paged->data());
}

TEST(MappedFileTest, ReleasedPagesReadTheSameBytes) {
  testing::TempDir dir;
  const std::string content = Pattern(5 * 4096 + 123);
  const std::string path = dir.Write("data.bin", content);
  Result<MappedFile> file = MappedFile::Open(path, 0);
  ASSERT_OK(file.status());
  ASSERT_EQ(file->data(), content);
  // Unaligned ranges, ranges past the end and empty ranges are all fine.
  file->Release(100, 3 * 4096 + 5);
  file->Release(0, content.size() + 4096);
  file->Release(10, 10);
  EXPECT_EQ(file->data(), content);
}

// Reading a page the file no longer has (truncated while mapped) raises SIGBUS; the
// handler turns it into a message and exit status 1 instead of a crash.
TEST(MappedFileDeathTest, AFileTruncatedWhileMappedExitsWithAMessage) {
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  testing::TempDir dir;
  const std::string path = dir.Write("data.bin", Pattern(4 * 4096));
  EXPECT_EXIT(
      {
        ExitCleanlyWhenAMappedFileFails();
        Result<MappedFile> mapped = MappedFile::Open(path);
        if (!mapped.ok() || ::truncate(path.c_str(), 0) != 0) std::_Exit(3);
        const volatile char* bytes = mapped->data().data();
        std::_Exit(bytes[3 * 4096] == 0 ? 4 : 5);
      },
      ::testing::ExitedWithCode(1), "shrank while being read");
}

// A SIGBUS that is not a lost page (here one sent by the process itself) keeps the
// default action rather than the message.
TEST(MappedFileDeathTest, OtherBusErrorsKeepTheDefaultAction) {
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  EXPECT_EXIT(
      {
        ExitCleanlyWhenAMappedFileFails();
        ::raise(SIGBUS);
        std::_Exit(4);
      },
      ::testing::KilledBySignal(SIGBUS), "");
}

TEST(MappedFileTest, MissingFileIsNotFound) {
  Result<MappedFile> file = MappedFile::Open("/nonexistent/storepulse/file.csv");
  EXPECT_EQ(file.status().code(), StatusCode::kNotFound);
}

}  // namespace
}  // namespace storepulse::ingest

#include "core/atomic_file.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "test_util.h"

namespace storepulse {
namespace {

namespace fs = std::filesystem;
using testing::ReadWholeFile;
using testing::TempDir;

std::vector<std::string> FileNames(const fs::path& directory) {
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(directory)) {
    names.push_back(entry.path().filename().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

TEST(AtomicFileTest, WritesANewFile) {
  const TempDir dir;
  const std::string path = (dir.path() / "report.csv").string();
  ASSERT_OK(WriteFileAtomically(path, "a,b\n1,2\n"));
  EXPECT_EQ(ReadWholeFile(path), "a,b\n1,2\n");
  EXPECT_EQ(FileNames(dir.path()), std::vector<std::string>{"report.csv"});
}

TEST(AtomicFileTest, ReplacesAnExistingFileWhole) {
  const TempDir dir;
  const std::string path = dir.Write("report.csv", std::string(10'000, 'x'));
  ASSERT_OK(WriteFileAtomically(path, "short"));
  EXPECT_EQ(ReadWholeFile(path), "short");
  ASSERT_OK(WriteFileAtomically(path, ""));
  EXPECT_EQ(ReadWholeFile(path), "");
  EXPECT_EQ(FileNames(dir.path()), std::vector<std::string>{"report.csv"});
}

TEST(AtomicFileTest, TargetKeepsItsOldContentUntilCommit) {
  const TempDir dir;
  const std::string path = dir.Write("report.csv", "old");
  AtomicFile file;
  ASSERT_OK(file.Open(path));
  ASSERT_OK(file.Append("new "));
  ASSERT_OK(file.Append("content"));
  EXPECT_EQ(ReadWholeFile(path), "old");
  EXPECT_EQ(FileNames(dir.path()).size(), 2u);  // the target and the temporary file
  ASSERT_OK(file.Commit());
  EXPECT_EQ(ReadWholeFile(path), "new content");
  EXPECT_EQ(FileNames(dir.path()), std::vector<std::string>{"report.csv"});
}

TEST(AtomicFileTest, AbandonedFileLeavesNothingBehind) {
  const TempDir dir;
  const std::string path = dir.Write("report.csv", "old");
  {
    AtomicFile file;
    ASSERT_OK(file.Open(path));
    ASSERT_OK(file.Append("half of it"));
  }
  EXPECT_EQ(ReadWholeFile(path), "old");
  EXPECT_EQ(FileNames(dir.path()), std::vector<std::string>{"report.csv"});

  const std::string fresh = (dir.path() / "fresh.csv").string();
  {
    AtomicFile file;
    ASSERT_OK(file.Open(fresh));
  }
  EXPECT_FALSE(fs::exists(fresh));
  EXPECT_EQ(FileNames(dir.path()), std::vector<std::string>{"report.csv"});
}

TEST(AtomicFileTest, MissingDirectoryIsIOErrorNamingThePath) {
  const TempDir dir;
  const std::string path = (dir.path() / "absent" / "report.csv").string();
  const Status status = WriteFileAtomically(path, "x");
  EXPECT_EQ(status.code(), StatusCode::kIOError);
  EXPECT_EQ(status.message().rfind(path + ": cannot create:", 0), 0u) << status.message();
  EXPECT_TRUE(FileNames(dir.path()).empty());
}

TEST(AtomicFileTest, DirectoryTargetIsIOError) {
  const TempDir dir;
  fs::create_directory(dir.path() / "out");
  const std::string path = (dir.path() / "out").string();
  const Status status = WriteFileAtomically(path, "x");
  EXPECT_EQ(status.code(), StatusCode::kIOError);
  EXPECT_EQ(status.message(), path + ": is a directory");
  EXPECT_TRUE(fs::is_directory(path));
  EXPECT_EQ(FileNames(dir.path()), std::vector<std::string>{"out"});
}

TEST(AtomicFileTest, SymbolicLinkIsFollowedAndKept) {
  const TempDir dir;
  const std::string real = dir.Write("real.csv", "old");
  const fs::path link = dir.path() / "link.csv";
  fs::create_symlink(real, link);
  ASSERT_OK(WriteFileAtomically(link.string(), "new"));
  EXPECT_TRUE(fs::is_symlink(link));
  EXPECT_EQ(ReadWholeFile(real), "new");
  EXPECT_EQ(FileNames(dir.path()), (std::vector<std::string>{"link.csv", "real.csv"}));
}

TEST(AtomicFileTest, NonRegularTargetsAreStreamed) {
  ASSERT_OK(WriteFileAtomically("/dev/null", "discarded"));
}

TEST(AtomicFileTest, FullDiskIsIOError) {
  if (!fs::exists("/dev/full")) GTEST_SKIP() << "no /dev/full";
  AtomicFile file;
  ASSERT_OK(file.Open("/dev/full"));
  const Status status = file.Append("no room");
  EXPECT_EQ(status.code(), StatusCode::kIOError);
  EXPECT_EQ(status.message().rfind("/dev/full: cannot write:", 0), 0u)
      << status.message();
}

TEST(AtomicFileTest, LargeContentArrivesWhole) {
  const TempDir dir;
  std::string content;
  for (int i = 0; content.size() < (size_t{3} << 20); ++i)
    content += std::to_string(i) + "\n";
  const std::string path = (dir.path() / "big.csv").string();
  AtomicFile file;
  ASSERT_OK(file.Open(path));
  for (size_t at = 0; at < content.size(); at += 100'000) {
    ASSERT_OK(file.Append(std::string_view(content).substr(at, 100'000)));
  }
  ASSERT_OK(file.Commit());
  EXPECT_TRUE(ReadWholeFile(path) == content);
}

// Bytes the file holds on disk.
uint64_t AllocatedBytes(const std::string& path) {
  struct stat info;
  EXPECT_EQ(::stat(path.c_str(), &info), 0) << path;
  return static_cast<uint64_t>(info.st_blocks) * 512;
}

TEST(AtomicFilePreallocateTest, UnwrittenRoomIsGivenBackAtCommit) {
  const TempDir dir;
  const std::string path = (dir.path() / "quarantine.csv").string();
  AtomicFile file;
  ASSERT_OK(file.Open(path));
  file.Preallocate(size_t{8} << 20);
  const std::string content(100'000, 'x');
  ASSERT_OK(file.Append(content));
  ASSERT_OK(file.Commit());
  EXPECT_TRUE(ReadWholeFile(path) == content);
  EXPECT_EQ(fs::file_size(path), content.size());
  // Without the cut the file would keep its 8 MiB of blocks past the end.
  EXPECT_LT(AllocatedBytes(path), uint64_t{1} << 20);
}

TEST(AtomicFilePreallocateTest, WritingPastTheRoomReservedIsFine) {
  const TempDir dir;
  const std::string path = (dir.path() / "big.csv").string();
  AtomicFile file;
  ASSERT_OK(file.Open(path));
  file.Preallocate(4096);
  std::string content;
  for (int i = 0; content.size() < (size_t{1} << 20); ++i)
    content += std::to_string(i) + ",";
  ASSERT_OK(file.Append(content));
  ASSERT_OK(file.Commit());
  EXPECT_TRUE(ReadWholeFile(path) == content);
}

TEST(AtomicFilePreallocateTest, MoreThanTheDiskHoldsReservesNothing) {
  const TempDir dir;
  const std::string path = (dir.path() / "quarantine.csv").string();
  AtomicFile file;
  ASSERT_OK(file.Open(path));
  file.Preallocate(size_t{1} << 50);  // 1 PiB
  ASSERT_OK(file.Append("a,b\n"));
  ASSERT_OK(file.Commit());
  EXPECT_EQ(ReadWholeFile(path), "a,b\n");
  EXPECT_LT(AllocatedBytes(path), uint64_t{1} << 20);
}

TEST(AtomicFilePreallocateTest, AStreamedTargetIgnoresIt) {
  AtomicFile file;
  ASSERT_OK(file.Open("/dev/null"));
  file.Preallocate(size_t{1} << 30);
  ASSERT_OK(file.Append("discarded"));
  ASSERT_OK(file.Commit());
}

Status WriteSettingAside(const std::string& path, std::string_view content) {
  AtomicFile file;
  SP_RETURN_IF_ERROR(file.Open(path, AtomicFile::Replaced::kSetAside));
  SP_RETURN_IF_ERROR(file.Append(content));
  return file.Commit();
}

ino_t Inode(const fs::path& path) {
  struct stat info;
  EXPECT_EQ(::lstat(path.c_str(), &info), 0) << path;
  return info.st_ino;
}

TEST(AtomicFileSetAsideTest, TheReplacedFileIsSetAsideUntilRemoved) {
  const TempDir dir;
  const std::string path = (dir.path() / "q.csv").string();
  const fs::path aside = dir.path() / ".q.csv.replaced";
  ASSERT_OK(WriteSettingAside(path, "first"));
  EXPECT_EQ(FileNames(dir.path()), std::vector<std::string>{"q.csv"});  // none replaced
  const ino_t first = Inode(path);

  ASSERT_OK(WriteSettingAside(path, "second"));
  EXPECT_EQ(ReadWholeFile(path), "second");
  EXPECT_EQ(ReadWholeFile(aside.string()), "first");
  EXPECT_EQ(Inode(aside), first);
  EXPECT_NE(Inode(path), first);

  // The name is taken: the next replaced file is freed by the rename, as usual.
  ASSERT_OK(WriteSettingAside(path, "third"));
  EXPECT_EQ(ReadWholeFile(path), "third");
  EXPECT_EQ(ReadWholeFile(aside.string()), "first");

  AtomicFile::RemoveSetAside(path);
  EXPECT_EQ(FileNames(dir.path()), std::vector<std::string>{"q.csv"});
  EXPECT_EQ(ReadWholeFile(path), "third");
  AtomicFile::RemoveSetAside(path);  // nothing set aside: nothing happens
  EXPECT_EQ(FileNames(dir.path()), std::vector<std::string>{"q.csv"});
}

// Replacing by rename promises a reader of the old file the old content for as long as
// it holds the file open: setting it aside and removing it keeps that promise.
TEST(AtomicFileSetAsideTest, AReaderOfTheOldFileKeepsReadingIt) {
  const TempDir dir;
  const std::string old_content(50'000, 'o');
  const std::string path = dir.Write("q.csv", old_content);
  std::ifstream reader(path, std::ios::binary);
  char first[10];
  reader.read(first, sizeof first);
  ASSERT_OK(WriteSettingAside(path, "new"));
  AtomicFile::RemoveSetAside(path);
  ASSERT_OK(WriteSettingAside(path, std::string(70'000, 'n')));
  AtomicFile::RemoveSetAside(path);
  const std::string rest((std::istreambuf_iterator<char>(reader)),
                         std::istreambuf_iterator<char>());
  EXPECT_TRUE(std::string(first, sizeof first) + rest == old_content);
}

// Only a plain file by that name is removed: a directory or a FIFO a user put there is
// left alone, and the commit frees the replaced file instead. A file left linked to the
// target (a crash between the link and the rename) is only a name: removing it keeps
// the target.
TEST(AtomicFileSetAsideTest, OnlyAPlainFileIsRemovedAndTheTargetAlwaysStays) {
  const TempDir dir;
  const std::string path = dir.Write("q.csv", "old");
  const fs::path aside = dir.path() / ".q.csv.replaced";
  fs::create_directory(aside);
  ASSERT_OK(WriteSettingAside(path, "new"));
  AtomicFile::RemoveSetAside(path);
  EXPECT_TRUE(fs::is_directory(aside));
  EXPECT_EQ(ReadWholeFile(path), "new");
  fs::remove(aside);

  ASSERT_EQ(::mkfifo(aside.c_str(), 0600), 0);
  ASSERT_OK(WriteSettingAside(path, "newer"));
  AtomicFile::RemoveSetAside(path);
  EXPECT_TRUE(fs::is_fifo(aside));
  EXPECT_EQ(ReadWholeFile(path), "newer");
  fs::remove(aside);

  fs::create_hard_link(path, aside);
  AtomicFile::RemoveSetAside(path);
  EXPECT_FALSE(fs::exists(aside));
  EXPECT_EQ(ReadWholeFile(path), "newer");
}

// A file bigger than kMaxSetAsideBytes (sparse here: no disk used) is freed by the
// rename; without kSetAside nothing is ever set aside.
TEST(AtomicFileSetAsideTest, BigFilesAreFreedAtOnce) {
  const TempDir dir;
  const std::string path = dir.Write("q.csv", "");
  fs::resize_file(path, AtomicFile::kMaxSetAsideBytes + 1);
  ASSERT_OK(WriteSettingAside(path, "small"));
  EXPECT_EQ(FileNames(dir.path()), std::vector<std::string>{"q.csv"});
  ASSERT_OK(WriteFileAtomically(path, "usual"));
  EXPECT_EQ(FileNames(dir.path()), std::vector<std::string>{"q.csv"});
}

// Through a symbolic link, the file replaced is set aside beside the link, in the
// directory the caller named, and RemoveSetAside looks nowhere else: not beside what the
// link leads to (a directory or a FIFO, which Open refuses or streams to), where a file
// of the user's may have that name; a symbolic link at the hidden name is left alone.
TEST(AtomicFileSetAsideTest, OnlyTheNamedDirectoryIsTouched) {
  const TempDir dir;
  fs::create_directory(dir.path() / "out");
  fs::create_directory(dir.path() / "home");
  const std::string real = dir.Write("home/r.csv", "old");
  const fs::path link = dir.path() / "out" / "q.csv";
  fs::create_symlink(real, link);
  ASSERT_OK(WriteSettingAside(link.string(), "new"));
  EXPECT_EQ(ReadWholeFile(real), "new");
  EXPECT_EQ(ReadWholeFile((dir.path() / "out" / ".q.csv.replaced").string()), "old");
  EXPECT_EQ(FileNames(dir.path() / "home"), std::vector<std::string>{"r.csv"});
  AtomicFile::RemoveSetAside(link.string());
  EXPECT_EQ(FileNames(dir.path() / "out"), std::vector<std::string>{"q.csv"});

  fs::create_directory(dir.path() / "home" / "docs");
  const std::string users = dir.Write("home/.docs.replaced", "the user's");
  fs::remove(link);
  fs::create_symlink(dir.path() / "home" / "docs", link);
  EXPECT_EQ(WriteSettingAside(link.string(), "x").code(), StatusCode::kIOError);
  AtomicFile::RemoveSetAside(link.string());
  EXPECT_EQ(ReadWholeFile(users), "the user's");

  fs::remove(link);
  fs::create_symlink(users, dir.path() / "out" / ".q.csv.replaced");
  AtomicFile::RemoveSetAside(link.string());
  EXPECT_TRUE(fs::is_symlink(dir.path() / "out" / ".q.csv.replaced"));
  EXPECT_EQ(ReadWholeFile(users), "the user's");
}

TEST(WriteFilesAtomicallyTest, PublishesEveryFileWholeAndLeavesNoTemporaryFile) {
  const TempDir dir;
  fs::create_directory(dir.path() / "sub");
  const std::string first = dir.Write("daily.json", std::string(5'000, 'x'));
  const std::string second = (dir.path() / "rfm.csv").string();
  const std::string third = (dir.path() / "sub" / "cohorts.csv").string();
  const FileToWrite files[] = {{first, "{}\n"}, {second, "a,b\n"}, {third, ""}};
  ASSERT_OK(WriteFilesAtomically(files));
  EXPECT_EQ(ReadWholeFile(first), "{}\n");
  EXPECT_EQ(ReadWholeFile(second), "a,b\n");
  EXPECT_EQ(ReadWholeFile(third), "");
  EXPECT_EQ(FileNames(dir.path()),
            (std::vector<std::string>{"daily.json", "rfm.csv", "sub"}));
  EXPECT_EQ(FileNames(dir.path() / "sub"), std::vector<std::string>{"cohorts.csv"});
}

// Every file is written and synced before any is renamed: one that cannot be created
// leaves the others' targets as they were, and no temporary file behind.
TEST(WriteFilesAtomicallyTest, AFileThatCannotBeWrittenLeavesEveryTargetUntouched) {
  const TempDir dir;
  const std::string first = dir.Write("daily.json", "old");
  const std::string bad = (dir.path() / "absent" / "rfm.csv").string();
  const FileToWrite files[] = {{first, "new"}, {bad, "x"}};
  const Status status = WriteFilesAtomically(files);
  EXPECT_EQ(status.code(), StatusCode::kIOError);
  EXPECT_EQ(status.message().rfind(bad + ": cannot create:", 0), 0u) << status.message();
  EXPECT_EQ(ReadWholeFile(first), "old");
  EXPECT_EQ(FileNames(dir.path()), std::vector<std::string>{"daily.json"});
}

TEST(WriteFilesAtomicallyTest, AFailingWriteLeavesTheFilesBeforeItUnpublished) {
  if (!fs::exists("/dev/full")) GTEST_SKIP() << "no /dev/full";
  const TempDir dir;
  const std::string first = dir.Write("daily.json", "old");
  const FileToWrite files[] = {{first, "new"}, {"/dev/full", "no room"}};
  const Status status = WriteFilesAtomically(files);
  EXPECT_EQ(status.code(), StatusCode::kIOError);
  EXPECT_EQ(status.message().rfind("/dev/full: cannot write:", 0), 0u)
      << status.message();
  EXPECT_EQ(ReadWholeFile(first), "old");
  EXPECT_EQ(FileNames(dir.path()), std::vector<std::string>{"daily.json"});
}

// A report linked to /dev/null (to discard it) beside regular files: it is streamed,
// the others are published.
TEST(WriteFilesAtomicallyTest, StreamedAndRegularTargetsInOneDirectory) {
  const TempDir dir;
  fs::create_symlink("/dev/null", dir.path() / "discard.json");
  const std::string kept = (dir.path() / "rfm.csv").string();
  const FileToWrite files[] = {{(dir.path() / "discard.json").string(), "x"},
                               {kept, "a,b\n"}};
  ASSERT_OK(WriteFilesAtomically(files));
  EXPECT_EQ(ReadWholeFile(kept), "a,b\n");
  EXPECT_TRUE(fs::is_symlink(dir.path() / "discard.json"));
  EXPECT_EQ(FileNames(dir.path()), (std::vector<std::string>{"discard.json", "rfm.csv"}));
}

TEST(WriteFilesAtomicallyTest, NonRegularTargetsAreStreamed) {
  const FileToWrite files[] = {{"/dev/null", "discarded"}, {"/dev/null", "again"}};
  ASSERT_OK(WriteFilesAtomically(files));
}

}  // namespace
}  // namespace storepulse

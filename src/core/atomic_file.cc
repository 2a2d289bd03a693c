#include "core/atomic_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include <cassert>
#include <cerrno>
#include <chrono>
#include <climits>
#include <cstring>
#include <memory>
#include <set>
#include <vector>

namespace storepulse {
namespace {

// Free space Preallocate leaves beyond twice what it reserves.
constexpr uint64_t kPreallocateMarginBytes = uint64_t{64} << 20;

// Start writeback every this many bytes, so the final fsync has little left to do.
constexpr size_t kWritebackBytes = size_t{4} << 20;

std::string DirectoryOf(const std::string& path) {
  const size_t slash = path.rfind('/');
  if (slash == std::string::npos) return ".";
  if (slash == 0) return "/";
  return path.substr(0, slash);
}

// Where a kSetAside commit to `path` puts the file it replaces: hidden, beside `path` as
// given (a symbolic link's own directory, not its target's), so that RemoveSetAside never
// reaches outside it.
std::string SetAsideName(const std::string& path) {
  const size_t slash = path.rfind('/');
  const size_t name = slash == std::string::npos ? 0 : slash + 1;
  return path.substr(0, name) + "." + path.substr(name) + ".replaced";
}

}  // namespace

AtomicFile::~AtomicFile() { Abandon(); }

Status AtomicFile::Open(const std::string& path, Replaced replaced) {
  assert(fd_ < 0);
  path_ = path;
  target_ = path;
  set_aside_ = replaced == Replaced::kSetAside;
  struct stat info;
  if (::stat(path.c_str(), &info) == 0) {
    if (S_ISDIR(info.st_mode)) return Status::IOError(path + ": is a directory");
    if (!S_ISREG(info.st_mode)) {
      streaming_ = true;
      fd_ = ::open(path.c_str(), O_WRONLY | O_CLOEXEC);
      if (fd_ < 0) {
        return Status::IOError(path + ": cannot open: " + std::strerror(errno));
      }
      return Status::Ok();
    }
    // Replace the file a symbolic link points to, not the link.
    char resolved[PATH_MAX];
    if (::realpath(path.c_str(), resolved) != nullptr) target_ = resolved;
  }
  // A name nobody else uses: O_EXCL refuses clashes, and the clock varies per attempt.
  for (int attempt = 0; attempt < 16 && fd_ < 0; ++attempt) {
    const auto nonce = static_cast<unsigned long long>(
        std::chrono::steady_clock::now().time_since_epoch().count());
    temp_path_ = target_ + ".tmp." + std::to_string(getpid()) + "." +
                 std::to_string(nonce % 1000000007);
    fd_ = ::open(temp_path_.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
    if (fd_ < 0 && errno != EEXIST) break;
  }
  if (fd_ < 0) {
    const int error = errno;
    temp_path_.clear();
    return Status::IOError(path + ": cannot create: " + std::strerror(error));
  }
  return Status::Ok();
}

Status AtomicFile::Append(std::string_view bytes) {
  assert(fd_ >= 0);
  while (!bytes.empty()) {
    const ssize_t written = ::write(fd_, bytes.data(), bytes.size());
    if (written < 0) {
      if (errno == EINTR) continue;
      return Fail("write", errno);
    }
    bytes.remove_prefix(static_cast<size_t>(written));
    unflushed_ += static_cast<size_t>(written);
  }
#ifdef __linux__
  if (streaming_) return Status::Ok();
  // Left alone, the kernel holds a big file's pages dirty until the final fsync, which
  // then waits for the whole file; starting writeback as we go overlaps the disk with
  // the work of producing the data. Only a hint: errors surface at fsync.
  if (unflushed_ >= kWritebackBytes) StartWriteback();
#endif
  return Status::Ok();
}

void AtomicFile::Preallocate(size_t bytes) {
  assert(fd_ >= 0);
#ifdef __linux__
  if (streaming_ || bytes <= preallocated_) return;
  // Only with room to spare: a reservation must not take the space other files about
  // to be written need (the batch writes its reports beside quarantine.csv).
  struct statvfs space;
  if (::fstatvfs(fd_, &space) != 0 ||
      static_cast<uint64_t>(space.f_bavail) * space.f_frsize <
          2 * static_cast<uint64_t>(bytes) + kPreallocateMarginBytes) {
    return;
  }
  // KEEP_SIZE: the file's size stays what has been written, whatever is reserved.
  if (::fallocate(fd_, FALLOC_FL_KEEP_SIZE, 0, static_cast<off_t>(bytes)) == 0) {
    preallocated_ = bytes;
    return;
  }
  // A failed reservation may keep the blocks it got (ext4 on ENOSPC): given back now.
  GiveBackUnwritten();
#else
  (void)bytes;
#endif
}

void AtomicFile::GiveBackUnwritten() {
  // Blocks reserved past the end stay the file's until it is cut there (even at its own
  // size). Best effort: the bytes written are whole either way.
  const auto written = static_cast<off_t>(flushed_offset_ + unflushed_);
  while (::ftruncate(fd_, written) != 0 && errno == EINTR) {
  }
}

void AtomicFile::StartWriteback() {
#ifdef __linux__
  if (fd_ < 0 || streaming_ || unflushed_ == 0) return;
  sync_file_range(fd_, static_cast<off64_t>(flushed_offset_),
                  static_cast<off64_t>(unflushed_), SYNC_FILE_RANGE_WRITE);
  flushed_offset_ += unflushed_;
  unflushed_ = 0;
#endif
}

Status AtomicFile::Commit() {
  SP_RETURN_IF_ERROR(SyncData());
  SP_RETURN_IF_ERROR(RenameIntoPlace());
  return SyncDirectory();
}

Status AtomicFile::SyncData() {
  assert(fd_ >= 0);
  if (streaming_) {
    const int fd = fd_;
    fd_ = -1;
    // Pipes and terminals cannot be synced (EINVAL); there is nothing to rename.
    if (::fsync(fd) != 0 && errno != EINVAL && errno != EROFS) {
      const int error = errno;
      ::close(fd);
      return Status::IOError(path_ + ": cannot sync: " + std::strerror(error));
    }
    if (::close(fd) != 0) return Fail("close", errno);
    return Status::Ok();
  }
  if (preallocated_ > flushed_offset_ + unflushed_) GiveBackUnwritten();
  if (::fsync(fd_) != 0) return Fail("sync", errno);
  const int fd = fd_;
  fd_ = -1;
  if (::close(fd) != 0) return Fail("close", errno);
  return Status::Ok();
}

Status AtomicFile::RenameIntoPlace() {
  if (streaming_) return Status::Ok();
  assert(fd_ < 0 && !temp_path_.empty());
  // A second name for the file about to be replaced keeps the rename from freeing it.
  std::string set_aside;
  if (set_aside_) {
    struct stat info;
    if (::lstat(target_.c_str(), &info) == 0 && S_ISREG(info.st_mode) &&
        static_cast<size_t>(info.st_size) <= kMaxSetAsideBytes &&
        ::link(target_.c_str(), SetAsideName(path_).c_str()) == 0) {  // EXDEV: freed
      set_aside = SetAsideName(path_);
    }
  }
  if (::rename(temp_path_.c_str(), target_.c_str()) != 0) {
    const int error = errno;
    if (!set_aside.empty()) ::unlink(set_aside.c_str());
    return Fail("rename into place", error);
  }
  temp_path_.clear();
  return Status::Ok();
}

Status AtomicFile::SyncDirectory() const {
  if (streaming_) return Status::Ok();  // nothing was renamed
  // The rename survives a crash only once the directory entry is on disk. Some file
  // systems cannot sync a directory (EINVAL); they are no worse off for trying.
  const int directory =
      ::open(DirectoryOf(target_).c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (directory >= 0) {
    const int result = ::fsync(directory);
    const int error = errno;
    ::close(directory);
    if (result != 0 && error != EINVAL) {
      return Status::IOError(
          path_ + ": written, but cannot sync its directory: " + std::strerror(error));
    }
  }
  return Status::Ok();
}

Status AtomicFile::Fail(std::string_view what, int error) {
  Abandon();
  return Status::IOError(path_ + ": cannot " + std::string(what) + ": " +
                         std::strerror(error));
}

void AtomicFile::RemoveSetAside(const std::string& path) {
  const std::string name = SetAsideName(path);
  // Checked, then removed by name: something put there in between by another process
  // would be removed too (there is no "unlink if a plain file"); the name is ours.
  struct stat info;
  if (::lstat(name.c_str(), &info) == 0 && S_ISREG(info.st_mode)) ::unlink(name.c_str());
}

void AtomicFile::Abandon() {
  if (fd_ >= 0) {
    ::close(fd_);
    fd_ = -1;
  }
  if (!temp_path_.empty()) {
    ::unlink(temp_path_.c_str());
    temp_path_.clear();
  }
}

Status WriteFileAtomically(const std::string& path, std::string_view content) {
  AtomicFile file;
  SP_RETURN_IF_ERROR(file.Open(path));
  SP_RETURN_IF_ERROR(file.Append(content));
  return file.Commit();
}

Status WriteFilesAtomically(std::span<const FileToWrite> files) {
  // Not movable (it owns a descriptor and a temporary name), so held by pointer.
  std::vector<std::unique_ptr<AtomicFile>> opened;
  opened.reserve(files.size());
  for (const FileToWrite& file : files) {
    opened.push_back(std::make_unique<AtomicFile>());
    SP_RETURN_IF_ERROR(opened.back()->Open(file.path));
    SP_RETURN_IF_ERROR(opened.back()->Append(file.content));
    opened.back()->StartWriteback();
  }
  // Every file on disk before any is renamed: a sync that fails leaves every target as
  // it was.
  for (const auto& file : opened) SP_RETURN_IF_ERROR(file->SyncData());
  for (const auto& file : opened) SP_RETURN_IF_ERROR(file->RenameIntoPlace());
  // Once every rename is done: one sync per directory covers all of them (streamed
  // targets were not renamed, and do not stand for their directory).
  std::set<std::string> directories;
  for (const auto& file : opened) {
    if (file->streaming_) continue;
    if (directories.insert(DirectoryOf(file->target_)).second) {
      SP_RETURN_IF_ERROR(file->SyncDirectory());
    }
  }
  return Status::Ok();
}

}  // namespace storepulse

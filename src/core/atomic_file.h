// A file that appears complete or not at all: bytes go to a temporary file in the
// target's directory, and Commit() syncs it and renames it over the target. Readers of
// the target never see a half-written file, and a failure leaves the target as it was.
// A symbolic link is followed: the file it points to is replaced, the link stays.
//
// Targets that are not regular files (/dev/stdout, /dev/null, a named pipe) cannot be
// replaced by renaming, and must not be: the bytes are streamed straight to them, with
// no atomicity to offer.
#pragma once

#include <span>
#include <string>
#include <string_view>

#include "core/status.h"

namespace storepulse {

struct FileToWrite;

class AtomicFile {
 public:
  AtomicFile() = default;
  // Abandons an uncommitted file: closes and removes the temporary file.
  ~AtomicFile();
  AtomicFile(const AtomicFile&) = delete;
  AtomicFile& operator=(const AtomicFile&) = delete;

  // What becomes of the file a commit replaces.
  enum class Replaced {
    kFreed,  // by the rename, inside the commit
    // Given a hidden name beside `path` (as given to Open), `.NAME.replaced`, when it is
    // a plain file of at most kMaxSetAsideBytes, that name is free and on the same file
    // system; freed when the caller calls RemoveSetAside, off its critical path.
    // Otherwise the rename frees it, which takes time for a big file (7 ms for the
    // batch's 24 MB quarantine.csv, on a file system mounted with `discard`). Readers of
    // the old file are not affected: it is never written, only unlinked.
    kSetAside,
  };
  static constexpr size_t kMaxSetAsideBytes = size_t{256} << 20;

  // Creates the temporary file beside `path` (or opens a non-regular `path` for
  // streaming). IOError (naming `path`) when the directory does not exist or is not
  // writable, or `path` is a directory. REQUIRES: not open yet.
  Status Open(const std::string& path, Replaced replaced = Replaced::kFreed);

  // Deletes `.NAME.replaced` beside `path` (what a kSetAside commit to `path` set aside)
  // if it is a plain file; anything else by that name is left alone. Best effort: a file
  // that cannot be removed stays until the next call.
  static void RemoveSetAside(const std::string& path);

  // Reserves room on disk for the first `bytes` bytes to be written, a hint for big
  // files: the file system then allocates them at once rather than block by block as
  // the writes arrive (for the batch's 24 MB quarantine.csv, write() took 2.0 ms
  // instead of 3.7 here). Commit gives back what was reserved but not written. Nothing
  // is reserved unless the file system has twice `bytes` and 64 MiB more free, so that
  // other files being written keep their room; a file system that cannot reserve (or a
  // reservation that fails) allocates as before. REQUIRES: Open succeeded.
  void Preallocate(size_t bytes);

  // Appends bytes. IOError when the disk refuses them (full, quota, I/O error); the
  // target is untouched and the caller should stop. REQUIRES: Open succeeded.
  Status Append(std::string_view bytes);

  // Flushes the data to disk, renames the temporary file to the target and syncs the
  // directory. On error the temporary file is removed and the target is untouched, but
  // for a failure to sync the directory after the rename: then the new file is in
  // place and the error says so. REQUIRES: Open succeeded; call at most once.
  Status Commit();

 private:
  friend Status WriteFilesAtomically(std::span<const FileToWrite> files);
  // Cuts the file where its written bytes end, freeing blocks reserved past it.
  void GiveBackUnwritten();
  // Starts writeback of the bytes not yet on their way to disk (a hint).
  void StartWriteback();
  // Commit's three steps, so that several files are all synced before any is renamed
  // and share one sync per directory.
  Status SyncData();
  Status RenameIntoPlace();
  Status SyncDirectory() const;

  Status Fail(std::string_view what, int error);
  void Abandon();

  std::string path_;       // what the caller asked for, for messages
  std::string target_;     // the file to replace: path_ with symbolic links resolved
  std::string temp_path_;  // empty when streaming or once renamed
  bool streaming_ = false;
  bool set_aside_ = false;  // Replaced::kSetAside
  int fd_ = -1;
  // Bytes written since writeback was last started; see Append().
  size_t unflushed_ = 0;
  size_t flushed_offset_ = 0;
  size_t preallocated_ = 0;  // bytes reserved by Preallocate
};

// The whole of `content` published through an AtomicFile: on failure the target is
// unchanged and no temporary file is left behind.
Status WriteFileAtomically(const std::string& path, std::string_view content);

// Several files published together, each atomically as above: all are written and their
// writeback started, then all synced, then renamed into place, and each directory synced
// once. A failure to write or sync any leaves every regular target as it was (a streamed
// one, such as /dev/null or a pipe, gets its bytes as they are written); only a failing
// rename (rare: the directory changed under us) leaves the files before it published.
// The disk writes the files side by side, where WriteFileAtomically one after another
// waits for each file's sync and its directory's in turn.
struct FileToWrite {
  std::string path;
  std::string_view content;
};
Status WriteFilesAtomically(std::span<const FileToWrite> files);

}  // namespace storepulse

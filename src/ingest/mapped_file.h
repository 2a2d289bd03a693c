// A read-only memory map of a whole file, unmapped on destruction.
#pragma once

#include <string>
#include <string_view>

#include "core/status.h"

namespace storepulse::ingest {

class MappedFile {
 public:
  // NotFound when the file does not exist, IOError when it cannot be read or is not a
  // regular file. An empty file maps to an empty view.
  // Files up to `populate_bytes` are read in whole when mapped (faster to parse in
  // parallel), on the threads of the calling task arena; bigger ones are paged in as
  // they are read, and their readers Release what they are done with, so that a file
  // larger than memory can be read.
  static constexpr size_t kPopulateBytes = size_t{256} << 20;
  static Result<MappedFile> Open(const std::string& path,
                                 size_t populate_bytes = kPopulateBytes);
  // Whether Open would find a readable regular file at `path` (errors as Open's), without
  // reading it: for commands that check their inputs before other work.
  static Status CheckReadable(const std::string& path);

  MappedFile(MappedFile&& other) noexcept;
  MappedFile& operator=(MappedFile&& other) noexcept;
  MappedFile(const MappedFile&) = delete;
  MappedFile& operator=(const MappedFile&) = delete;
  ~MappedFile();

  std::string_view data() const { return {data_, size_}; }
  // Whether the whole file was read in when mapped.
  bool populated() const { return populated_; }

  // Drops the pages wholly inside [begin, end) from this process's memory; the bytes stay
  // readable (the kernel reads them in again from the page cache or the file), so this
  // changes nothing a reader sees, only the resident memory of a pass over a big file.
  void Release(size_t begin, size_t end) const;

 private:
  MappedFile(const char* data, size_t size, bool populated)
      : data_(data), size_(size), populated_(populated) {}
  const char* data_ = nullptr;
  size_t size_ = 0;
  bool populated_ = true;
};

// A mapped file that shrinks while mapped (another program truncates it or rewrites it
// in place) or whose disk fails makes the next read of a lost page raise SIGBUS: the
// read cannot go on. Installed once by a program that maps its inputs, this handler
// says so on stderr and exits with status 1, instead of dying with a core dump (other
// SIGBUS causes keep the default action). Files already published are whole (written
// aside, then renamed; one being written is left beside its target as NAME.tmp.*), and
// a warehouse load in progress rolls back (its run stays 'running' until the next run
// of the same input marks it failed).
void ExitCleanlyWhenAMappedFileFails();

}  // namespace storepulse::ingest

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
  static Result<MappedFile> Open(const std::string& path);

  MappedFile(MappedFile&& other) noexcept;
  MappedFile& operator=(MappedFile&& other) noexcept;
  MappedFile(const MappedFile&) = delete;
  MappedFile& operator=(const MappedFile&) = delete;
  ~MappedFile();

  std::string_view data() const { return {data_, size_}; }

 private:
  MappedFile(const char* data, size_t size) : data_(data), size_(size) {}
  const char* data_ = nullptr;
  size_t size_ = 0;
};

}  // namespace storepulse::ingest

// Dictionary encoding for string columns: each distinct string is stored once and rows
// hold a dense uint32 code (0, 1, 2, ... in order of first appearance). Dense codes let
// analytics group with plain arrays and count distinct values with Roaring bitmaps.
#pragma once

#include <absl/container/flat_hash_set.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/short_strings.h"

namespace storepulse {

class StringDictionary {
 public:
  StringDictionary();
  StringDictionary(StringDictionary&&) noexcept = default;
  StringDictionary& operator=(StringDictionary&&) noexcept = default;
  StringDictionary(const StringDictionary&) = delete;
  StringDictionary& operator=(const StringDictionary&) = delete;

  // The code of `value`, adding it when new. It invalidates views returned by Get (they
  // point into an arena that grows).
  uint32_t Intern(std::string_view value);
  std::optional<uint32_t> Find(std::string_view value) const;
  // REQUIRES: code < size().
  std::string_view Get(uint32_t code) const {
    const auto& s = *storage_;
    return std::string_view(s.arena.data() + s.offsets[code],
                            s.offsets[code + 1] - s.offsets[code]);
  }
  uint32_t size() const { return static_cast<uint32_t>(storage_->offsets.size() - 1); }
  // Bytes held: strings, offsets and the hash index.
  size_t MemoryBytes() const;

 private:
  struct Storage {
    std::string arena;
    std::vector<uint64_t> offsets{0};
  };
  // Hash and equality over codes that look their strings up in the arena, so the index
  // holds 4-byte codes instead of strings; transparent so lookups take a string_view.
  struct CodeHash {
    using is_transparent = void;
    const Storage* storage;
    size_t operator()(uint32_t code) const;
    size_t operator()(std::string_view value) const;
  };
  struct CodeEq {
    using is_transparent = void;
    const Storage* storage;
    std::string_view View(uint32_t code) const;
    bool operator()(uint32_t a, uint32_t b) const { return a == b; }
    bool operator()(uint32_t a, std::string_view b) const {
      return SameBytes(View(a), b);
    }
    bool operator()(std::string_view a, uint32_t b) const {
      return SameBytes(a, View(b));
    }
  };

  // On the heap so that moving the dictionary keeps the functors' pointers valid.
  std::unique_ptr<Storage> storage_;
  absl::flat_hash_set<uint32_t, CodeHash, CodeEq> index_;
};

}  // namespace storepulse

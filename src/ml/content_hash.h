// Hashes that name content: the training data a model saw and the model files
// themselves. FNV-1a, 64 bits: not cryptographic, it tells a changed input from the same
// one (and a model file from the one its metadata describes).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/table.h"

namespace storepulse::ml {

class ContentHash {
 public:
  void Add(std::string_view bytes);
  // The length, then the bytes: "ab" + "c" and "a" + "bc" hash differently.
  void AddString(std::string_view text) {
    AddValue(text.size());
    Add(text);
  }
  template <typename T>
  void AddValue(const T& value) {
    Add(std::string_view(reinterpret_cast<const char*>(&value), sizeof(value)));
  }
  uint64_t value() const { return state_; }
  // 16 lower-case hex digits.
  std::string Hex() const;

 private:
  uint64_t state_ = 14695981039346656037ULL;
};

// 16 hex digits identifying `bytes`.
std::string HashText(std::string_view bytes);

// 16 hex digits identifying the clean lines of `table`: every column, strings by value
// (not by dictionary code), so the same lines hash the same whatever their file.
std::string HashTable(const Table& table);

}  // namespace storepulse::ml

#include "core/string_dictionary.h"

#include <absl/hash/hash.h>

#include <cstdint>
#include <cstring>

namespace storepulse {

namespace {

// 64 x 64 -> 128-bit multiply, folded: mixes every input bit into every output bit.
inline uint64_t FoldedMultiply(uint64_t a, uint64_t b) {
  const unsigned __int128 product = static_cast<unsigned __int128>(a) * b;
  return static_cast<uint64_t>(product) ^ static_cast<uint64_t>(product >> 64);
}

// Dictionary strings are nearly all short (invoice numbers, stock codes, customer ids,
// countries): those are read as at most two words and mixed in registers, where
// absl::Hash of a string_view is a library call (~2% of a batch run). Longer strings
// (descriptions) go to absl::Hash.
inline size_t HashString(std::string_view value) {
  const size_t size = value.size();
  if (size > 16) return absl::Hash<std::string_view>{}(value);
  const auto* bytes = reinterpret_cast<const unsigned char*>(value.data());
  uint64_t a = 0;
  uint64_t b = 0;
  if (size >= 8) {
    std::memcpy(&a, bytes, 8);
    std::memcpy(&b, bytes + size - 8, 8);
  } else if (size >= 4) {
    uint32_t head;
    uint32_t tail;
    std::memcpy(&head, bytes, 4);
    std::memcpy(&tail, bytes + size - 4, 4);
    a = head;
    b = tail;
  } else if (size > 0) {
    a = (uint64_t{bytes[0]} << 16) | (uint64_t{bytes[size / 2]} << 8) | bytes[size - 1];
  }
  return FoldedMultiply(a ^ 0x9E3779B97F4A7C15ULL ^ size, b ^ 0xC2B2AE3D27D4EB4FULL);
}

}  // namespace

size_t StringDictionary::CodeHash::operator()(std::string_view value) const {
  return HashString(value);
}

size_t StringDictionary::CodeHash::operator()(uint32_t code) const {
  return (*this)(std::string_view(storage->arena.data() + storage->offsets[code],
                                  storage->offsets[code + 1] - storage->offsets[code]));
}

std::string_view StringDictionary::CodeEq::View(uint32_t code) const {
  return std::string_view(storage->arena.data() + storage->offsets[code],
                          storage->offsets[code + 1] - storage->offsets[code]);
}

StringDictionary::StringDictionary()
    : storage_(std::make_unique<Storage>()),
      index_(0, CodeHash{storage_.get()}, CodeEq{storage_.get()}) {}

uint32_t StringDictionary::Intern(std::string_view value) {
  auto found = index_.find(value);
  if (found != index_.end()) return *found;
  // Room first, so that a failing allocation leaves the dictionary as it was: after the
  // bytes are appended, nothing allocates (absl's lazy_emplace, which saves the second
  // probe, takes the slot before the string is stored; it measured no faster here).
  Storage& storage = *storage_;
  index_.reserve(index_.size() + 1);  // grows geometrically, as insert would
  if (storage.offsets.size() == storage.offsets.capacity()) {
    storage.offsets.reserve(2 * storage.offsets.capacity());
  }
  const uint32_t code = size();
  storage.arena.append(value);
  storage.offsets.push_back(storage.arena.size());
  index_.insert(code);
  return code;
}

std::optional<uint32_t> StringDictionary::Find(std::string_view value) const {
  auto found = index_.find(value);
  if (found == index_.end()) return std::nullopt;
  return *found;
}

size_t StringDictionary::MemoryBytes() const {
  return storage_->arena.capacity() + storage_->offsets.capacity() * sizeof(uint64_t) +
         index_.capacity() * (sizeof(uint32_t) + 1);
}

}  // namespace storepulse

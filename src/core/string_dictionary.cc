#include "core/string_dictionary.h"

#include <absl/hash/hash.h>

namespace storepulse {

size_t StringDictionary::CodeHash::operator()(std::string_view value) const {
  return absl::Hash<std::string_view>{}(value);
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
  const uint32_t code = size();
  storage_->arena.append(value);
  storage_->offsets.push_back(storage_->arena.size());
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

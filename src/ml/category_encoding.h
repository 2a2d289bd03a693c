// A categorical feature's encoding, fixed at training and stored in the model's
// metadata: each category seen in training has a code (its index, most frequent first),
// and every other value (unseen, empty) gets one more code named "other". Serving
// therefore never fails on a new category; it gets the value the model learnt for the
// rare ones.
#pragma once

#include <nlohmann/json.hpp>

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace storepulse::ml {

inline constexpr std::string_view kOtherCategory = "other";

class CategoryEncoding {
 public:
  CategoryEncoding() = default;
  // REQUIRES: `categories` distinct, none named "other".
  explicit CategoryEncoding(std::vector<std::string> categories);

  // The categories of `counts` (name and rows seen) with at least `min_count` rows,
  // most frequent first (ties by name), so that the encoding does not depend on the
  // order the data came in.
  static CategoryEncoding FromCounts(
      std::span<const std::pair<std::string, uint64_t>> counts, uint64_t min_count);

  // The code of `name`: its index, or other_code() when the training data had no such
  // category.
  float Encode(std::string_view name) const;
  // `name` when known, "other" otherwise: what a response shows the model used.
  std::string Label(std::string_view name) const;
  bool Contains(std::string_view name) const;

  const std::vector<std::string>& categories() const { return categories_; }
  int other_code() const { return static_cast<int>(categories_.size()); }

  // {"categories": [...], "other": N}
  nlohmann::ordered_json ToJson() const;
  // Corruption naming `what` when `json` is not what ToJson writes.
  static Result<CategoryEncoding> FromJson(const nlohmann::json& json,
                                           std::string_view what);

  bool operator==(const CategoryEncoding& other) const {
    return categories_ == other.categories_;
  }

 private:
  std::vector<std::string> categories_;
};

}  // namespace storepulse::ml

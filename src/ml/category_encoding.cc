#include "ml/category_encoding.h"

#include <fmt/format.h>

#include <algorithm>

namespace storepulse::ml {

CategoryEncoding::CategoryEncoding(std::vector<std::string> categories)
    : categories_(std::move(categories)) {}

CategoryEncoding CategoryEncoding::FromCounts(
    std::span<const std::pair<std::string, uint64_t>> counts, uint64_t min_count) {
  std::vector<std::pair<std::string, uint64_t>> kept;
  for (const auto& entry : counts) {
    if (entry.second >= min_count && !entry.first.empty() &&
        entry.first != kOtherCategory) {
      kept.push_back(entry);
    }
  }
  std::sort(kept.begin(), kept.end(), [](const auto& a, const auto& b) {
    return a.second != b.second ? a.second > b.second : a.first < b.first;
  });
  std::vector<std::string> names;
  names.reserve(kept.size());
  for (auto& entry : kept) names.push_back(std::move(entry.first));
  return CategoryEncoding(std::move(names));
}

float CategoryEncoding::Encode(std::string_view name) const {
  // A linear scan: a few dozen categories, compared faster than a hash is computed.
  for (size_t i = 0; i < categories_.size(); ++i) {
    if (categories_[i] == name) return static_cast<float>(i);
  }
  return static_cast<float>(other_code());
}

bool CategoryEncoding::Contains(std::string_view name) const {
  return std::find(categories_.begin(), categories_.end(), name) != categories_.end();
}

std::string CategoryEncoding::Label(std::string_view name) const {
  return Contains(name) ? std::string(name) : std::string(kOtherCategory);
}

nlohmann::ordered_json CategoryEncoding::ToJson() const {
  return {{"categories", categories_}, {"other", other_code()}};
}

Result<CategoryEncoding> CategoryEncoding::FromJson(const nlohmann::json& json,
                                                    std::string_view what) {
  const auto categories = json.find("categories");
  if (!json.is_object() || categories == json.end() || !categories->is_array()) {
    return Status::Corruption(
        fmt::format("{}: expected {{\"categories\": [...]}}", what));
  }
  std::vector<std::string> names;
  for (const auto& name : *categories) {
    if (!name.is_string()) {
      return Status::Corruption(fmt::format("{}: a category is not a string", what));
    }
    names.push_back(name.get<std::string>());
  }
  const auto other = json.find("other");
  if (other != json.end() &&
      (!other->is_number_integer() || other->get<int64_t>() != int64_t(names.size()))) {
    return Status::Corruption(fmt::format(
        "{}: 'other' is not the code after the {} categories", what, names.size()));
  }
  return CategoryEncoding(std::move(names));
}

}  // namespace storepulse::ml

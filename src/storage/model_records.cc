#include "storage/model_records.h"

#include <absl/container/flat_hash_set.h>
#include <fmt/format.h>

#include <string_view>

namespace storepulse::storage {

Status CheckOneValuePerCustomer(const std::vector<CustomerValue>& values) {
  absl::flat_hash_set<std::string_view> seen;
  seen.reserve(values.size());
  for (const CustomerValue& value : values) {
    if (!seen.insert(value.customer_id).second) {
      return Status::InvalidArgument(fmt::format(
          "customer '{}' is given a predicted value twice", value.customer_id));
    }
  }
  return Status::Ok();
}

}  // namespace storepulse::storage

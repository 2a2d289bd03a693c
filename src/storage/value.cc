#include "storage/value.h"

namespace storepulse::storage {

std::string_view ColumnTypeName(ColumnType type) {
  switch (type) {
    case ColumnType::kInteger:
      return "integer";
    case ColumnType::kReal:
      return "real";
    case ColumnType::kText:
      return "text";
    case ColumnType::kMoney:
      return "money";
    case ColumnType::kDate:
      return "date";
    case ColumnType::kTimestamp:
      return "timestamp";
  }
  return "unknown";
}

bool FitsColumn(const Value& value, ColumnType type) {
  switch (type) {
    case ColumnType::kInteger:
      return std::holds_alternative<int64_t>(value);
    case ColumnType::kReal:
      return std::holds_alternative<double>(value) ||
             std::holds_alternative<int64_t>(value);
    case ColumnType::kText:
      return std::holds_alternative<std::string>(value);
    case ColumnType::kMoney:
      return std::holds_alternative<Money>(value);
    case ColumnType::kDate:
      return std::holds_alternative<Date>(value);
    case ColumnType::kTimestamp:
      return std::holds_alternative<DateTime>(value);
  }
  return false;
}

std::string_view ValueKindName(const Value& value) {
  static constexpr std::string_view kNames[] = {"NULL",  "integer", "real",     "text",
                                                "money", "date",    "timestamp"};
  static_assert(std::size(kNames) == std::variant_size_v<Value>);
  return kNames[value.index()];
}

}  // namespace storepulse::storage

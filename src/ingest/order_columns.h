// The eight columns of an order line, and how CSV headers name them. The Online Retail
// export and the published versions of it (UCI "Online Retail II", snake_case copies)
// spell them differently; headers are matched case-, space- and underscore-insensitively.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace storepulse::ingest {

enum class OrderColumn : uint8_t {
  kInvoice = 0,
  kStockCode,
  kDescription,
  kQuantity,
  kInvoiceDate,
  kUnitPrice,
  kCustomer,
  kCountry,
};
inline constexpr size_t kOrderColumnCount = 8;
// Marks "the whole row" where a column is expected.
inline constexpr uint8_t kWholeRow = 0xFF;

// The export's own name: "InvoiceNo", "StockCode", ...
std::string_view OrderColumnName(OrderColumn column);

// For each order column, the index of the CSV field that holds it.
struct ColumnMap {
  std::array<uint32_t, kOrderColumnCount> field_of{};
  uint32_t field_count = 0;  // fields in the header, and so in every row
  std::vector<std::string> header;
};

// Maps a header row. Corruption naming the first missing column (and the names tried)
// when one is absent, or the two fields when a column is named twice.
Result<ColumnMap> MapColumns(const std::vector<std::string>& header);

}  // namespace storepulse::ingest

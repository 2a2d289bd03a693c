#include "storage/order_lines_reader.h"

#include <charconv>
#include <limits>

#include "core/civil_time.h"
#include "core/money.h"

namespace storepulse::storage {

Status OrderLinesReader::Bad(std::string_view column, std::string_view value) const {
  return Status::Corruption(where_ + ", row " + std::to_string(rows_) + ", column " +
                            std::string(column) + ": cannot read '" + std::string(value) +
                            "'");
}

Status OrderLinesReader::Add(const StoredOrderLine& row) {
  ++rows_;
  OrderLine line;
  line.invoice = row.invoice_no;
  line.stock_code = row.stock_code;
  line.description = row.description;
  line.country = row.country;
  line.customer = row.customer_id.value_or(std::string_view());

  int64_t quantity = 0;
  const char* end = row.quantity.data() + row.quantity.size();
  const auto parsed = std::from_chars(row.quantity.data(), end, quantity);
  if (parsed.ec != std::errc() || parsed.ptr != end ||
      quantity < std::numeric_limits<int32_t>::min() ||
      quantity > std::numeric_limits<int32_t>::max()) {
    return Bad("quantity", row.quantity);
  }
  line.quantity = static_cast<int32_t>(quantity);
  if (!ParseDateTime(row.invoice_date, &line.timestamp)) {
    return Bad("invoice_date", row.invoice_date);
  }
  if (ParseMoney(row.unit_price, &line.unit_price) != DecimalParse::kOk) {
    return Bad("unit_price", row.unit_price);
  }
  return builder_.Append(line);
}

}  // namespace storepulse::storage

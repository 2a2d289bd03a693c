// Turns rows of the order_lines table, as text (value_text.h), back into a core::Table:
// what Warehouse::ReadOrderLines of both backends share, so that they cannot differ.
// Internal to storage/.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/status.h"
#include "core/table.h"

namespace storepulse::storage {

// One stored row, its columns as the backends print them.
struct StoredOrderLine {
  std::string_view invoice_no;
  std::string_view stock_code;
  std::string_view description;
  std::string_view quantity;      // "6"
  std::string_view invoice_date;  // "2011-12-09 12:50:00"
  std::string_view unit_price;    // "2.5500"
  std::optional<std::string_view> customer_id;
  std::string_view country;
};

// The row from the columns of ReadOrderLines' SELECT, in its order (invoice_no,
// stock_code, description, quantity, invoice_date, unit_price, customer_id, country):
// `text(i)` is column i's text, `is_null(i)` whether it is NULL.
template <typename TextOf, typename IsNull>
StoredOrderLine StoredOrderLineFromColumns(const TextOf& text, const IsNull& is_null) {
  StoredOrderLine row;
  row.invoice_no = text(0);
  row.stock_code = text(1);
  row.description = text(2);
  row.quantity = text(3);
  row.invoice_date = text(4);
  row.unit_price = text(5);
  if (!is_null(6)) row.customer_id = text(6);
  row.country = text(7);
  return row;
}

class OrderLinesReader {
 public:
  // `where` names the rows in errors ("order_lines of 'a.csv' in sqlite://x.db").
  explicit OrderLinesReader(std::string where) : where_(std::move(where)) {}

  void Reserve(size_t rows) { builder_.Reserve(rows); }
  // Corruption naming the row (1-based, in row_index order) and column when a value
  // does not parse.
  Status Add(const StoredOrderLine& row);
  Table Finish() { return builder_.Finish(); }

 private:
  Status Bad(std::string_view column, std::string_view value) const;

  std::string where_;
  TableBuilder builder_;
  uint64_t rows_ = 0;
};

}  // namespace storepulse::storage

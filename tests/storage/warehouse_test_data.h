// Small loads whose every stored value is known, for the warehouse tests: money down to
// the last of its four decimals, a line without a customer, UTF-8 text with £, quotes,
// commas, a tab, a backslash and a line break, and NULL measures.
#pragma once

#include <algorithm>
#include <map>
#include <string>
#include <vector>

#include "core/table.h"
#include "storage/batch_load.h"
#include "storage/warehouse.h"
#include "test_util.h"

namespace storepulse::testing {

inline Timestamp At(int year, int month, int day, int hour, int minute, int second = 0) {
  return MakeTimestamp({{year, month, day}, hour, minute, second});
}

inline storage::Date Day(int year, int month, int day) {
  return storage::Date{DaysFromCivil({year, month, day})};
}

// Four order lines; row 2 has no customer.
inline Table SampleLines() {
  TableBuilder builder;
  auto add = [&](std::string_view invoice, std::string_view stock,
                 std::string_view description, int32_t quantity, Timestamp time,
                 int64_t price_units, std::string_view customer,
                 std::string_view country) {
    OrderLine line;
    line.invoice = invoice;
    line.stock_code = stock;
    line.description = description;
    line.quantity = quantity;
    line.timestamp = time;
    line.unit_price = Money::FromUnits(price_units);
    line.customer = customer;
    line.country = country;
    EXPECT_OK(builder.Append(line));
  };
  add("536365", "85123A", "WHITE HANGING HEART T-LIGHT HOLDER", 6, At(2010, 12, 1, 8, 26),
      25'500, "17850", "United Kingdom");
  add("536365", "22633", "HAND WARMER \"UNION JACK\", £1 OFF", 7, At(2010, 12, 1, 8, 26),
      12'345, "17850", "United Kingdom");
  add("536370", "POST", "POSTAGE\tTAB\\BACKSLASH", 1000, At(2011, 12, 9, 12, 50, 59), 10,
      "", "France");
  add("581483", "23843", "PAPER CRAFT , LITTLE BIRDIE", 80'995, At(2011, 12, 9, 9, 15),
      389'700'000, "16446", "Côte d'Ivoire");
  return builder.Finish();
}

// What SELECT row_index, invoice_no, stock_code, description, quantity, invoice_date,
// unit_price, customer_id, country, revenue FROM order_lines gives for SampleLines().
inline std::vector<std::string> SampleLineRows() {
  return {
      "0|536365|85123A|WHITE HANGING HEART T-LIGHT HOLDER|6|2010-12-01 "
      "08:26:00|2.5500|17850|"
      "United Kingdom|15.3000",
      "1|536365|22633|HAND WARMER \"UNION JACK\", £1 OFF|7|2010-12-01 "
      "08:26:00|1.2345|17850|"
      "United Kingdom|8.6415",
      "2|536370|POST|POSTAGE\tTAB\\BACKSLASH|1000|2011-12-09 "
      "12:50:59|0.0010|NULL|France|1.0000",
      "3|581483|23843|PAPER CRAFT , LITTLE BIRDIE|80995|2011-12-09 "
      "09:15:00|38970.0000|16446|"
      "Côte d'Ivoire|3156375150.0000",
  };
}

inline std::vector<storage::QuarantineRecord> SampleQuarantine() {
  return {
      {2, 0, "wrong_field_count", "", "7 fields where the header has 8",
       "536365,85123A,WHITE HANGING HEART T-LIGHT HOLDER,6,12/1/2010 8:26,2.55,17850"},
      {5, 27, "non_positive_quantity", "Quantity", "'-6' is not positive",
       "C536379,D,\"Discount, £ \"\"special\"\"\",-6,12/1/2010 9:41,27.5,14527,United "
       "Kingdom"},
      {
          9,
          0,
          "unterminated_quote",
          "",
          "a quoted field never closed",
          "536381,22139,\"LINE\nBREAK\tTAB \\N",
      },
  };
}

inline std::vector<std::string> SampleQuarantineRows() {
  return {
      "2|0|wrong_field_count||7 fields where the header has 8|"
      "536365,85123A,WHITE HANGING HEART T-LIGHT HOLDER,6,12/1/2010 8:26,2.55,17850",
      "5|27|non_positive_quantity|Quantity|'-6' is not positive|"
      "C536379,D,\"Discount, £ \"\"special\"\"\",-6,12/1/2010 9:41,27.5,14527,United "
      "Kingdom",
      "9|0|unterminated_quote||a quoted field never "
      "closed|536381,22139,\"LINE\nBREAK\tTAB \\N",
  };
}

inline std::vector<storage::MetricRows> SampleMetrics() {
  using storage::DateTime;
  using storage::Value;
  const auto money = [](int64_t units) { return Value(Money::FromUnits(units)); };
  std::vector<storage::MetricRows> metrics;
  metrics.push_back(
      {"daily_metrics",
       {"date", "revenue", "orders", "lines", "customers", "products", "quantity",
        "countries", "average_order_value", "average_line_value", "peak_hour",
        "peak_hour_revenue"},
       {{Day(2010, 12, 1), money(239'415), int64_t{1}, int64_t{2}, int64_t{1}, int64_t{2},
         int64_t{13}, int64_t{1}, money(239'400), money(119'700), int64_t{8},
         money(239'415)},
        {Day(2011, 12, 9), money(31'563'751'510'000), int64_t{2}, int64_t{2}, int64_t{1},
         int64_t{2}, int64_t{81'995}, int64_t{2}, money(15'781'875'760'000),
         money(15'781'875'750'000), int64_t{9}, money(-1)}}});
  metrics.push_back(
      {"customer_metrics",
       {"customer_id", "revenue", "orders", "lines", "first_purchase", "last_purchase",
        "tier", "recency_days", "frequency", "monetary", "r_score", "f_score", "m_score",
        "rfm_segment", "predicted_value_90d"},
       {{std::string("17850"), money(239'415), int64_t{1}, int64_t{2},
         DateTime{At(2010, 12, 1, 8, 26)}, DateTime{At(2010, 12, 1, 8, 26)},
         std::string("VIP"), int64_t{374}, int64_t{1}, money(239'415), int64_t{1},
         int64_t{1}, int64_t{5}, std::string("Can't Lose"), Value()}}});
  metrics.push_back(
      {"product_metrics",
       {"stock_code", "description", "revenue", "quantity", "orders", "customers",
        "lines"},
       {{std::string("22633"), std::string("HAND WARMER \"UNION JACK\", £1 OFF"),
         money(86'415), int64_t{7}, int64_t{1}, int64_t{1}, int64_t{1}}}});
  metrics.push_back(
      {"country_metrics",
       {"country", "revenue", "orders", "customers", "lines", "average_order_value"},
       {{std::string("France"), money(10'000), int64_t{1}, int64_t{0}, int64_t{1},
         money(10'000)}}});
  metrics.push_back(
      {"cohort_retention",
       {"cohort_month", "months_since", "customers", "active_customers",
        "retention_rate"},
       {{Day(2010, 12, 1), int64_t{0}, int64_t{3}, int64_t{3}, 1.0},
        {Day(2010, 12, 1), int64_t{1}, int64_t{3}, int64_t{1}, 1.0 / 3.0}}});
  return metrics;
}

inline storage::BatchLoad SampleLoad(const std::string& source, const Table* lines) {
  storage::BatchLoad load;
  load.source = source;
  load.lines = lines;
  load.quarantine = SampleQuarantine();
  load.metrics = SampleMetrics();
  return load;
}

// The rows of `sql` as "a|b|NULL" strings, in the order the query gives; a failed query
// gives one row "error: ...", which no expectation matches.
inline std::vector<std::string> QueryRows(storage::Warehouse& warehouse,
                                          const std::string& sql) {
  auto result = warehouse.Query(sql);
  if (!result.ok()) return {"error: " + result.status().ToString()};
  std::vector<std::string> rows;
  for (const auto& row : result->rows) {
    std::string text;
    for (size_t column = 0; column < row.size(); ++column) {
      if (column > 0) text += '|';
      text += row[column].has_value() ? *row[column] : "NULL";
    }
    rows.push_back(std::move(text));
  }
  return rows;
}

// Every row of every data table for `source`, sorted, by table: what a load must leave
// exactly as it was when it fails.
inline std::map<std::string, std::vector<std::string>> SourceSnapshot(
    storage::Warehouse& warehouse, const std::string& source) {
  std::map<std::string, std::vector<std::string>> snapshot;
  for (const char* table :
       {"order_lines", "quarantine", "daily_metrics", "customer_metrics",
        "product_metrics", "country_metrics", "cohort_retention"}) {
    std::vector<std::string> rows =
        QueryRows(warehouse, std::string("SELECT * FROM ") + table + " WHERE source = '" +
                                 source + "'");
    std::sort(rows.begin(), rows.end());
    snapshot[table] = std::move(rows);
  }
  return snapshot;
}

}  // namespace storepulse::testing

// The data profile (exploratory analysis) of an order-line export: what the prototype's
// data_analysis.py reported, with lines, orders and money named and counted exactly.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/civil_time.h"
#include "core/money.h"
#include "core/table.h"

namespace storepulse::analytics {

// What ingest knew about the file; analytics does not depend on ingest, so the caller
// copies it in.
struct DataQuality {
  std::string source;
  uint64_t bytes = 0;
  std::string encoding;
  uint64_t rows_read = 0;
  uint64_t rows_clean = 0;
  uint64_t rows_quarantined = 0;
  uint64_t blank_lines = 0;
  std::vector<std::pair<std::string, uint64_t>> quarantine_reasons;  // documented order
  std::vector<std::pair<std::string, uint64_t>> empty_values;        // per column
  uint64_t duplicate_quarantined_rows = 0;
};

// Min, linear-interpolated percentiles (NumPy's default), max and mean.
struct Distribution {
  double min = 0, p50 = 0, p95 = 0, p99 = 0, max = 0, mean = 0;
};

struct RevenueRank {
  std::string key;   // country name or stock code
  std::string name;  // for products: the most frequent description
  MoneySum revenue;
  uint64_t lines = 0;
  int64_t quantity = 0;
};

struct Profile {
  DataQuality quality;
  // Every copy after the first of an identical row, over all rows read (clean rows and
  // quarantined rows compared by their text), and over the clean rows alone.
  uint64_t duplicate_rows = 0;
  uint64_t duplicate_clean_rows = 0;
  // Over the clean lines:
  uint64_t lines = 0;
  Timestamp date_min = 0;
  Timestamp date_max = 0;
  uint64_t days_with_sales = 0;
  uint64_t invoices = 0;  // orders: distinct InvoiceNo
  uint64_t customers = 0;
  uint64_t products = 0;  // distinct StockCode
  uint64_t countries = 0;
  int64_t total_quantity = 0;
  MoneySum revenue;
  WideInt average_order_value_cents = 0;
  Distribution quantity;
  Distribution unit_price;  // in currency units
  std::vector<RevenueRank> top_countries;
  std::vector<RevenueRank> top_products;
  // Memory of the in-memory table: columns plus dictionaries (with their hash indexes).
  uint64_t table_bytes = 0;
};

Profile ComputeProfile(const Table& table, DataQuality quality, size_t top_n = 10);

// Records duplicates found among the quarantined rows (counted apart, by their text),
// for a profile computed before they were known.
void AddQuarantineDuplicates(uint64_t duplicates, Profile* profile);

// The machine form: rows_read, rows_clean, rows_quarantined, quarantine_reasons,
// duplicate_rows, date_min, date_max, invoices, customers, products, countries, revenue
// (2 decimals) and the rest.
nlohmann::ordered_json ProfileToJson(const Profile& profile);

// dataset_summary.csv: one metric,value row per headline figure.
std::string ProfileToSummaryCsv(const Profile& profile);

}  // namespace storepulse::analytics

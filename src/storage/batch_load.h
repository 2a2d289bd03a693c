// What one batch run stores: the clean order lines, the quarantine and the metric rows of
// one input (its `source`). Warehouse::Load replaces everything stored for that source.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/table.h"
#include "storage/value.h"

namespace storepulse::storage {

// One rejected input row (ingest/quarantine.h), as stored in the quarantine table.
struct QuarantineRecord {
  uint64_t line = 0;    // 1-based line where the row starts: unique in a load (the key)
  uint32_t column = 0;  // 1-based character of the offending field; 0: the whole row
  std::string reason;   // "cancellation", "missing_customer", ...
  std::string field;    // the offending column ("Quantity"), empty for the whole row
  std::string detail;   // for people: "'-6' is not positive"
  std::string raw;      // the row's UTF-8 text without its line ending
};

// Rows for one metric table of the schema (schema.h): daily_metrics, customer_metrics,
// product_metrics, country_metrics or cohort_retention. `columns` names columns of that
// table other than `source` (Load sets it), in any order and any subset (the others are
// NULL); every row has one value per column, of the column's type (value.h).
struct MetricRows {
  std::string table;
  std::vector<std::string> columns;
  std::vector<std::vector<Value>> rows;
};

struct BatchLoad {
  std::string source;  // the input file name as given: the key loads replace by
  // The clean order lines; nullptr stores none. Not owned: must outlive Load.
  const Table* lines = nullptr;
  std::vector<QuarantineRecord> quarantine;
  std::vector<MetricRows> metrics;
};

}  // namespace storepulse::storage

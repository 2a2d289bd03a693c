// libFuzzer target for the CSV reader. The first input byte sets the chunk size (1 to
// 256 bytes), so chunk seams fall inside quoted fields, line endings and UTF-8
// sequences; the rest is the file. The parallel read must agree with a sequential one.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "ingest/csv_reader.h"

namespace {

using storepulse::Result;
using storepulse::ingest::IngestOptions;
using storepulse::ingest::IngestResult;
using storepulse::ingest::IngestStats;
using storepulse::ingest::Quarantine;
using storepulse::ingest::ReadOrderLines;

void Check(bool condition) {
  if (!condition) __builtin_trap();
}

IngestOptions Options(size_t chunk_bytes, int threads) {
  IngestOptions options;
  options.chunk_bytes = chunk_bytes;
  options.threads = threads;
  return options;
}

// Invariants of one result on its own.
void CheckResult(const IngestResult& result) {
  const IngestStats& stats = result.stats;
  Check(stats.rows_read == stats.rows_clean + stats.rows_quarantined);
  Check(stats.rows_clean == result.table.size());
  Check(stats.rows_quarantined == result.quarantine.size());
  const Quarantine& quarantine = result.quarantine;
  for (size_t i = 0; i < quarantine.size(); ++i) {
    const auto& row = quarantine.row(i);
    const std::string_view raw = quarantine.raw(i);
    // value() is a view of raw(): it must lie within it.
    Check(row.value_offset <= raw.size());
    Check(row.value_length <= raw.size() - row.value_offset);
    const std::string_view value = quarantine.value(i);
    Check(value.data() >= raw.data() &&
          value.data() + value.size() <= raw.data() + raw.size());
    Check(row.line >= 2);  // the header is line 1
    (void)quarantine.Describe(i);
  }
}

// Both reads of the same bytes must agree (IngestOptions: "The result does not depend
// on it").
void CheckSame(const IngestResult& parallel, const IngestResult& sequential) {
  Check(parallel.stats.rows_read == sequential.stats.rows_read);
  Check(parallel.stats.rows_clean == sequential.stats.rows_clean);
  Check(parallel.stats.rows_quarantined == sequential.stats.rows_quarantined);
  Check(parallel.stats.blank_lines == sequential.stats.blank_lines);
  Check(parallel.stats.quarantine_reasons == sequential.stats.quarantine_reasons);
  Check(parallel.stats.encoding == sequential.stats.encoding);
  Check(parallel.table.size() == sequential.table.size());
  for (size_t row = 0; row < parallel.table.size(); ++row) {
    const auto a = parallel.table.Row(row);
    const auto b = sequential.table.Row(row);
    Check(a.invoice == b.invoice && a.stock_code == b.stock_code &&
          a.description == b.description && a.quantity == b.quantity &&
          a.timestamp == b.timestamp && a.unit_price == b.unit_price &&
          a.customer == b.customer && a.country == b.country);
  }
  for (size_t i = 0; i < parallel.quarantine.size(); ++i) {
    Check(parallel.quarantine.row(i).line == sequential.quarantine.row(i).line);
    Check(parallel.quarantine.row(i).reason == sequential.quarantine.row(i).reason);
    Check(parallel.quarantine.raw(i) == sequential.quarantine.raw(i));
    Check(parallel.quarantine.value(i) == sequential.quarantine.value(i));
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const size_t chunk_bytes = size_t{data[0]} + 1;
  const std::string_view csv(reinterpret_cast<const char*>(data) + 1, size - 1);

  Result<IngestResult> parallel =
      ReadOrderLines(csv, "fuzz.csv", Options(chunk_bytes, 2));
  Result<IngestResult> sequential = ReadOrderLines(csv, "fuzz.csv", Options(0, 1));
  Check(parallel.ok() == sequential.ok());
  if (!parallel.ok()) {
    Check(parallel.status().code() == sequential.status().code());
    Check(parallel.status().message() == sequential.status().message());
    return 0;
  }
  CheckResult(*parallel);
  CheckResult(*sequential);
  CheckSame(*parallel, *sequential);
  return 0;
}

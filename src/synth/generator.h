// Synthetic Online Retail exports: realistic order lines (catalogue, customers,
// countries, prices, quantities, hour/weekday/season shapes, and the dirt the cleaning
// rules exist for) in exactly the real export's CSV format, deterministic from a seed.
//
// The output is byte-for-byte a function of (rows, seed, start_day): the thread count
// changes only the speed. Shapes follow the real export, measured on it:
// ~1,780 lines per trading day (so 541,909 rows span about a year), closed on
// Saturdays and over Christmas, ~1.7% of lines on cancellation ("C") invoices, ~24%
// without CustomerID, ~0.5% priced 0; about 74% of rows pass the cleaning rules.
#pragma once

#include <cstdint>
#include <string>

#include "core/civil_time.h"
#include "core/progress.h"
#include "core/status.h"

namespace storepulse::synth {

// The real export's header row (without its CRLF).
inline constexpr char kCsvHeader[] =
    "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country";

// The first invoice number, as in the real export.
inline constexpr uint64_t kFirstInvoiceNumber = 536'365;

// Most rows one file may have: a billion rows (85 GB) already span some 1,800 years.
inline constexpr uint64_t kMaxRows = 1'000'000'000;

struct GeneratorOptions {
  // Data rows written, exactly (the header is extra), 1..kMaxRows. More rows span more
  // days: the date range grows, the shop's rate per day does not. Past ~9.5 M rows
  // invoice numbers reach seven digits; past ~7.4 M rows the 87,654 five-digit
  // customer ids are all in use and customers simply buy more often.
  uint64_t rows = 500'000;
  // Same seed and options, same bytes.
  uint64_t seed = 42;
  // First calendar day (days since 1970-01-01), in the years 1000..7999; the file
  // starts on the first trading day from it. Default 2010-12-01, the real export's.
  int64_t start_day = DaysFromCivil(CivilDate{2010, 12, 1});
  // Worker threads, >= 0; 0 (or more than the cores) uses all cores. Changes only the
  // speed, never the output.
  int threads = 0;
};

// OK, or InvalidArgument naming the first option out of its range.
Status ValidateOptions(const GeneratorOptions& options);

// Writes the CSV to `path` atomically: a temporary file in the same directory, synced
// and renamed over `path` only when complete. On error (bad options: InvalidArgument
// from ValidateOptions; the file cannot be created or written: IOError naming the path)
// `path` is left as it was and no temporary file remains. Memory stays bounded (a few MB
// per thread) however many rows. `progress`, when set, is called with (rows written,
// options.rows), never from two threads at once.
Status WriteCsv(const GeneratorOptions& options, const std::string& path,
                const ProgressFn& progress = {});

// The same bytes as WriteCsv, in memory (tests, benchmarks); rows = 0 gives the header
// alone. Mind the size: about 85 bytes a row. REQUIRES: ValidateOptions(options) is OK
// but for rows = 0.
std::string GenerateCsv(const GeneratorOptions& options);

}  // namespace storepulse::synth

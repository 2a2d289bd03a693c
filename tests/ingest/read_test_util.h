// Helpers for tests that read CSV text through ReadOrderLines: options, a successful
// read, and the whole result (rows, quarantine, statistics) as comparable lines of text.
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

#include "ingest/csv_reader.h"
#include "test_util.h"

namespace storepulse::testing {

using ingest::IngestOptions;
using ingest::IngestResult;
using ingest::IngestStats;
using ingest::kWholeRow;
using ingest::OrderColumn;
using ingest::Quarantine;
using ingest::QuarantinedRow;
using ingest::TextPosition;

inline IngestOptions ReadOptions(size_t chunk_bytes, int threads) {
  IngestOptions options;
  options.chunk_bytes = chunk_bytes;
  options.threads = threads;
  return options;
}

// Reads `csv`, expecting success.
inline IngestResult ReadCsv(std::string_view csv,
                            const IngestOptions& options = ReadOptions(0, 1)) {
  Result<IngestResult> result = ingest::ReadOrderLines(csv, "test.csv", options);
  EXPECT_TRUE(result.ok()) << result.status().ToString();
  if (!result.ok()) return IngestResult();
  return std::move(result).value();
}

inline std::vector<std::string> TableRows(const Table& table) {
  std::vector<std::string> rows;
  for (size_t row = 0; row < table.size(); ++row) rows.push_back(RowText(table, row));
  return rows;
}

// Every quarantined row as "line:column reason Column [value] raw".
inline std::vector<std::string> QuarantineRows(const Quarantine& quarantine) {
  std::vector<std::string> rows;
  for (size_t i = 0; i < quarantine.size(); ++i) {
    const QuarantinedRow& row = quarantine.row(i);
    const TextPosition position = quarantine.Position(i);
    const std::string column =
        row.column == kWholeRow
            ? "row"
            : std::string(ingest::OrderColumnName(static_cast<OrderColumn>(row.column)));
    rows.push_back(std::to_string(row.line) + "/" + std::to_string(position.line) + ":" +
                   std::to_string(position.column) + " " +
                   std::string(ingest::QuarantineReasonName(row.reason)) + " " + column +
                   " [" + std::string(quarantine.value(i)) + "] " +
                   std::string(quarantine.raw(i)));
  }
  return rows;
}

inline std::string StatsText(const IngestStats& stats) {
  std::string text =
      "source=" + stats.source + " bytes=" + std::to_string(stats.bytes) +
      " encoding=" + std::string(ingest::TextEncodingName(stats.encoding)) +
      " bom=" + std::to_string(stats.byte_order_mark) +
      " read=" + std::to_string(stats.rows_read) +
      " clean=" + std::to_string(stats.rows_clean) +
      " quarantined=" + std::to_string(stats.rows_quarantined) +
      " blank=" + std::to_string(stats.blank_lines) +
      " fields=" + std::to_string(stats.columns.field_count) + " reasons=";
  for (uint64_t count : stats.quarantine_reasons) text += std::to_string(count) + ",";
  text += " empty=";
  for (uint64_t count : stats.empty_values) text += std::to_string(count) + ",";
  return text;
}

inline constexpr std::string_view kCleanLine =
    "536365,85123A,WHITE HANGING HEART T-LIGHT HOLDER,6,12/1/2010 8:26,2.55,17850,United "
    "Kingdom";
inline constexpr std::string_view kCleanRowText =
    "536365|85123A|WHITE HANGING HEART T-LIGHT HOLDER|6|2010-12-01T08:26:00|25500|17850|"
    "United Kingdom";

// Everything a reader of the result sees, one line per row, quarantined row and stat.
inline std::vector<std::string> ResultDigest(const IngestResult& result) {
  std::vector<std::string> lines;
  for (const std::string& row : TableRows(result.table)) lines.push_back("row " + row);
  const std::vector<std::string> quarantined = QuarantineRows(result.quarantine);
  for (size_t i = 0; i < quarantined.size(); ++i) {
    lines.push_back("quarantine " + quarantined[i]);
    lines.push_back("describe " + result.quarantine.Describe(i));
  }
  lines.push_back("stats " + StatsText(result.stats));
  return lines;
}

// Bytes >= 0x80 (and line breaks) as \xNN, so that a message stays readable whatever the
// encoding.
inline std::string Escaped(std::string_view text) {
  std::string escaped;
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte < 0x80 && byte != '\n' && byte != '\r') {
      escaped.push_back(c);
      continue;
    }
    static constexpr char kDigits[] = "0123456789ABCDEF";
    escaped += "\\x";
    escaped.push_back(kDigits[byte >> 4]);
    escaped.push_back(kDigits[byte & 15]);
  }
  return escaped;
}

// One failure naming the first line that differs, rather than two whole dumps.
inline void ExpectSameResult(const IngestResult& expected, const IngestResult& actual,
                             const std::string& label) {
  const std::vector<std::string> want = ResultDigest(expected);
  const std::vector<std::string> got = ResultDigest(actual);
  if (want == got) return;
  size_t first = 0;
  while (first < want.size() && first < got.size() && want[first] == got[first]) ++first;
  ADD_FAILURE() << label << ": results differ at line " << first << " of " << want.size()
                << "\n  sequential: "
                << Escaped(first < want.size() ? want[first] : "<end>")
                << "\n  parallel:   "
                << Escaped(first < got.size() ? got[first] : "<end>");
}

}  // namespace storepulse::testing

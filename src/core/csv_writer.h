// Writing CSV (RFC 4180): fields quoted only when they need it, rows ended by LF.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace storepulse {

// Appends `value`, quoted when it holds a comma, quote, CR or LF. `value` must not
// point into `*out`, which may move as it grows.
void AppendCsvField(std::string_view value, std::string* out);

// The most bytes a value of `size` bytes takes as a field: quoted, every quote doubled.
constexpr size_t CsvFieldBound(size_t size) { return 2 * size + 2; }
// Writes `value` as AppendCsvField appends it, at `out`, which has room for
// CsvFieldBound(value.size()) bytes; returns the end of what it wrote. For writers of
// many rows into a buffer of their own (quarantine.csv): a std::string would check its
// capacity, and zero what it grows into, for every piece of every row.
char* WriteCsvField(std::string_view value, char* out);

// Builds CSV text row by row: Field(...) adds a cell, EndRow() ends the row.
class CsvWriter {
 public:
  CsvWriter& Field(std::string_view value);
  CsvWriter& Field(int64_t value);
  CsvWriter& Field(uint64_t value);
  CsvWriter& Field(int value) { return Field(static_cast<int64_t>(value)); }
  // A number printed with `decimals` decimals.
  CsvWriter& Field(double value, int decimals);
  CsvWriter& EndRow();
  const std::string& text() const { return text_; }
  std::string Take() { return std::move(text_); }

 private:
  void Separate();
  std::string text_;
  bool row_started_ = false;
};

}  // namespace storepulse

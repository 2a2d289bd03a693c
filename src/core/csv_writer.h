// Writing CSV (RFC 4180): fields quoted only when they need it, rows ended by LF.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace storepulse {

// Appends `value`, quoted when it holds a comma, quote, CR or LF.
void AppendCsvField(std::string_view value, std::string* out);

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

#include "core/csv_writer.h"

#include <fmt/format.h>

namespace storepulse {

void AppendCsvField(std::string_view value, std::string* out) {
  if (value.find_first_of(",\"\r\n") == std::string_view::npos) {
    out->append(value);
    return;
  }
  // Quoted: copy the runs between quotes whole, doubling each quote.
  out->push_back('"');
  size_t from = 0;
  for (size_t quote = value.find('"'); quote != std::string_view::npos;
       quote = value.find('"', from)) {
    out->append(value.substr(from, quote + 1 - from));
    out->push_back('"');
    from = quote + 1;
  }
  out->append(value.substr(from));
  out->push_back('"');
}

void CsvWriter::Separate() {
  if (row_started_) text_.push_back(',');
  row_started_ = true;
}

CsvWriter& CsvWriter::Field(std::string_view value) {
  Separate();
  AppendCsvField(value, &text_);
  return *this;
}

CsvWriter& CsvWriter::Field(int64_t value) {
  Separate();
  text_ += std::to_string(value);
  return *this;
}

CsvWriter& CsvWriter::Field(uint64_t value) {
  Separate();
  text_ += std::to_string(value);
  return *this;
}

CsvWriter& CsvWriter::Field(double value, int decimals) {
  Separate();
  text_ += fmt::format("{:.{}f}", value, decimals);
  return *this;
}

CsvWriter& CsvWriter::EndRow() {
  text_.push_back('\n');
  row_started_ = false;
  return *this;
}

}  // namespace storepulse

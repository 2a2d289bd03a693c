#include "core/csv_writer.h"

#include <fmt/format.h>

#include <array>

namespace storepulse {

namespace {

// Whether `value` holds a byte that forces quoting. One pass with a table:
// string_view::find_first_of calls memchr once per byte, which showed in profiles of the
// quarantine file (hundreds of thousands of ~90-byte rows).
bool NeedsQuoting(std::string_view value) {
  static constexpr auto kSpecial = [] {
    std::array<bool, 256> special{};
    special[','] = special['"'] = special['\r'] = special['\n'] = true;
    return special;
  }();
  for (const char c : value) {
    if (kSpecial[static_cast<unsigned char>(c)]) return true;
  }
  return false;
}

}  // namespace

void AppendCsvField(std::string_view value, std::string* out) {
  if (!NeedsQuoting(value)) {
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

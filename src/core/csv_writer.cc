#include "core/csv_writer.h"

#include <fmt/format.h>

#include <array>
#include <cstring>

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

char* WriteCsvField(std::string_view value, char* out) {
  if (value.empty()) return out;  // its data() may be null, which memcpy must not get
  if (!NeedsQuoting(value)) {
    std::memcpy(out, value.data(), value.size());
    return out + value.size();
  }
  // Quoted: copy the runs between quotes whole, doubling each quote.
  *out++ = '"';
  const char* from = value.data();
  const char* const end = from + value.size();
  while (const void* found = std::memchr(from, '"', static_cast<size_t>(end - from))) {
    const char* quote = static_cast<const char*>(found);
    std::memcpy(out, from, static_cast<size_t>(quote + 1 - from));
    out += quote + 1 - from;
    *out++ = '"';
    from = quote + 1;
  }
  std::memcpy(out, from, static_cast<size_t>(end - from));
  out += end - from;
  *out++ = '"';
  return out;
}

void AppendCsvField(std::string_view value, std::string* out) {
  const size_t size = out->size();
  out->resize(size + CsvFieldBound(value.size()));
  char* const end = WriteCsvField(value, out->data() + size);
  out->resize(static_cast<size_t>(end - out->data()));
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

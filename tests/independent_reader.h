// A plain sequential CSV reader for tests that check storepulse against figures computed
// another way: std::getline, std::string fields, money as strings of digits. It shares
// no code with ingest/.
#pragma once

#include <istream>
#include <string>
#include <vector>

namespace storepulse::testing {

// Splits one logical CSV record from `in`, reading more physical lines while a quote is
// open.
inline bool ReadRecord(std::istream& in, std::vector<std::string>* fields,
                       std::string* raw) {
  std::string line;
  if (!std::getline(in, line)) return false;
  *raw = line;
  fields->assign(1, "");
  bool quoted = false;
  for (size_t i = 0;; ++i) {
    if (i == line.size()) {
      if (!quoted) break;
      std::string more;
      if (!std::getline(in, more)) break;
      line += "\n" + more;
      *raw += "\n" + more;
    }
    const char c = line[i];
    if (quoted) {
      if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
        fields->back() += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        fields->back() += c;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      fields->emplace_back();
    } else if (c != '\r') {
      fields->back() += c;
    }
  }
  return true;
}

// Thousandths of a pound: every price in the real file has at most 3 decimals.
inline long long PriceMilli(const std::string& text) {
  const size_t dot = text.find('.');
  std::string whole = text.substr(0, dot);
  std::string fraction = dot == std::string::npos ? "" : text.substr(dot + 1);
  fraction.resize(3, '0');
  const bool negative = !whole.empty() && whole[0] == '-';
  if (negative) whole.erase(0, 1);
  const long long value =
      std::stoll(whole.empty() ? "0" : whole) * 1000 + std::stoll(fraction);
  return negative ? -value : value;
}

}  // namespace storepulse::testing

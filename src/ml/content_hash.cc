#include "ml/content_hash.h"

#include <fmt/format.h>

namespace storepulse::ml {

void ContentHash::Add(std::string_view bytes) {
  uint64_t state = state_;
  for (const char byte : bytes) {
    state ^= static_cast<unsigned char>(byte);
    state *= 1099511628211ULL;
  }
  state_ = state;
}

std::string ContentHash::Hex() const { return fmt::format("{:016x}", state_); }

std::string HashText(std::string_view bytes) {
  ContentHash hash;
  hash.Add(bytes);
  return hash.Hex();
}

std::string HashTable(const Table& table) {
  ContentHash hash;
  hash.AddValue(table.size());
  for (size_t row = 0; row < table.size(); ++row) {
    const OrderLine line = table.Row(row);
    hash.AddString(line.invoice);
    hash.AddString(line.stock_code);
    hash.AddValue(line.quantity);
    hash.AddValue(line.timestamp);
    hash.AddValue(line.unit_price.units());
    hash.AddString(line.customer);
    hash.AddString(line.country);
  }
  return hash.Hex();
}

}  // namespace storepulse::ml

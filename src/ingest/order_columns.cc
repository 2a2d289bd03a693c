#include "ingest/order_columns.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>

namespace storepulse::ingest {

namespace {

struct ColumnNames {
  std::string_view name;
  std::vector<std::string_view> aliases;  // normalised: lower case, no space, _ - or .
};

const std::array<ColumnNames, kOrderColumnCount>& Names() {
  static const std::array<ColumnNames, kOrderColumnCount> kNames = {{
      {"InvoiceNo", {"invoiceno", "invoice", "invoicenumber", "invoiceid"}},
      {"StockCode", {"stockcode", "stock", "productcode", "productid", "sku"}},
      {"Description", {"description", "productdescription", "productname"}},
      {"Quantity", {"quantity", "qty"}},
      {"InvoiceDate", {"invoicedate", "invoicedatetime", "date", "orderdate"}},
      {"UnitPrice", {"unitprice", "price", "priceperunit"}},
      {"CustomerID", {"customerid", "customer", "customerno", "customernumber"}},
      {"Country", {"country"}},
  }};
  return kNames;
}

std::string Normalise(std::string_view name) {
  std::string normalised;
  for (char c : name) {
    if (c == ' ' || c == '_' || c == '-' || c == '.' || c == '\t') continue;
    normalised.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c);
  }
  // A UTF-8 byte order mark that survived in the first name.
  if (normalised.rfind("\xEF\xBB\xBF", 0) == 0) normalised.erase(0, 3);
  return normalised;
}

}  // namespace

std::string_view OrderColumnName(OrderColumn column) {
  return Names()[static_cast<size_t>(column)].name;
}

Result<ColumnMap> MapColumns(const std::vector<std::string>& header) {
  ColumnMap map;
  map.header = header;
  map.field_count = static_cast<uint32_t>(header.size());
  constexpr uint32_t kUnset = UINT32_MAX;
  map.field_of.fill(kUnset);
  for (uint32_t field = 0; field < header.size(); ++field) {
    const std::string name = Normalise(header[field]);
    for (size_t column = 0; column < kOrderColumnCount; ++column) {
      const auto& aliases = Names()[column].aliases;
      if (std::find(aliases.begin(), aliases.end(), name) == aliases.end()) continue;
      if (map.field_of[column] != kUnset) {
        return Status::Corruption(fmt::format(
            "column {} appears twice in the header (fields {} '{}' and {} '{}')",
            Names()[column].name, map.field_of[column] + 1, header[map.field_of[column]],
            field + 1, header[field]));
      }
      map.field_of[column] = field;
    }
  }
  for (size_t column = 0; column < kOrderColumnCount; ++column) {
    if (map.field_of[column] == kUnset) {
      return Status::Corruption(fmt::format(
          "missing column {} (a header naming it as one of: {}); the header has: {}",
          Names()[column].name, fmt::join(Names()[column].aliases, ", "),
          fmt::join(header, ", ")));
    }
  }
  return map;
}

}  // namespace storepulse::ingest

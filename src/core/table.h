// The columnar table of order lines: one vector per column, strings dictionary-encoded.
// Ingest and the stream both fill it through TableBuilder; analytics read its columns as
// spans and group by dictionary codes. About 38 bytes a line plus the dictionaries.
#pragma once

#include <cstdint>
#include <memory>
#include <new>
#include <span>
#include <string_view>
#include <utility>
#include <vector>

#include "core/civil_time.h"
#include "core/money.h"
#include "core/short_strings.h"
#include "core/status.h"
#include "core/string_dictionary.h"

namespace storepulse {

inline constexpr uint32_t kNoCustomer = UINT32_MAX;

// An allocator whose resize() leaves new numbers uninitialised: a column about to be
// overwritten whole is not zeroed first (at 15 MB a column set, one thread's memset and
// page faults were most of merging the chunks of a read).
template <typename T>
struct UninitializedAllocator : std::allocator<T> {
  template <typename U>
  struct rebind {
    using other = UninitializedAllocator<U>;
  };
  using std::allocator<T>::allocator;
  template <typename U, typename... Args>
  void construct(U* place, Args&&... args) {
    if constexpr (sizeof...(Args) == 0) {
      ::new (static_cast<void*>(place)) U;
    } else {
      ::new (static_cast<void*>(place)) U(std::forward<Args>(args)...);
    }
  }
};
template <typename T>
using Column = std::vector<T, UninitializedAllocator<T>>;
inline constexpr uint32_t kMaxCountries = UINT16_MAX;

// One order line to append; string views need only live for the Append call.
struct OrderLine {
  std::string_view invoice;
  std::string_view stock_code;
  std::string_view description;
  int32_t quantity = 0;
  Timestamp timestamp = 0;
  Money unit_price;
  std::string_view customer;  // empty: no customer
  std::string_view country;
};

class Table {
 public:
  Table() = default;
  Table(Table&&) noexcept = default;
  Table& operator=(Table&&) noexcept = default;
  Table(const Table&) = delete;
  Table& operator=(const Table&) = delete;

  size_t size() const { return quantities_.size(); }
  bool empty() const { return quantities_.empty(); }

  std::span<const uint32_t> invoice_codes() const { return invoice_codes_; }
  std::span<const uint32_t> stock_codes() const { return stock_codes_; }
  std::span<const uint32_t> description_codes() const { return description_codes_; }
  std::span<const int32_t> quantities() const { return quantities_; }
  std::span<const Timestamp> timestamps() const { return timestamps_; }
  // Unit prices in Money units (1/10,000).
  std::span<const int64_t> unit_prices() const { return unit_prices_; }
  // kNoCustomer where the line has none.
  std::span<const uint32_t> customer_codes() const { return customer_codes_; }
  std::span<const uint16_t> country_codes() const { return country_codes_; }

  const StringDictionary& invoices() const { return invoices_; }
  const StringDictionary& stock_codes_dictionary() const { return stock_dictionary_; }
  const StringDictionary& descriptions() const { return descriptions_; }
  const StringDictionary& customers() const { return customers_; }
  const StringDictionary& countries() const { return countries_; }

  // quantity × unit price, exact. Ingest bounds both so that it fits.
  Money LineRevenue(size_t row) const {
    return Money::FromUnits(static_cast<int64_t>(quantities_[row]) * unit_prices_[row]);
  }
  // The row as an OrderLine (views into the dictionaries).
  OrderLine Row(size_t row) const;

  // Bytes of the columns (by capacity) and of the dictionaries.
  size_t ColumnBytes() const;
  size_t MemoryBytes() const;

  // All rows of `parts`, in order, in one table: dictionaries merged and codes remapped,
  // the column copies done on up to `threads` threads (0: all cores).
  static Result<Table> Concatenate(std::vector<Table> parts, int threads = 0);

 private:
  friend class TableBuilder;

  Column<uint32_t> invoice_codes_;
  Column<uint32_t> stock_codes_;
  Column<uint32_t> description_codes_;
  Column<int32_t> quantities_;
  Column<Timestamp> timestamps_;
  Column<int64_t> unit_prices_;
  Column<uint32_t> customer_codes_;
  Column<uint16_t> country_codes_;

  StringDictionary invoices_;
  StringDictionary stock_dictionary_;
  StringDictionary descriptions_;
  StringDictionary customers_;
  StringDictionary countries_;
};

// Appends order lines to a new Table. Consecutive lines of one invoice usually repeat
// invoice, customer and country, so the builder remembers the last of each and skips the
// hash lookup when they repeat; a stock code nearly always comes with the description it
// had last time, so that is checked before hashing the description.
class TableBuilder {
 public:
  TableBuilder() = default;
  void Reserve(size_t rows);
  // Fails only when a dictionary is full (more than 65,535 countries).
  Status Append(const OrderLine& line);
  size_t size() const { return table_.size(); }
  // The table built so far; the builder is empty afterwards.
  Table Finish();

 private:
  struct LastCode {
    std::string value;
    uint32_t code = UINT32_MAX;
  };
  // The code of `value`, which is most often `last`'s: that check is inlined into
  // Append, the lookup and remembering are not (their call cost ~40 instructions a row).
  uint32_t InternCached(StringDictionary& dictionary, LastCode& last,
                        std::string_view value) {
    if (last.code != UINT32_MAX && SameBytes(value, last.value)) [[likely]]
      return last.code;
    return InternAndRemember(dictionary, last, value);
  }
  static uint32_t InternAndRemember(StringDictionary& dictionary, LastCode& last,
                                    std::string_view value);

  Table table_;
  std::vector<uint32_t> description_of_stock_;  // by stock code; UINT32_MAX: none yet
  LastCode last_invoice_;
  LastCode last_customer_;
  LastCode last_country_;
};

}  // namespace storepulse

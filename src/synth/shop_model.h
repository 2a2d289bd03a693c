// Everything the generator draws from, built once per file from the options and then
// only read: the calendar, catalogue, customers and the distributions of invoice kinds,
// sizes, quantities and prices. Safe to share between threads once constructed.
#pragma once

#include <cstdint>
#include <vector>

#include "synth/calendar.h"
#include "synth/catalogue.h"
#include "synth/customers.h"
#include "synth/random.h"

namespace storepulse::synth {

// What an invoice is, which decides its lines and whether the cleaning rules keep them.
enum class InvoiceKind : uint8_t {
  kSale,             // a registered customer's order: the clean lines
  kGuestSale,        // a dot-com order without CustomerID
  kStockAdjustment,  // one line, no customer, price 0, often a negative quantity
  kCancellation,     // "C" invoice, negative quantities, usually undoing an earlier sale
};
inline constexpr int kInvoiceKinds = 4;

// Longest invoice, in lines.
inline constexpr int kMaxInvoiceLines = 500;

class ShopModel {
 public:
  // REQUIRES: rows > 0.
  ShopModel(uint64_t seed, uint64_t rows, int64_t start_day);
  ShopModel(const ShopModel&) = delete;
  ShopModel& operator=(const ShopModel&) = delete;

  uint64_t seed() const { return seed_; }
  const std::vector<TradingDay>& days() const { return days_; }
  const Catalogue& catalogue() const { return catalogue_; }
  const CustomerPool& customers() const { return customers_; }
  const BusinessHours& hours() const { return hours_; }

  InvoiceKind SampleKind(Rng& rng) const {
    return static_cast<InvoiceKind>(invoice_kinds_.Sample(rng));
  }
  // Lines on a new invoice of `kind`, in [1, kMaxInvoiceLines].
  uint32_t SampleLines(Rng& rng, InvoiceKind kind) const;
  // Units on a registered customer's line of a product of `tier`.
  int32_t SampleQuantity(Rng& rng, QuantityTier tier) const {
    return quantity_values_[quantities_[static_cast<int>(tier)].Sample(rng)];
  }
  // Units on a dot-com (retail) line: mostly one or two.
  int32_t SampleRetailQuantity(Rng& rng) const {
    return quantity_values_[retail_quantities_.Sample(rng)];
  }
  // A shop price point, for manual lines.
  int32_t SamplePriceCents(Rng& rng) const;
  // What a postage line charges: £18 for most of Europe, more further away.
  int32_t SamplePostageCents(Rng& rng) const;
  CountryIndex SampleGuestCountry(Rng& rng) const {
    return static_cast<CountryIndex>(guest_countries_.Sample(rng));
  }

  // An upper bound on the bytes of one formatted row.
  size_t max_row_bytes() const { return max_row_bytes_; }

 private:
  uint64_t seed_;
  std::vector<TradingDay> days_;
  Catalogue catalogue_;
  CustomerPool customers_;
  BusinessHours hours_;
  AliasTable invoice_kinds_;
  AliasTable lines_[kInvoiceKinds];
  std::vector<int32_t> quantity_values_;
  AliasTable quantities_[kQuantityTiers];
  AliasTable retail_quantities_;
  AliasTable price_points_;
  AliasTable postage_prices_;
  AliasTable guest_countries_;
  size_t max_row_bytes_ = 0;
};

}  // namespace storepulse::synth

// The synthetic shop's catalogue: a few thousand products with stable stock codes,
// names and unit prices, their popularity, and the non-product codes the real export
// also carries (postage, manual lines, gift vouchers).
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "synth/random.h"

namespace storepulse::synth {

// How a product is bought: cheap items by the dozen, dear ones singly.
enum class QuantityTier : uint8_t {
  kCheap,     // under £1
  kStandard,  // £1 to £2.49
  kPricey,    // £2.50 to £4.99
  kDear,      // £5 and more
};
inline constexpr int kQuantityTiers = 4;

// Something an order line can sell.
struct Item {
  std::string code;         // "85123A", "22423", "POST"
  std::string description;  // as written in the file, unquoted (ISO-8859-1)
  std::string csv_prefix;   // "code,description," with the description CSV-quoted
  int32_t price_cents = 0;  // the unit price every line of a product uses
  QuantityTier tier = QuantityTier::kStandard;
};

class Catalogue {
 public:
  static constexpr uint32_t kDefaultProducts = 3'900;
  static constexpr int kGiftVouchers = 5;  // £10, £20, £30, £40 and £50

  // Builds the catalogue deterministically from `seed`. REQUIRES: products >= 10.
  explicit Catalogue(uint64_t seed, uint32_t products = kDefaultProducts);

  // Products are items [0, product_count()); the special codes follow them.
  uint32_t product_count() const { return product_count_; }
  const Item& item(uint32_t index) const { return items_[index]; }
  size_t item_count() const { return items_.size(); }

  // A product drawn by popularity (Zipf-like: the top product sells ~0.4% of lines,
  // half the lines come from the top ~12% of products).
  uint32_t SampleProduct(Rng& rng) const { return popularity_.Sample(rng); }
  // A product drawn uniformly (stock adjustments touch any product).
  uint32_t AnyProduct(Rng& rng) const {
    return static_cast<uint32_t>(rng.Below(product_count_));
  }

  uint32_t postage() const { return product_count_; }             // POST, POSTAGE
  uint32_t dotcom_postage() const { return product_count_ + 1; }  // DOT, DOTCOM POSTAGE
  uint32_t manual() const { return product_count_ + 2; }          // M, Manual
  // gift_0001_10 .. gift_0001_50, "Dotcomgiftshop Gift Voucher £NN.00" (£ is 0xA3).
  // REQUIRES: 0 <= which < kGiftVouchers.
  uint32_t gift_voucher(int which) const { return product_count_ + 3 + which; }

  // Descriptions of stock adjustment lines, as CSV fields ready to copy: the empty
  // string (most of them) and warehouse notes like "damaged" or "?".
  std::span<const std::string> adjustment_notes() const { return adjustment_notes_; }

 private:
  uint32_t product_count_;
  std::vector<Item> items_;
  AliasTable popularity_;
  std::vector<std::string> adjustment_notes_;
};

}  // namespace storepulse::synth

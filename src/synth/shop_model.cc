#include "synth/shop_model.h"

#include <algorithm>
#include <array>
#include <cassert>
#include <span>

#include "synth/countries.h"

namespace storepulse::synth {
namespace {

// Share of all order lines by invoice kind (kSale, kGuestSale, kStockAdjustment,
// kCancellation), as in the real export: three quarters on registered customers'
// orders, a quarter without CustomerID, 1.7% cancelled.
constexpr std::array<double, kInvoiceKinds> kLineShares = {0.7415, 0.2375, 0.0040,
                                                           0.0170};

// Lines per invoice: log-normal, median 15 for customers (mean ~21, like the real
// export's), bigger for dot-com orders; cancellations undo a line or two.
constexpr double kSaleMedianLines = 15.0;
constexpr double kSaleSigma = 0.9;
constexpr double kGuestMedianLines = 45.0;
constexpr double kGuestSigma = 1.0;
constexpr std::array<double, 12> kCancellationLines = {60,  15,  8, 5, 3,   2,
                                                       1.5, 1.2, 1, 1, 0.8, 0.6};

struct QuantityWeight {
  int32_t units;
  double weight;  // per cent of lines (standard tier)
};

// Units per line on the real export's registered customers' orders: 1, 12, 2, 6 and 4
// lead; packs of 12, 24, 48 and 96 stand out; a thin tail of wholesale orders reaches
// thousands.
constexpr std::array<QuantityWeight, 53> kQuantities = {
    {{1, 18.4},     {2, 14.6},     {3, 6.8},       {4, 8.1},     {5, 2.0},
     {6, 9.5},      {7, 0.5},      {8, 2.9},       {9, 0.4},     {10, 5.3},
     {11, 0.2},     {12, 15.1},    {14, 0.1},      {15, 0.15},   {16, 0.9},
     {18, 0.35},    {20, 1.1},     {24, 6.0},      {25, 1.3},    {30, 0.25},
     {32, 0.22},    {36, 0.85},    {40, 0.25},     {48, 1.5},    {50, 0.2},
     {60, 0.15},    {64, 0.06},    {72, 0.45},     {80, 0.05},   {96, 0.42},
     {100, 0.42},   {120, 0.13},   {144, 0.24},    {150, 0.04},  {160, 0.04},
     {192, 0.06},   {200, 0.07},   {240, 0.06},    {288, 0.05},  {300, 0.04},
     {384, 0.04},   {400, 0.03},   {480, 0.04},    {500, 0.03},  {576, 0.02},
     {600, 0.01},   {720, 0.01},   {960, 0.01},    {1000, 0.01}, {1440, 0.005},
     {2400, 0.003}, {4800, 0.001}, {12000, 0.0002}}};

// How a tier reshapes the standard weights: cheap items go by the dozen, dear ones
// singly.
double TierFactor(QuantityTier tier, int32_t units) {
  switch (tier) {
    case QuantityTier::kCheap:
      if (units == 1) return 0.35;
      if (units == 2) return 0.5;
      if (units >= 48) return 2.5;
      return units >= 12 ? 2.2 : 1.0;
    case QuantityTier::kPricey:
      if (units == 1) return 1.5;
      if (units == 2) return 1.2;
      if (units >= 48) return 0.3;
      return units >= 12 ? 0.6 : 1.0;
    case QuantityTier::kDear:
      if (units == 1) return 2.2;
      if (units == 2) return 1.4;
      if (units >= 100) return 0.03;
      if (units >= 12) return 0.15;
      return units >= 8 ? 0.6 : 1.0;
    case QuantityTier::kStandard:
      break;
  }
  return 1.0;
}

// Dot-com shoppers buy for themselves.
double RetailWeight(int32_t units) {
  switch (units) {
    case 1:
      return 56.0;
    case 2:
      return 18.0;
    case 3:
      return 7.6;
    case 4:
      return 4.7;
    case 5:
      return 2.7;
    case 6:
      return 2.4;
    case 7:
      return 1.2;
    case 8:
      return 1.1;
    case 10:
      return 0.8;
    case 12:
      return 0.8;
    case 16:
      return 0.2;
    case 20:
      return 0.2;
    case 24:
      return 0.2;
    default:
      return 0.0;
  }
}

// Shop price points for manual lines, in cents, all equally likely.
constexpr std::array<int32_t, 12> kManualPrices = {42,  85,  125, 165,  255,  295,
                                                   375, 495, 795, 1275, 1800, 3995};
constexpr std::array<int32_t, 5> kPostagePrices = {1800, 1500, 2800, 4000, 6000};
constexpr std::array<double, 5> kPostageWeights = {6.0, 2.0, 1.0, 1.0, 0.5};

double MeanValue(std::span<const double> weights) {
  double total = 0.0;
  double sum = 0.0;
  for (size_t i = 0; i < weights.size(); ++i) {
    total += weights[i];
    sum += weights[i] * static_cast<double>(i + 1);
  }
  return sum / total;
}

}  // namespace

ShopModel::ShopModel(uint64_t seed, uint64_t rows, int64_t start_day)
    : seed_(seed),
      days_(PlanTradingDays(seed, start_day, rows)),
      catalogue_(seed),
      customers_(seed, rows, days_.front().day, days_.back().day) {
  // Invoices by kind are drawn with probability share / mean size, so that each kind's
  // share of lines comes out as kLineShares says.
  const std::vector<double> sale =
      DiscreteLogNormalWeights(kMaxInvoiceLines, kSaleMedianLines, kSaleSigma);
  const std::vector<double> guest =
      DiscreteLogNormalWeights(kMaxInvoiceLines, kGuestMedianLines, kGuestSigma);
  const std::array<double, 1> single = {1.0};
  lines_[static_cast<int>(InvoiceKind::kSale)] = AliasTable(sale);
  lines_[static_cast<int>(InvoiceKind::kGuestSale)] = AliasTable(guest);
  lines_[static_cast<int>(InvoiceKind::kStockAdjustment)] = AliasTable(single);
  lines_[static_cast<int>(InvoiceKind::kCancellation)] = AliasTable(kCancellationLines);
  const std::array<double, kInvoiceKinds> mean_lines = {
      MeanValue(sale), MeanValue(guest), 1.0, MeanValue(kCancellationLines)};
  std::array<double, kInvoiceKinds> kind_weights{};
  for (int kind = 0; kind < kInvoiceKinds; ++kind) {
    kind_weights[kind] = kLineShares[kind] / mean_lines[kind];
  }
  invoice_kinds_ = AliasTable(kind_weights);

  std::vector<double> weights(kQuantities.size());
  for (const QuantityWeight& entry : kQuantities) quantity_values_.push_back(entry.units);
  for (const QuantityTier tier : {QuantityTier::kCheap, QuantityTier::kStandard,
                                  QuantityTier::kPricey, QuantityTier::kDear}) {
    for (size_t i = 0; i < kQuantities.size(); ++i) {
      weights[i] = kQuantities[i].weight * TierFactor(tier, kQuantities[i].units);
    }
    quantities_[static_cast<int>(tier)] = AliasTable(weights);
  }
  for (size_t i = 0; i < kQuantities.size(); ++i)
    weights[i] = RetailWeight(kQuantities[i].units);
  retail_quantities_ = AliasTable(weights);

  price_points_ = AliasTable(std::vector<double>(kManualPrices.size(), 1.0));
  postage_prices_ = AliasTable(kPostageWeights);
  guest_countries_ = AliasTable(GuestCountryWeights());

  size_t longest_item = 0;
  for (size_t i = 0; i < catalogue_.item_count(); ++i) {
    longest_item = std::max(longest_item, catalogue_.item(i).csv_prefix.size());
  }
  for (const std::string& note : catalogue_.adjustment_notes()) {
    longest_item = std::max(longest_item, note.size() + 16);
  }
  size_t longest_country = 0;
  for (const std::string_view country : Countries()) {
    longest_country = std::max(longest_country, country.size());
  }
  // "C" + invoice number, quantity, date, price and customer id are each at most 20
  // bytes; commas and CRLF add 9.
  max_row_bytes_ = longest_item + longest_country + 5 * 20 + 9;
}

uint32_t ShopModel::SampleLines(Rng& rng, InvoiceKind kind) const {
  return 1 + lines_[static_cast<int>(kind)].Sample(rng);
}

int32_t ShopModel::SamplePriceCents(Rng& rng) const {
  return kManualPrices[price_points_.Sample(rng)];
}

int32_t ShopModel::SamplePostageCents(Rng& rng) const {
  return kPostagePrices[postage_prices_.Sample(rng)];
}

}  // namespace storepulse::synth

#include "synth/catalogue.h"

#include <array>
#include <cassert>
#include <string_view>
#include <unordered_set>
#include <utility>

#include "synth/descriptions.h"

namespace storepulse::synth {
namespace {

constexpr uint64_t kCataloguePurpose = 0x636174616C6F6775;  // "catalogu"

struct PricePoint {
  int32_t cents;
  double weight;
};

// Shop price points and how many products sit at each: log-normal-ish around £2-4,
// from 19p to a few pieces of furniture in the hundreds.
constexpr std::array<PricePoint, 52> kPricePoints = {
    {{19, 0.5},    {21, 1},      {25, 0.5},     {29, 1},      {36, 0.5},   {39, 2},
     {42, 4},      {55, 2},      {59, 0.5},     {65, 2},      {72, 0.5},   {79, 1.5},
     {83, 1.5},    {85, 4},      {125, 10},     {145, 4},     {165, 8},    {169, 1.5},
     {185, 3},     {195, 4},     {210, 5},      {225, 1.5},   {250, 3},    {255, 4},
     {295, 6},     {325, 2},     {329, 2},      {375, 4},     {395, 2},    {425, 3},
     {450, 1},     {495, 3},     {565, 1},      {595, 2},     {675, 1.5},  {750, 1},
     {795, 2},     {850, 1.5},   {995, 1.5},    {1065, 0.5},  {1275, 0.7}, {1495, 0.5},
     {1695, 0.5},  {1800, 0.3},  {2495, 0.3},   {2995, 0.15}, {3500, 0.1}, {3995, 0.1},
     {4995, 0.05}, {6500, 0.04}, {12500, 0.03}, {29500, 0.02}}};

struct CodeRange {
  int first;
  int last;
  double weight;
};

// Where the real export's five-digit stock codes cluster.
constexpr std::array<CodeRange, 8> kCodeRanges = {{
    {20600, 23899, 70.0},
    {84000, 85299, 12.0},
    {47000, 48199, 3.0},
    {35000, 37599, 3.0},
    {71000, 72899, 3.0},
    {79000, 79399, 2.0},
    {82000, 82599, 3.0},
    {90000, 90219, 4.0},
}};

// Share of families sold in several colours (85123A, 85123B, ...) and how many.
constexpr uint64_t kVariantFamilyThreshold = ProbabilityThreshold(0.10);
constexpr int kMaxVariants = 6;
// Share of names written with a trailing space, a quirk of the real export.
constexpr uint64_t kTrailingSpaceThreshold = ProbabilityThreshold(0.08);
// Share of single-colour products whose name carries a colour word.
constexpr uint64_t kColouredNameThreshold = ProbabilityThreshold(0.5);

// Zipf-Mandelbrot popularity, fitted to the real export's rank-frequency curve.
constexpr double kPopularityExponent = 0.9;
constexpr double kPopularityOffset = 40.0;

QuantityTier TierOf(int32_t cents) {
  if (cents < 100) return QuantityTier::kCheap;
  if (cents < 250) return QuantityTier::kStandard;
  if (cents < 500) return QuantityTier::kPricey;
  return QuantityTier::kDear;
}

Item MakeItem(std::string code, std::string description, int32_t cents) {
  Item item;
  item.code = std::move(code);
  item.description = std::move(description);
  item.csv_prefix = item.code + "," + CsvField(item.description) + ",";
  item.price_cents = cents;
  item.tier = TierOf(cents);
  return item;
}

}  // namespace

Catalogue::Catalogue(uint64_t seed, uint32_t products) : product_count_(products) {
  assert(products >= 10);
  Rng rng(StreamSeed(seed, kCataloguePurpose));
  std::vector<double> price_weights;
  for (const PricePoint& point : kPricePoints) price_weights.push_back(point.weight);
  const AliasTable prices(price_weights);
  std::vector<double> range_weights;
  for (const CodeRange& range : kCodeRanges) range_weights.push_back(range.weight);
  const AliasTable ranges(range_weights);

  std::unordered_set<int> base_codes;
  std::unordered_set<std::string> names;
  items_.reserve(products + 3 + kGiftVouchers);
  while (items_.size() < products) {
    int base_code = 0;
    do {
      const CodeRange& range = kCodeRanges[ranges.Sample(rng)];
      base_code = static_cast<int>(rng.Between(range.first, range.last));
    } while (!base_codes.insert(base_code).second);
    const ProductFamily family = DrawFamily(rng);
    const int32_t cents = kPricePoints[prices.Sample(rng)].cents;
    const bool trailing_space = rng.Chance(kTrailingSpaceThreshold);
    const int variants = rng.Chance(kVariantFamilyThreshold)
                             ? static_cast<int>(rng.Between(2, kMaxVariants))
                             : 1;
    for (int variant = 0; variant < variants && items_.size() < products; ++variant) {
      std::string_view colour =
          variants > 1 || rng.Chance(kColouredNameThreshold) ? DrawColour(rng) : "";
      std::string name = NameProduct(family, colour);
      // Names are unique like the real catalogue's; a clash just drops the variant.
      if (trailing_space) name.push_back(' ');
      if (!names.insert(name).second) continue;
      std::string code = std::to_string(base_code);
      if (variants > 1) code.push_back(static_cast<char>('A' + variant));
      items_.push_back(MakeItem(std::move(code), std::move(name), cents));
    }
  }

  // Popularity is independent of the code: shuffle which product gets which rank.
  std::vector<double> weights =
      ZipfWeights(products, kPopularityExponent, kPopularityOffset);
  for (size_t i = weights.size(); i > 1; --i) {
    std::swap(weights[i - 1], weights[rng.Below(i)]);
  }
  popularity_ = AliasTable(weights);

  items_.push_back(MakeItem("POST", "POSTAGE", 1800));
  items_.push_back(MakeItem("DOT", "DOTCOM POSTAGE", 0));
  items_.push_back(MakeItem("M", "Manual", 0));
  for (int which = 0; which < kGiftVouchers; ++which) {
    const int pounds = 10 * (which + 1);
    // The export's only non-ASCII byte: '£' in ISO-8859-1.
    std::string description =
        "Dotcomgiftshop Gift Voucher \xA3" + std::to_string(pounds) + ".00";
    // Vouchers are sold net of VAT (a £20 voucher at 16.67).
    const int32_t cents = (pounds * 10'000 + 60) / 120;
    items_.push_back(
        MakeItem("gift_0001_" + std::to_string(pounds), std::move(description), cents));
  }

  for (std::string_view note :
       {"", "", "", "", "", "", "", "damaged", "check", "?", "wet damaged", "missing",
        "thrown away", "found", "Unsaleable, destroyed.", "sold as set on dotcom"}) {
    adjustment_notes_.push_back(CsvField(note));
  }
}

}  // namespace storepulse::synth

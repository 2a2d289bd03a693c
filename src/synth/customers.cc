#include "synth/customers.h"

#include <algorithm>
#include <cassert>
#include <numeric>
#include <string_view>

namespace storepulse::synth {
namespace {

constexpr uint64_t kCustomersPurpose = 0x637573746F6D6572;  // "customer"

// Customer ids per order line; a little above the real export's 1/124, because the
// least active customers of a short file never place an order.
constexpr double kCustomersPerLine = 1.0 / 85.0;
constexpr uint64_t kMinCustomers = 100;
constexpr uint64_t kMaxCustomers = kLastCustomerId - kFirstCustomerId + 1;

// Slots that keep one customer for the whole file: the wholesalers at the head.
constexpr size_t kPermanentSlots = 20;
constexpr int64_t kForever = int64_t{1} << 40;
// Tail customers stay between 8 months and 3 years.
constexpr int64_t kMinLifetimeDays = 240;
constexpr int64_t kMaxLifetimeDays = 1'100;

// Zipf-Mandelbrot activity, fitted to the real export's invoices per customer.
constexpr double kActivityExponent = 0.85;
constexpr double kActivityOffset = 7.0;

// The real export's busiest customers are British but for an Irish and a Dutch
// wholesaler; pinning the head keeps every seed's country mix close to the real one.
constexpr std::string_view kHeadCountries[] = {
    "United Kingdom", "United Kingdom", "United Kingdom", "EIRE",
    "United Kingdom", "United Kingdom", "United Kingdom", "United Kingdom",
    "United Kingdom", "United Kingdom", "United Kingdom", "Germany",
    "United Kingdom", "Netherlands",    "United Kingdom", "France"};

}  // namespace

CustomerPool::CustomerPool(uint64_t seed, uint64_t rows, int64_t first_day,
                           int64_t last_day)
    : first_day_(first_day) {
  assert(first_day <= last_day);
  Rng rng(StreamSeed(seed, kCustomersPurpose));
  const int64_t span = last_day - first_day + 1;
  const uint64_t target = std::clamp<uint64_t>(
      static_cast<uint64_t>(static_cast<double>(rows) * kCustomersPerLine), kMinCustomers,
      kMaxCustomers);

  // Open slots until their occupants over the span add up to the target.
  uint64_t customers = 0;
  while (customers < target) {
    Slot slot;
    if (slots_.size() < kPermanentSlots) {
      slot.lifetime = kForever;
      slot.phase = 0;
    } else {
      slot.lifetime = rng.Between(kMinLifetimeDays, kMaxLifetimeDays);
      slot.phase = static_cast<int64_t>(rng.Below(static_cast<uint64_t>(slot.lifetime)));
    }
    slot.first_generation = slot.phase / slot.lifetime;
    const int64_t last_generation = (span - 1 + slot.phase) / slot.lifetime;
    const auto occupants =
        static_cast<uint64_t>(last_generation - slot.first_generation + 1);
    if (customers + occupants > kMaxCustomers) break;
    slot.first_customer = static_cast<uint32_t>(customers);
    customers += occupants;
    slots_.push_back(slot);
  }
  assert(!slots_.empty());
  activity_ = AliasTable(ZipfWeights(slots_.size(), kActivityExponent, kActivityOffset));

  const AliasTable country_mix(CustomerCountryWeights());
  countries_.resize(customers);
  for (uint64_t index = 0; index < customers; ++index) {
    countries_[index] = static_cast<CountryIndex>(country_mix.Sample(rng));
  }
  for (size_t rank = 0; rank < std::size(kHeadCountries) && rank < slots_.size();
       ++rank) {
    [[maybe_unused]] const bool found =
        FindCountry(kHeadCountries[rank], &countries_[slots_[rank].first_customer]);
    assert(found);
  }

  // Any multiplier coprime with the size gives a bijection; start near the golden
  // ratio of the size so neighbouring indices land far apart.
  id_multiplier_ =
      static_cast<uint64_t>(static_cast<double>(customers) * 0.6180339887) | 1;
  while (std::gcd(id_multiplier_, customers) != 1) id_multiplier_ += 2;
  id_offset_ = rng.Below(customers);
}

}  // namespace storepulse::synth

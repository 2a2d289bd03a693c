#include "synth/countries.h"

#include <array>
#include <type_traits>

namespace storepulse::synth {
namespace {

struct CountryMix {
  std::string_view name;
  double customers;  // share of registered customers' lines, in per mille
  double guests;     // share of guest orders, in per mille
};

// Per-mille shares measured on the real export's lines, adjusted so that, with about a
// quarter of the lines on British guest orders, the whole file has ~91% British lines.
constexpr std::array<CountryMix, 38> kMix = {{
    {"United Kingdom", 888.0, 970.0},
    {"Germany", 23.3, 0.0},
    {"France", 21.0, 1.0},
    {"EIRE", 12.0, 11.0},
    {"Spain", 6.3, 0.0},
    {"Netherlands", 5.9, 0.0},
    {"Belgium", 5.1, 0.0},
    {"Switzerland", 4.9, 1.0},
    {"Portugal", 3.7, 0.5},
    {"Australia", 3.1, 0.0},
    {"Norway", 2.7, 0.0},
    {"Italy", 2.0, 0.0},
    {"Channel Islands", 1.9, 0.0},
    {"Finland", 1.7, 0.0},
    {"Cyprus", 1.5, 0.0},
    {"Sweden", 1.2, 0.0},
    {"Unspecified", 0.8, 1.5},
    {"Austria", 0.9, 0.0},
    {"Denmark", 0.9, 0.0},
    {"Japan", 0.9, 0.0},
    {"Poland", 0.8, 0.0},
    {"Israel", 0.6, 1.0},
    {"USA", 0.7, 0.0},
    {"Hong Kong", 0.2, 4.0},
    {"Singapore", 0.5, 0.0},
    {"Iceland", 0.4, 0.0},
    {"Canada", 0.4, 0.0},
    {"Greece", 0.4, 0.0},
    {"Malta", 0.3, 0.0},
    {"United Arab Emirates", 0.13, 0.0},
    {"European Community", 0.13, 0.0},
    {"RSA", 0.13, 0.0},
    {"Lebanon", 0.1, 0.0},
    {"Lithuania", 0.1, 0.0},
    {"Brazil", 0.1, 0.0},
    {"Czech Republic", 0.1, 0.0},
    {"Bahrain", 0.03, 0.5},
    {"Saudi Arabia", 0.03, 0.0},
}};

template <typename Field>
constexpr auto Column(Field field) {
  std::array<std::invoke_result_t<Field, const CountryMix&>, kMix.size()> column{};
  for (size_t i = 0; i < kMix.size(); ++i) column[i] = field(kMix[i]);
  return column;
}

constexpr auto kNames = Column([](const CountryMix& mix) { return mix.name; });
constexpr auto kCustomerWeights =
    Column([](const CountryMix& mix) { return mix.customers; });
constexpr auto kGuestWeights = Column([](const CountryMix& mix) { return mix.guests; });

static_assert(kMix.size() < 256, "CountryIndex is one byte");

}  // namespace

std::span<const std::string_view> Countries() { return kNames; }
std::span<const double> CustomerCountryWeights() { return kCustomerWeights; }
std::span<const double> GuestCountryWeights() { return kGuestWeights; }

bool FindCountry(std::string_view name, CountryIndex* index) {
  for (size_t i = 0; i < kNames.size(); ++i) {
    if (kNames[i] == name) {
      *index = static_cast<CountryIndex>(i);
      return true;
    }
  }
  return false;
}

}  // namespace storepulse::synth

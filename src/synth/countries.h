// The countries the synthetic shop sells to, with the mix of the real Online Retail
// export: the United Kingdom dominates, then Germany, France, EIRE and a long tail.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>

namespace storepulse::synth {

// Index into Countries(). Index 0 is the United Kingdom.
using CountryIndex = uint8_t;
inline constexpr CountryIndex kUnitedKingdom = 0;

// Country names exactly as the export writes them ("EIRE", "RSA", "Unspecified", ...).
// None contains a comma or a quote, so they never need CSV quoting.
std::span<const std::string_view> Countries();

// Relative number of registered customers per country, aligned with Countries().
std::span<const double> CustomerCountryWeights();

// Relative number of guest (dot-com) orders per country, aligned with Countries():
// almost all British.
std::span<const double> GuestCountryWeights();

// Looks a country up by its exact name; false when it is not in the list.
bool FindCountry(std::string_view name, CountryIndex* index);

}  // namespace storepulse::synth

#include "synth/random.h"

#include <cassert>
#include <cmath>

namespace storepulse::synth {

AliasTable::AliasTable(std::span<const double> weights) {
  assert(!weights.empty() && weights.size() < (uint64_t{1} << 32));
  const size_t count = weights.size();
  double total = 0.0;
  for (const double weight : weights) {
    assert(weight >= 0.0 && std::isfinite(weight));
    total += weight;
  }
  assert(total > 0.0);

  // Scale so the mean column holds exactly 1; split into under- and over-full columns
  // and let each under-full column borrow its remainder from an over-full one.
  std::vector<double> scaled(count);
  std::vector<uint32_t> small;
  std::vector<uint32_t> large;
  for (size_t i = 0; i < count; ++i) {
    scaled[i] = weights[i] * static_cast<double>(count) / total;
    (scaled[i] < 1.0 ? small : large).push_back(static_cast<uint32_t>(i));
  }
  columns_.resize(count);
  constexpr double kScale = 4294967296.0;  // 2^32
  while (!small.empty() && !large.empty()) {
    const uint32_t under = small.back();
    small.pop_back();
    const uint32_t over = large.back();
    columns_[under] = {static_cast<uint32_t>(scaled[under] * kScale), over};
    scaled[over] -= 1.0 - scaled[under];
    if (scaled[over] < 1.0) {
      large.pop_back();
      small.push_back(over);
    }
  }
  // What remains is full up to rounding error: such a column always answers itself.
  for (const uint32_t index : large) columns_[index] = {UINT32_MAX, index};
  for (const uint32_t index : small) columns_[index] = {UINT32_MAX, index};
}

std::vector<double> ZipfWeights(size_t count, double exponent, double offset) {
  std::vector<double> weights(count);
  for (size_t rank = 0; rank < count; ++rank) {
    weights[rank] = std::pow(static_cast<double>(rank) + offset, -exponent);
  }
  return weights;
}

std::vector<double> DiscreteLogNormalWeights(int max_value, double median, double sigma) {
  const double mu = std::log(median);
  const auto cdf = [&](double x) {
    return 0.5 * std::erfc(-(std::log(x) - mu) / (sigma * std::sqrt(2.0)));
  };
  std::vector<double> weights(max_value);
  for (int k = 1; k <= max_value; ++k) {
    const double low = k == 1 ? 0.0 : cdf(k - 0.5);
    weights[k - 1] = cdf(k + 0.5) - low;
  }
  return weights;
}

}  // namespace storepulse::synth

// Deterministic randomness for the synthetic data generator. Everything here is defined
// bit for bit by this file (unlike std::uniform_int_distribution and friends, whose
// algorithms are implementation-defined), so a seed gives the same data with any
// standard library and any number of threads.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

namespace storepulse::synth {

// One step of SplitMix64 (Steele, Lea and Flood, 2014): advances *state and returns a
// well-mixed 64-bit value. Used to derive seeds, never for bulk draws.
constexpr uint64_t SplitMix64(uint64_t* state) {
  uint64_t z = (*state += 0x9E3779B97F4A7C15ULL);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

// The seed of an independent stream for (seed, purpose, index): e.g. the stream that
// draws day 1234's invoice sizes. Distinct inputs give unrelated streams.
constexpr uint64_t StreamSeed(uint64_t seed, uint64_t purpose, uint64_t index = 0) {
  uint64_t state = seed;
  uint64_t mixed = SplitMix64(&state);
  state = mixed ^ (purpose * 0xD1B54A32D192ED03ULL);
  mixed = SplitMix64(&state);
  state = mixed ^ (index * 0xABC98388FB8FAC03ULL);
  return SplitMix64(&state);
}

// The probability p as a threshold on a uniform 64-bit draw: `rng.Next() < threshold`
// happens with probability p. constexpr so that the conversion happens at compile time.
constexpr uint64_t ProbabilityThreshold(double probability) {
  if (probability <= 0.0) return 0;
  if (probability >= 1.0) return UINT64_MAX;
  return static_cast<uint64_t>(probability * 18446744073709551616.0);
}

// xoshiro256** (Blackman and Vigna, 2018): fast, small state, passes BigCrush.
// Not thread-safe: give each thread or each unit of work its own Rng.
class Rng {
 public:
  explicit constexpr Rng(uint64_t seed) {
    uint64_t state = seed;
    for (uint64_t& word : state_) word = SplitMix64(&state);
  }

  constexpr uint64_t Next() {
    const uint64_t result = Rotl(state_[1] * 5, 7) * 9;
    const uint64_t shifted = state_[1] << 17;
    state_[2] ^= state_[0];
    state_[3] ^= state_[1];
    state_[1] ^= state_[2];
    state_[0] ^= state_[3];
    state_[2] ^= shifted;
    state_[3] = Rotl(state_[3], 45);
    return result;
  }

  // Uniform in [0, bound) by Lemire's multiply-shift. The bias is below bound / 2^64,
  // far below anything the generator's users could see. REQUIRES: bound > 0.
  constexpr uint64_t Below(uint64_t bound) {
    return static_cast<uint64_t>((static_cast<unsigned __int128>(Next()) * bound) >> 64);
  }

  // Uniform in [low, high]. REQUIRES: low <= high.
  constexpr int64_t Between(int64_t low, int64_t high) {
    return low + static_cast<int64_t>(Below(static_cast<uint64_t>(high - low) + 1));
  }

  // Uniform in [0, 1) with 53 random bits.
  constexpr double NextDouble() { return static_cast<double>(Next() >> 11) * 0x1.0p-53; }

  // True with the probability encoded by ProbabilityThreshold.
  constexpr bool Chance(uint64_t threshold) { return Next() < threshold; }

 private:
  static constexpr uint64_t Rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
  uint64_t state_[4] = {};
};

// Vose's alias method: O(n) to build, O(1) and one Rng draw per sample from a discrete
// distribution given by non-negative weights. Immutable after construction, so one
// table may be sampled from many threads at once (each with its own Rng).
class AliasTable {
 public:
  AliasTable() = default;
  // REQUIRES: weights non-empty, fewer than 2^32, each >= 0 and finite, sum > 0.
  explicit AliasTable(std::span<const double> weights);

  // An index in [0, size()) drawn with probability weight[i] / sum(weights).
  uint32_t Sample(Rng& rng) const {
    const uint64_t bits = rng.Next();
    // High 32 bits pick the column, low 32 bits decide between it and its alias.
    const auto column = static_cast<uint32_t>(((bits >> 32) * columns_.size()) >> 32);
    const Column& entry = columns_[column];
    return static_cast<uint32_t>(bits) < entry.threshold ? column : entry.alias;
  }

  size_t size() const { return columns_.size(); }
  bool empty() const { return columns_.empty(); }

 private:
  struct Column {
    uint32_t threshold;  // keep the column when the low 32 bits are below this
    uint32_t alias;      // otherwise answer this index
  };
  std::vector<Column> columns_;
};

// Weights 1 / (rank + offset)^exponent for rank 0..count-1: Zipf-Mandelbrot popularity,
// where a larger offset flattens the head and a larger exponent steepens the tail.
std::vector<double> ZipfWeights(size_t count, double exponent, double offset);

// P(value = k) for k = 1..max_value of a log-normal with the given median and sigma,
// discretised on [k - 0.5, k + 0.5) and truncated to [1, max_value]; index 0 is k = 1.
std::vector<double> DiscreteLogNormalWeights(int max_value, double median, double sigma);

}  // namespace storepulse::synth

// Train / validation / test splits of the line revenue model.
//
// The random split puts each row in a bucket by hashing its index with the seed
// (splitmix64), not by shuffling: a row's side depends only on (seed, row), so a peer in
// another language (bench/peers/sklearn_train.py) reproduces the very same split.
#pragma once

#include <cstdint>
#include <vector>

#include "core/table.h"

namespace storepulse::ml {

struct RowSplit {
  std::vector<size_t> fit;         // what the candidates are fitted on
  std::vector<size_t> validation;  // what picks the better candidate
  std::vector<size_t> test;        // held out: what the evaluation reports
  // fit + validation, in row order: what the kept candidate is refitted on.
  std::vector<size_t> Training() const;
};

// splitmix64: a 64-bit mix with good avalanche (Steele, Lea, Flood 2014).
uint64_t SplitMix64(uint64_t x);

// The bucket 0..9999 of `row` for `seed`: SplitMix64(SplitMix64(seed) + row) % 10000.
uint32_t SplitBucket(uint64_t seed, uint64_t row);

// Random: rows with bucket < test_share*10000 are test, the next validation_share*10000
// buckets validation, the rest fit.
RowSplit RandomSplit(size_t rows, uint64_t seed, double test_share,
                     double validation_share);

// By time: the rows of the last test_share of the distinct sale dates are test, those of
// the validation_share of dates before them validation, the earlier ones fit.
RowSplit TimeSplit(const Table& table, double test_share, double validation_share);

}  // namespace storepulse::ml

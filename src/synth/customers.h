// Registered customers: who buys, how often, from where, and when they come and go.
//
// Customers sit in "slots" of Zipf-distributed activity: the first few slots are
// wholesalers who buy every week for the whole file, the long tail buys a handful of
// times. Each tail slot is taken by a succession of customers, each active for one
// to three years, so new customers keep arriving and old ones lapse (retention cohorts
// look like a real shop's) while the number active at any time stays steady.
#pragma once

#include <cstdint>
#include <vector>

#include "synth/countries.h"
#include "synth/random.h"

namespace storepulse::synth {

// The first customer id (the real export's smallest) and the last five-digit one.
inline constexpr uint32_t kFirstCustomerId = 12'346;
inline constexpr uint32_t kLastCustomerId = 99'999;

class CustomerPool {
 public:
  // Customers for a file of `rows` order lines over the days [first_day, last_day]:
  // about max(100, rows / 100) customer ids (at most the 87,654 five-digit ids from
  // kFirstCustomerId), of which about rows / 120 turn up in the file. Deterministic in
  // its arguments. REQUIRES: first_day <= last_day.
  CustomerPool(uint64_t seed, uint64_t rows, int64_t first_day, int64_t last_day);

  // A customer active on `day` (in [first_day, last_day]), drawn by activity; the
  // answer is an index in [0, size()).
  uint32_t Sample(Rng& rng, int64_t day) const {
    const Slot& slot = slots_[activity_.Sample(rng)];
    const int64_t generation = (day - first_day_ + slot.phase) / slot.lifetime;
    return slot.first_customer +
           static_cast<uint32_t>(generation - slot.first_generation);
  }

  // The CustomerID written in the file, kFirstCustomerId.. and unique per index.
  uint32_t id(uint32_t index) const {
    return kFirstCustomerId +
           static_cast<uint32_t>((uint64_t{index} * id_multiplier_ + id_offset_) %
                                 size());
  }
  CountryIndex country(uint32_t index) const { return countries_[index]; }
  uint32_t size() const { return static_cast<uint32_t>(countries_.size()); }

 private:
  struct Slot {
    int64_t lifetime;          // days each occupant stays active
    int64_t phase;             // days into an occupancy at first_day
    int64_t first_generation;  // occupancy number at first_day
    uint32_t first_customer;   // customer index of that occupant; later ones follow
  };

  int64_t first_day_;
  std::vector<Slot> slots_;
  AliasTable activity_;
  std::vector<CountryIndex> countries_;  // by customer index
  // id(index) is an affine bijection of [0, size()), so ids do not follow activity.
  uint64_t id_multiplier_ = 1;
  uint64_t id_offset_ = 0;
};

}  // namespace storepulse::synth

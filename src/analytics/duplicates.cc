#include "analytics/duplicates.h"

#include <absl/container/flat_hash_set.h>
#include <absl/hash/hash.h>
#include <oneapi/tbb/parallel_for.h>

#include <atomic>
#include <vector>

namespace storepulse::analytics {

namespace {

constexpr int kPartitionBits = 8;
constexpr size_t kPartitions = size_t{1} << kPartitionBits;

uint64_t HashRow(const Table& table, size_t row) {
  return absl::HashOf(table.invoice_codes()[row], table.stock_codes()[row],
                      table.description_codes()[row], table.quantities()[row],
                      table.timestamps()[row], table.unit_prices()[row],
                      table.customer_codes()[row], table.country_codes()[row]);
}

bool RowsEqual(const Table& table, uint32_t a, uint32_t b) {
  return table.invoice_codes()[a] == table.invoice_codes()[b] &&
         table.stock_codes()[a] == table.stock_codes()[b] &&
         table.description_codes()[a] == table.description_codes()[b] &&
         table.quantities()[a] == table.quantities()[b] &&
         table.timestamps()[a] == table.timestamps()[b] &&
         table.unit_prices()[a] == table.unit_prices()[b] &&
         table.customer_codes()[a] == table.customer_codes()[b] &&
         table.country_codes()[a] == table.country_codes()[b];
}

}  // namespace

uint64_t CountDuplicateRows(const Table& table) {
  const size_t rows = table.size();
  if (rows < 2) return 0;
  // Hash every row, then split rows by the hash's top bits so that each partition's set
  // fits in cache and partitions are deduplicated in parallel.
  std::vector<uint64_t> hashes(rows);
  tbb::parallel_for(tbb::blocked_range<size_t>(0, rows, 1 << 15),
                    [&](const tbb::blocked_range<size_t>& range) {
                      for (size_t row = range.begin(); row < range.end(); ++row) {
                        hashes[row] = HashRow(table, row);
                      }
                    });
  auto partition_of = [](uint64_t hash) { return hash >> (64 - kPartitionBits); };
  std::vector<uint32_t> counts(kPartitions, 0);
  for (uint64_t hash : hashes) ++counts[partition_of(hash)];
  std::vector<size_t> offsets(kPartitions + 1, 0);
  for (size_t p = 0; p < kPartitions; ++p) offsets[p + 1] = offsets[p] + counts[p];
  std::vector<uint32_t> ordered(rows);
  {
    std::vector<size_t> cursor(offsets.begin(), offsets.end() - 1);
    for (size_t row = 0; row < rows; ++row) {
      ordered[cursor[partition_of(hashes[row])]++] = static_cast<uint32_t>(row);
    }
  }
  std::atomic<uint64_t> duplicates{0};
  tbb::parallel_for(size_t{0}, kPartitions, [&](size_t p) {
    struct Hash {
      const std::vector<uint64_t>* hashes;
      size_t operator()(uint32_t row) const { return (*hashes)[row]; }
    };
    struct Eq {
      const Table* table;
      bool operator()(uint32_t a, uint32_t b) const { return RowsEqual(*table, a, b); }
    };
    absl::flat_hash_set<uint32_t, Hash, Eq> seen(counts[p], Hash{&hashes}, Eq{&table});
    uint64_t local = 0;
    for (size_t i = offsets[p]; i < offsets[p + 1]; ++i) {
      if (!seen.insert(ordered[i]).second) ++local;
    }
    duplicates.fetch_add(local, std::memory_order_relaxed);
  });
  return duplicates.load();
}

}  // namespace storepulse::analytics

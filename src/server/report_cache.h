// Rendered /api/v1 answers, kept per (route, parameters) so that a repeated GET costs a
// hash lookup and a copy. Reports are rendered one at a time (the analytics context is
// not thread-safe); errors are not kept. The cache holds at most kMaxEntries answers:
// past that, answers are rendered each time (parameters such as ?top=N are unbounded).
//
// Thread safety: safe from many threads.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <shared_mutex>
#include <string>

#include <absl/container/flat_hash_map.h>

#include "core/status.h"
#include "server/warehouse_data.h"

namespace storepulse::server {

// Hits and misses of every cache a server has had: each reload of the warehouse data
// brings a new cache, and the counts must not start again from zero.
struct ReportCacheCounters {
  std::atomic<uint64_t> hits{0};
  std::atomic<uint64_t> misses{0};
};

class ReportCache {
 public:
  static constexpr size_t kMaxEntries = 4096;

  // REQUIRES: `data` and `counters` outlive the cache.
  ReportCache(WarehouseData* data, ReportCacheCounters* counters)
      : data_(data), counters_(counters) {}

  // The answer kept under `key`, or render(context)'s, kept when it succeeds.
  using Render = std::function<Result<std::string>(WarehouseData&)>;
  Result<std::shared_ptr<const std::string>> Get(const std::string& key,
                                                 const Render& render);

 private:
  WarehouseData* const data_;
  ReportCacheCounters* const counters_;
  std::mutex render_mutex_;  // one render at a time
  mutable std::shared_mutex mutex_;
  absl::flat_hash_map<std::string, std::shared_ptr<const std::string>> entries_;
};

}  // namespace storepulse::server

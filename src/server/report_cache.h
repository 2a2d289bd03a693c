// Rendered /api/v1 answers, kept per (route, parameters) so that a repeated GET costs a
// hash lookup and a copy. Reports are rendered one at a time (the analytics context is
// not thread-safe); errors are not kept. The cache holds at most kMaxEntries answers:
// past that, answers are rendered each time (parameters such as ?top=N are unbounded).
//
// Thread safety: safe from many threads.
#pragma once

#include <functional>
#include <memory>
#include <mutex>
#include <shared_mutex>
#include <string>

#include <absl/container/flat_hash_map.h>

#include "core/status.h"
#include "server/warehouse_data.h"

namespace storepulse::server {

class ReportCache {
 public:
  static constexpr size_t kMaxEntries = 4096;

  // REQUIRES: `data` outlives the cache.
  explicit ReportCache(WarehouseData* data) : data_(data) {}

  // The answer kept under `key`, or render(context)'s, kept when it succeeds.
  using Render = std::function<Result<std::string>(WarehouseData&)>;
  Result<std::shared_ptr<const std::string>> Get(const std::string& key,
                                                 const Render& render);

  uint64_t hits() const { return hits_.load(std::memory_order_relaxed); }
  uint64_t misses() const { return misses_.load(std::memory_order_relaxed); }

 private:
  WarehouseData* const data_;
  std::mutex render_mutex_;  // one render at a time
  mutable std::shared_mutex mutex_;
  absl::flat_hash_map<std::string, std::shared_ptr<const std::string>> entries_;
  std::atomic<uint64_t> hits_{0};
  std::atomic<uint64_t> misses_{0};
};

}  // namespace storepulse::server

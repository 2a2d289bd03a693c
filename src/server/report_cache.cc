#include "server/report_cache.h"

namespace storepulse::server {

Result<std::shared_ptr<const std::string>> ReportCache::Get(const std::string& key,
                                                            const Render& render) {
  {
    std::shared_lock lock(mutex_);
    const auto found = entries_.find(key);
    if (found != entries_.end()) {
      counters_->hits.fetch_add(1, std::memory_order_relaxed);
      return found->second;
    }
  }
  std::lock_guard render_lock(render_mutex_);
  {
    // Another request may have rendered it while this one waited.
    std::shared_lock lock(mutex_);
    const auto found = entries_.find(key);
    if (found != entries_.end()) {
      counters_->hits.fetch_add(1, std::memory_order_relaxed);
      return found->second;
    }
  }
  counters_->misses.fetch_add(1, std::memory_order_relaxed);
  SP_ASSIGN_OR_RETURN(std::string body, render(*data_));
  auto shared = std::make_shared<const std::string>(std::move(body));
  std::unique_lock lock(mutex_);
  if (entries_.size() < kMaxEntries) entries_.emplace(key, shared);
  return shared;
}

}  // namespace storepulse::server

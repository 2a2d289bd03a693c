// The analytics of one table, computed once and shared: each report asks for what it
// needs and pieces are computed on first use. Not thread-safe; ComputeAll() computes
// every piece in parallel up front, for the batch job.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "analytics/cohorts.h"
#include "analytics/customer_summary.h"
#include "analytics/daily_metrics.h"
#include "analytics/day_groups.h"
#include "analytics/group_summary.h"
#include "analytics/rfm.h"
#include "analytics/seasonality.h"
#include "analytics/segments.h"
#include "core/status.h"
#include "core/table.h"

namespace storepulse::analytics {

class AnalyticsContext {
 public:
  // REQUIRES: `table` outlives the context.
  explicit AnalyticsContext(const Table& table) : table_(table) {}

  const Table& table() const { return table_; }
  const DayGroups& days();
  const std::vector<DailyMetrics>& daily();
  const std::vector<CustomerSummary>& customers();
  const Segmentation& segmentation();
  const std::vector<RfmScore>& rfm();
  const Retention& retention();
  const std::vector<GroupSummary>& products();
  const std::vector<GroupSummary>& countries();
  const Seasonality& seasonality();
  // The most frequent description of each stock code (description_tally.h), by code.
  const std::vector<uint32_t>& product_descriptions();

  void ComputeAll();

  // The day a report is about: `requested`, or the last day with sales. NotFound, naming
  // the range of the data, when the requested day has no sales or there are none.
  Result<int64_t> ResolveDay(std::optional<int64_t> requested);

 private:
  const Table& table_;
  std::optional<DayGroups> days_;
  std::optional<std::vector<DailyMetrics>> daily_;
  std::optional<std::vector<CustomerSummary>> customers_;
  std::optional<Segmentation> segmentation_;
  std::optional<std::vector<RfmScore>> rfm_;
  std::optional<Retention> retention_;
  std::optional<std::vector<GroupSummary>> products_;
  std::optional<std::vector<GroupSummary>> countries_;
  std::optional<Seasonality> seasonality_;
  std::optional<std::vector<uint32_t>> product_descriptions_;
};

}  // namespace storepulse::analytics

#include "analytics/analytics_context.h"

#include "analytics/description_tally.h"

#include <fmt/format.h>
#include <oneapi/tbb/parallel_invoke.h>

namespace storepulse::analytics {

const DayGroups& AnalyticsContext::days() {
  if (!days_) days_ = DayGroups::Build(table_);
  return *days_;
}

const std::vector<DailyMetrics>& AnalyticsContext::daily() {
  if (!daily_) daily_ = ComputeDailyMetrics(table_, days());
  return *daily_;
}

const std::vector<CustomerSummary>& AnalyticsContext::customers() {
  if (!customers_) customers_ = SummariseCustomers(table_);
  return *customers_;
}

const Segmentation& AnalyticsContext::segmentation() {
  if (!segmentation_) segmentation_ = SegmentCustomers(customers());
  return *segmentation_;
}

const std::vector<RfmScore>& AnalyticsContext::rfm() {
  if (!rfm_) rfm_ = ScoreRfm(customers(), days().last_day() + 1);
  return *rfm_;
}

const Retention& AnalyticsContext::retention() {
  if (!retention_) retention_ = ComputeRetention(table_, customers());
  return *retention_;
}

const std::vector<GroupSummary>& AnalyticsContext::products() {
  if (!products_) {
    products_ = SummariseGroups<uint32_t>(table_, table_.stock_codes(),
                                          table_.stock_codes_dictionary().size());
  }
  return *products_;
}

const std::vector<GroupSummary>& AnalyticsContext::countries() {
  if (!countries_) {
    countries_ = SummariseGroups<uint16_t>(table_, table_.country_codes(),
                                           table_.countries().size());
  }
  return *countries_;
}

const Seasonality& AnalyticsContext::seasonality() {
  if (!seasonality_) seasonality_ = ComputeSeasonality(table_, days());
  return *seasonality_;
}

const std::vector<uint32_t>& AnalyticsContext::product_descriptions() {
  if (!product_descriptions_) {
    DescriptionTally tally(table_.stock_codes_dictionary().size());
    const auto stocks = table_.stock_codes();
    const auto descriptions = table_.description_codes();
    for (size_t row = 0; row < table_.size(); ++row)
      tally.Add(stocks[row], descriptions[row]);
    product_descriptions_ = tally.TakeAll();
  }
  return *product_descriptions_;
}

void AnalyticsContext::ComputeAll() {
  days();
  customers();
  tbb::parallel_invoke([this] { daily(); }, [this] { segmentation(); }, [this] { rfm(); },
                       [this] { retention(); }, [this] { products(); },
                       [this] { countries(); }, [this] { seasonality(); },
                       [this] { product_descriptions(); });
}

Result<int64_t> AnalyticsContext::ResolveDay(std::optional<int64_t> requested) {
  const DayGroups& groups = days();
  if (groups.span() == 0) return Status::NotFound("the data has no clean order lines");
  if (!requested) return groups.last_day();
  if (!groups.HasSales(*requested)) {
    return Status::NotFound(fmt::format(
        "no sales on {}: the data has sales from {} to {}", FormatIsoDate(*requested),
        FormatIsoDate(groups.first_day()), FormatIsoDate(groups.last_day())));
  }
  return *requested;
}

}  // namespace storepulse::analytics

// The warehouse's metric tables filled from the analytics of one table: one MetricRows
// per table of the schema (daily_metrics, customer_metrics, product_metrics,
// country_metrics, cohort_retention).
#pragma once

#include <vector>

#include "analytics/analytics_context.h"
#include "storage/batch_load.h"

namespace storepulse::storage {

std::vector<MetricRows> MetricRowsOf(analytics::AnalyticsContext& context);

}  // namespace storepulse::storage

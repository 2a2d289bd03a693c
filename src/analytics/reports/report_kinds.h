// The render function of each report kind, registered in report_registry.cc.
#pragma once

#include "analytics/report_registry.h"

namespace storepulse::analytics {

Result<RenderedReport> RenderDailyReport(AnalyticsContext& context,
                                         const ReportOptions& options);
Result<RenderedReport> RenderWeeklyReport(AnalyticsContext& context,
                                          const ReportOptions& options);
Result<RenderedReport> RenderSegmentsReport(AnalyticsContext& context,
                                            const ReportOptions& options);
Result<RenderedReport> RenderRfmReport(AnalyticsContext& context,
                                       const ReportOptions& options);
Result<RenderedReport> RenderProductsReport(AnalyticsContext& context,
                                            const ReportOptions& options);
Result<RenderedReport> RenderCountriesReport(AnalyticsContext& context,
                                             const ReportOptions& options);
Result<RenderedReport> RenderCohortsReport(AnalyticsContext& context,
                                           const ReportOptions& options);
Result<RenderedReport> RenderSeasonalityReport(AnalyticsContext& context,
                                               const ReportOptions& options);

}  // namespace storepulse::analytics

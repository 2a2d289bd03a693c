#include "analytics/report_registry.h"

#include "analytics/reports/report_kinds.h"

namespace storepulse::analytics {

const std::vector<ReportKind>& ReportKinds() {
  static const std::vector<ReportKind> kKinds = {
      {"daily",
       "One day: revenue, orders, lines, customers, peak hour, top customers, products "
       "and countries",
       RenderDailyReport},
      {"weekly", "The 7 days ending on a date, with growth; and every ISO week",
       RenderWeeklyReport},
      {"segments",
       "Customer tiers by revenue (VIP, High, Medium, Low Value) and their thresholds",
       RenderSegmentsReport},
      {"rfm", "Recency, frequency, monetary scores and segments per customer",
       RenderRfmReport},
      {"products", "Revenue, units, orders and customers per product",
       RenderProductsReport},
      {"countries", "Revenue, orders, customers and average order value per country",
       RenderCountriesReport},
      {"cohorts", "Monthly acquisition cohorts and their retention; repeat-purchase rate",
       RenderCohortsReport},
      {"seasonality",
       "Revenue by hour and weekday, weekday profile, monthly revenue and orders",
       RenderSeasonalityReport},
  };
  return kKinds;
}

const ReportKind* FindReportKind(std::string_view name) {
  for (const ReportKind& kind : ReportKinds()) {
    if (kind.name == name) return &kind;
  }
  return nullptr;
}

double JsonMoney(const MoneySum& amount) { return amount.ToJsonNumber(); }
double JsonCents(WideInt cents) { return CentsToJsonNumber(cents); }
std::string DisplayMoney(const MoneySum& amount) {
  return FormatCentsForDisplay(amount.RoundedCents());
}

}  // namespace storepulse::analytics

// Customer tiers by revenue.
#include <fmt/format.h>

#include "analytics/reports/report_kinds.h"
#include "core/csv_writer.h"
#include "core/number_format.h"
#include "core/text_table.h"

namespace storepulse::analytics {

Result<RenderedReport> RenderSegmentsReport(AnalyticsContext& context,
                                            const ReportOptions&) {
  const Segmentation& s = context.segmentation();
  RenderedReport rendered;
  nlohmann::ordered_json tiers = nlohmann::ordered_json::object();
  for (size_t t = 0; t < kTierCount; ++t) {
    const TierFigures& f = s.tiers[t];
    tiers[std::string(TierName(static_cast<Tier>(t)))] = {
        {"customers", f.customers},
        {"revenue", JsonMoney(f.revenue)},
        {"mean_revenue", JsonCents(f.mean_revenue_cents)},
        {"mean_orders", std::round(f.mean_orders * 100.0) / 100.0}};
  }
  rendered.json = {{"customers", context.customers().size()},
                   {"tiers", std::move(tiers)},
                   {"thresholds",
                    {{"high_value_min_p67", s.p67},
                     {"medium_value_min_p33", s.p33},
                     {"vip_min_p95", s.p95}}},
                   {"method",
                    "percentiles of per-customer revenue rounded to the penny, linear "
                    "interpolation (NumPy/pandas default)"}};

  std::string text = fmt::format(
      "Customer segments ({} customers) by revenue per customer\n"
      "  thresholds: VIP >= £{:.2f} (p95), High Value >= £{:.2f} (p67), Medium Value >= "
      "£{:.2f} (p33)\n\n",
      FormatCount(static_cast<int64_t>(context.customers().size())), s.p95, s.p67, s.p33);
  TextTable table({{"tier"},
                   {"customers", TextTable::Align::kRight},
                   {"revenue", TextTable::Align::kRight},
                   {"mean revenue", TextTable::Align::kRight},
                   {"mean orders", TextTable::Align::kRight}});
  CsvWriter csv;
  csv.Field("tier")
      .Field("customers")
      .Field("revenue")
      .Field("mean_revenue")
      .Field("mean_orders");
  csv.EndRow();
  for (size_t t = 0; t < kTierCount; ++t) {
    const TierFigures& f = s.tiers[t];
    const std::string name(TierName(static_cast<Tier>(t)));
    table.AddRow({name, FormatCount(static_cast<int64_t>(f.customers)),
                  DisplayMoney(f.revenue), FormatCentsForDisplay(f.mean_revenue_cents),
                  fmt::format("{:.2f}", f.mean_orders)});
    csv.Field(name).Field(f.customers).Field(f.revenue.ToString());
    csv.Field(FormatCents(f.mean_revenue_cents)).Field(f.mean_orders, 2).EndRow();
  }
  rendered.text = text + table.Render();
  rendered.csv = csv.Take();
  return rendered;
}

}  // namespace storepulse::analytics

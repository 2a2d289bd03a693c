// Retention cohorts: customers by month of first order, and the share still ordering
// k months later.
#include <fmt/format.h>

#include "analytics/reports/report_kinds.h"
#include "core/csv_writer.h"
#include "core/number_format.h"
#include "core/text_table.h"

namespace storepulse::analytics {

Result<RenderedReport> RenderCohortsReport(AnalyticsContext& context,
                                           const ReportOptions&) {
  const Retention& retention = context.retention();
  RenderedReport rendered;
  nlohmann::ordered_json cohorts = nlohmann::ordered_json::array();
  CsvWriter csv;
  csv.Field("cohort_month")
      .Field("months_since")
      .Field("customers")
      .Field("active_customers");
  csv.Field("retention_rate").EndRow();
  size_t widest = 0;
  for (const Cohort& c : retention.cohorts) widest = std::max(widest, c.active.size());
  std::vector<TextTable::Column> columns = {{"cohort"},
                                            {"customers", TextTable::Align::kRight}};
  for (size_t k = 0; k < widest; ++k)
    columns.push_back({fmt::format("m{}", k), TextTable::Align::kRight});
  TextTable table(columns);
  for (const Cohort& c : retention.cohorts) {
    const std::string month = fmt::format("{:04d}-{:02d}", c.year, c.month);
    nlohmann::ordered_json active = nlohmann::ordered_json::array();
    nlohmann::ordered_json rates = nlohmann::ordered_json::array();
    std::vector<std::string> cells = {month,
                                      FormatCount(static_cast<int64_t>(c.customers))};
    for (size_t k = 0; k < c.active.size(); ++k) {
      const double rate =
          static_cast<double>(c.active[k]) / static_cast<double>(c.customers);
      active.push_back(c.active[k]);
      rates.push_back(std::round(rate * 10000.0) / 10000.0);
      cells.push_back(fmt::format("{:.0f}%", rate * 100.0));
      csv.Field(fmt::format("{}-01", month))
          .Field(static_cast<uint64_t>(k))
          .Field(c.customers);
      csv.Field(c.active[k]).Field(rate, 4).EndRow();
    }
    cells.resize(columns.size());
    table.AddRow(std::move(cells));
    cohorts.push_back({{"cohort", month},
                       {"customers", c.customers},
                       {"active", std::move(active)},
                       {"retention", std::move(rates)}});
  }
  rendered.json = {{"customers", retention.customers},
                   {"repeat_customers", retention.repeat_customers},
                   {"repeat_purchase_rate",
                    std::round(retention.repeat_purchase_rate * 10000.0) / 10000.0},
                   {"cohorts", std::move(cohorts)}};
  rendered.text = fmt::format(
                      "Retention by monthly acquisition cohort (share of the cohort "
                      "ordering k months "
                      "after its first month)\n  repeat-purchase rate: {:.1f}% ({} of {} "
                      "customers ordered "
                      "twice or more)\n\n",
                      retention.repeat_purchase_rate * 100.0,
                      FormatCount(static_cast<int64_t>(retention.repeat_customers)),
                      FormatCount(static_cast<int64_t>(retention.customers))) +
                  table.Render();
  rendered.csv = csv.Take();
  return rendered;
}

}  // namespace storepulse::analytics

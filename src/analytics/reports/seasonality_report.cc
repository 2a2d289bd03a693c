// Seasonality: when the shop sells.
#include <fmt/format.h>

#include "analytics/reports/report_kinds.h"
#include "core/csv_writer.h"
#include "core/number_format.h"
#include "core/text_table.h"

namespace storepulse::analytics {

namespace {

constexpr const char* kWeekdays[] = {"Monday", "Tuesday",  "Wednesday", "Thursday",
                                     "Friday", "Saturday", "Sunday"};

}  // namespace

Result<RenderedReport> RenderSeasonalityReport(AnalyticsContext& context,
                                               const ReportOptions&) {
  const Seasonality& s = context.seasonality();
  RenderedReport rendered;
  nlohmann::ordered_json matrix = nlohmann::ordered_json::array();
  for (const auto& hours : s.revenue_by_weekday_hour) {
    nlohmann::ordered_json row = nlohmann::ordered_json::array();
    for (const MoneySum& cell : hours) row.push_back(JsonMoney(cell));
    matrix.push_back(std::move(row));
  }
  nlohmann::ordered_json weekdays = nlohmann::ordered_json::array();
  TextTable weekday_table({{"weekday"},
                           {"revenue", TextTable::Align::kRight},
                           {"orders", TextTable::Align::kRight},
                           {"lines", TextTable::Align::kRight}});
  for (int d = 0; d < 7; ++d) {
    const WeekdayFigures& w = s.weekdays[d];
    weekdays.push_back({{"weekday", kWeekdays[d]},
                        {"revenue", JsonMoney(w.revenue)},
                        {"orders", w.orders},
                        {"lines", w.lines}});
    weekday_table.AddRow({kWeekdays[d], DisplayMoney(w.revenue),
                          FormatCount(static_cast<int64_t>(w.orders)),
                          FormatCount(static_cast<int64_t>(w.lines))});
  }
  nlohmann::ordered_json hours = nlohmann::ordered_json::array();
  TextTable hour_table({{"hour"}, {"revenue", TextTable::Align::kRight}});
  for (int h = 0; h < 24; ++h) {
    hours.push_back(JsonMoney(s.revenue_by_hour[h]));
    if (s.revenue_by_hour[h].units() != 0) {
      hour_table.AddRow(
          {fmt::format("{:02d}:00", h), DisplayMoney(s.revenue_by_hour[h])});
    }
  }
  nlohmann::ordered_json months = nlohmann::ordered_json::array();
  TextTable month_table({{"month"},
                         {"revenue", TextTable::Align::kRight},
                         {"orders", TextTable::Align::kRight},
                         {"customers", TextTable::Align::kRight}});
  CsvWriter csv;
  csv.Field("month")
      .Field("revenue")
      .Field("orders")
      .Field("lines")
      .Field("customers")
      .EndRow();
  for (const MonthFigures& m : s.months) {
    const std::string month = fmt::format("{:04d}-{:02d}", m.year, m.month);
    months.push_back({{"month", month},
                      {"revenue", JsonMoney(m.revenue)},
                      {"orders", m.orders},
                      {"lines", m.lines},
                      {"customers", m.customers}});
    month_table.AddRow({month, DisplayMoney(m.revenue),
                        FormatCount(static_cast<int64_t>(m.orders)),
                        FormatCount(static_cast<int64_t>(m.customers))});
    csv.Field(month)
        .Field(m.revenue.ToString())
        .Field(m.orders)
        .Field(m.lines)
        .Field(m.customers);
    csv.EndRow();
  }
  rendered.json = {{"revenue_by_weekday_hour", std::move(matrix)},
                   {"weekdays", std::move(weekdays)},
                   {"revenue_by_hour", std::move(hours)},
                   {"months", std::move(months)}};
  rendered.text = "Revenue by weekday\n" + weekday_table.Render() +
                  "\nRevenue by hour of day\n" + hour_table.Render() +
                  "\nRevenue by month\n" + month_table.Render();
  rendered.csv = csv.Take();
  return rendered;
}

}  // namespace storepulse::analytics

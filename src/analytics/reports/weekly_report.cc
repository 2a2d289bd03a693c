// Weekly trends: the seven days ending on a date, and every ISO week.
#include <fmt/format.h>

#include "analytics/reports/report_kinds.h"
#include "analytics/weekly_trends.h"
#include "core/csv_writer.h"
#include "core/number_format.h"
#include "core/text_table.h"

namespace storepulse::analytics {

namespace {

nlohmann::ordered_json TotalsJson(const PeriodTotals& t) {
  return {{"revenue", JsonMoney(t.revenue)},
          {"orders", t.orders},
          {"lines", t.lines},
          {"customers", t.customers},
          {"quantity", t.quantity}};
}

nlohmann::ordered_json OptionalNumber(const std::optional<double>& value) {
  if (!value) return nullptr;
  return std::round(*value * 100.0) / 100.0;
}

std::string Percent(const std::optional<double>& value) {
  return value ? fmt::format("{:+.1f}%", *value) : "n/a";
}

}  // namespace

Result<RenderedReport> RenderWeeklyReport(AnalyticsContext& context,
                                          const ReportOptions& options) {
  SP_ASSIGN_OR_RETURN(const int64_t end_day, context.ResolveDay(options.day));
  const WeeklyTrends trends =
      ComputeWeeklyTrends(context.table(), context.days(), context.daily(), end_day);
  const std::vector<IsoWeek> weeks = ComputeIsoWeeks(context.table(), context.days());

  RenderedReport rendered;
  nlohmann::ordered_json days = nlohmann::ordered_json::array();
  for (const DailyMetrics& d : trends.days) {
    days.push_back({{"date", FormatIsoDate(d.day)},
                    {"weekday", WeekdayOfDay(d.day)},
                    {"revenue", JsonMoney(d.revenue)},
                    {"orders", d.orders},
                    {"lines", d.lines},
                    {"customers", d.customers}});
  }
  nlohmann::ordered_json iso_weeks = nlohmann::ordered_json::array();
  for (const IsoWeek& w : weeks) {
    nlohmann::ordered_json week = {{"iso_year", w.iso_year},
                                   {"week", w.week},
                                   {"start", FormatIsoDate(w.first_day)}};
    week.update(TotalsJson(w.totals));
    iso_weeks.push_back(std::move(week));
  }
  rendered.json = {
      {"start", FormatIsoDate(trends.first_day)},
      {"end", FormatIsoDate(trends.last_day)},
      {"days", std::move(days)},
      {"total", TotalsJson(trends.total)},
      {"previous_week", TotalsJson(trends.previous)},
      {"growth_first_to_last_day_percent",
       OptionalNumber(trends.growth_first_to_last_day)},
      {"growth_vs_previous_week_percent", OptionalNumber(trends.growth_vs_previous_week)},
      {"iso_weeks", std::move(iso_weeks)}};

  static constexpr const char* kWeekdays[] = {"Mon", "Tue", "Wed", "Thu",
                                              "Fri", "Sat", "Sun"};
  std::string text =
      fmt::format("Weekly trends: {} to {}\n", FormatIsoDate(trends.first_day),
                  FormatIsoDate(trends.last_day));
  TextTable table({{"date"},
                   {"day"},
                   {"revenue", TextTable::Align::kRight},
                   {"orders", TextTable::Align::kRight},
                   {"lines", TextTable::Align::kRight},
                   {"customers", TextTable::Align::kRight}});
  for (const DailyMetrics& d : trends.days) {
    table.AddRow({FormatIsoDate(d.day), kWeekdays[WeekdayOfDay(d.day)],
                  DisplayMoney(d.revenue), FormatCount(static_cast<int64_t>(d.orders)),
                  FormatCount(static_cast<int64_t>(d.lines)),
                  FormatCount(static_cast<int64_t>(d.customers))});
  }
  table.AddRow({"total", "", DisplayMoney(trends.total.revenue),
                FormatCount(static_cast<int64_t>(trends.total.orders)),
                FormatCount(static_cast<int64_t>(trends.total.lines)),
                FormatCount(static_cast<int64_t>(trends.total.customers))});
  text += table.Render();
  text += fmt::format("\n  growth, first to last trading day: {}\n",
                      Percent(trends.growth_first_to_last_day));
  text += fmt::format("  growth against the previous 7 days ({}): {}\n",
                      DisplayMoney(trends.previous.revenue),
                      Percent(trends.growth_vs_previous_week));
  rendered.text = std::move(text);

  CsvWriter csv;
  csv.Field("iso_year").Field("week").Field("start").Field("revenue").Field("orders");
  csv.Field("lines").Field("customers").Field("quantity").EndRow();
  for (const IsoWeek& w : weeks) {
    csv.Field(w.iso_year).Field(w.week).Field(FormatIsoDate(w.first_day));
    csv.Field(w.totals.revenue.ToString()).Field(w.totals.orders).Field(w.totals.lines);
    csv.Field(w.totals.customers).Field(w.totals.quantity).EndRow();
  }
  rendered.csv = csv.Take();
  return rendered;
}

}  // namespace storepulse::analytics

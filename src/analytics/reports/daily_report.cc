// The daily report: the prototype's layout, with truthful labels (an order is an invoice,
// a line a row).
#include <fmt/format.h>

#include "analytics/reports/report_kinds.h"
#include "core/csv_writer.h"
#include "core/number_format.h"
#include "core/text_table.h"

namespace storepulse::analytics {

namespace {

nlohmann::ordered_json DayJson(const DailyMetrics& m) {
  return {{"date", FormatIsoDate(m.day)},
          {"revenue", JsonMoney(m.revenue)},
          {"orders", m.orders},
          {"lines", m.lines},
          {"customers", m.customers},
          {"products", m.products},
          {"quantity", m.quantity},
          {"countries", m.countries},
          {"average_order_value", JsonCents(m.average_order_value_cents)},
          {"average_line_value", JsonCents(m.average_line_value_cents)},
          {"peak_hour", m.peak_hour},
          {"peak_hour_revenue", JsonMoney(m.peak_hour_revenue)}};
}

std::string DayText(const DailyReport& report) {
  const DailyMetrics& m = report.metrics;
  const std::string rule(50, '=');
  std::string text =
      fmt::format("{}\nDAILY E-COMMERCE ANALYTICS REPORT\n{}\n", rule, rule);
  TextTable figures({{""}, {"", TextTable::Align::kRight}});
  figures.AddRow({"Date:", FormatIsoDate(m.day)});
  figures.AddRow({"Total Revenue:", DisplayMoney(m.revenue)});
  figures.AddRow(
      {"Orders (distinct invoices):", FormatCount(static_cast<int64_t>(m.orders))});
  figures.AddRow({"Order Lines:", FormatCount(static_cast<int64_t>(m.lines))});
  figures.AddRow({"Unique Customers:", FormatCount(static_cast<int64_t>(m.customers))});
  figures.AddRow({"Unique Products:", FormatCount(static_cast<int64_t>(m.products))});
  figures.AddRow({"Units Sold:", FormatCount(m.quantity)});
  figures.AddRow({"Countries:", FormatCount(static_cast<int64_t>(m.countries))});
  figures.AddRow(
      {"Avg Order Value:", FormatCentsForDisplay(m.average_order_value_cents)});
  figures.AddRow({"Avg Line Value:", FormatCentsForDisplay(m.average_line_value_cents)});
  figures.AddRow({"Peak Hour:", fmt::format("{:02d}:00 ({})", m.peak_hour,
                                            DisplayMoney(m.peak_hour_revenue))});
  text += figures.Render("", false);

  text += "\nTop customers by revenue\n";
  TextTable customers({{"#", TextTable::Align::kRight},
                       {"customer"},
                       {"orders", TextTable::Align::kRight},
                       {"revenue", TextTable::Align::kRight}});
  for (size_t i = 0; i < report.top_customers.size(); ++i) {
    const auto& c = report.top_customers[i];
    customers.AddRow({std::to_string(i + 1), c.customer_id, std::to_string(c.orders),
                      DisplayMoney(c.revenue)});
  }
  text += customers.Render();
  text += "\nTop products by revenue\n";
  TextTable products({{"#", TextTable::Align::kRight},
                      {"stock code"},
                      {"description"},
                      {"units", TextTable::Align::kRight},
                      {"revenue", TextTable::Align::kRight}});
  for (size_t i = 0; i < report.top_products.size(); ++i) {
    const auto& p = report.top_products[i];
    products.AddRow({std::to_string(i + 1), p.stock_code, p.description,
                     FormatCount(p.quantity), DisplayMoney(p.revenue)});
  }
  text += products.Render();
  text += "\nTop countries by revenue\n";
  TextTable countries({{"#", TextTable::Align::kRight},
                       {"country"},
                       {"orders", TextTable::Align::kRight},
                       {"revenue", TextTable::Align::kRight}});
  for (size_t i = 0; i < report.top_countries.size(); ++i) {
    const auto& c = report.top_countries[i];
    countries.AddRow({std::to_string(i + 1), c.country, std::to_string(c.orders),
                      DisplayMoney(c.revenue)});
  }
  text += countries.Render();
  return text;
}

}  // namespace

Result<RenderedReport> RenderDailyReport(AnalyticsContext& context,
                                         const ReportOptions& options) {
  SP_ASSIGN_OR_RETURN(const int64_t day, context.ResolveDay(options.day));
  const DailyReport report =
      ComputeDailyReport(context.table(), context.days(), day, options.top);
  RenderedReport rendered;
  rendered.json = DayJson(report.metrics);
  nlohmann::ordered_json customers = nlohmann::ordered_json::array();
  for (const auto& c : report.top_customers) {
    customers.push_back({{"customer_id", c.customer_id},
                         {"revenue", JsonMoney(c.revenue)},
                         {"orders", c.orders}});
  }
  nlohmann::ordered_json products = nlohmann::ordered_json::array();
  for (const auto& p : report.top_products) {
    products.push_back({{"stock_code", p.stock_code},
                        {"description", p.description},
                        {"revenue", JsonMoney(p.revenue)},
                        {"quantity", p.quantity}});
  }
  nlohmann::ordered_json countries = nlohmann::ordered_json::array();
  for (const auto& c : report.top_countries) {
    countries.push_back({{"country", c.country},
                         {"revenue", JsonMoney(c.revenue)},
                         {"orders", c.orders}});
  }
  rendered.json["top_customers"] = std::move(customers);
  rendered.json["top_products"] = std::move(products);
  rendered.json["top_countries"] = std::move(countries);
  if (options.every_day) {
    nlohmann::ordered_json days = nlohmann::ordered_json::array();
    for (const DailyMetrics& m : context.daily()) {
      days.push_back({{"date", FormatIsoDate(m.day)},
                      {"revenue", JsonMoney(m.revenue)},
                      {"orders", m.orders},
                      {"lines", m.lines},
                      {"customers", m.customers}});
    }
    rendered.json["days"] = std::move(days);
  }
  rendered.text = DayText(report);

  // CSV: the metrics of every day, for spreadsheets and BI tools.
  CsvWriter csv;
  csv.Field("date").Field("revenue").Field("orders").Field("lines").Field("customers");
  csv.Field("products").Field("quantity").Field("countries").Field("average_order_value");
  csv.Field("average_line_value").Field("peak_hour").Field("peak_hour_revenue").EndRow();
  for (const DailyMetrics& m : context.daily()) {
    csv.Field(FormatIsoDate(m.day))
        .Field(m.revenue.ToString())
        .Field(m.orders)
        .Field(m.lines);
    csv.Field(m.customers).Field(m.products).Field(m.quantity).Field(m.countries);
    csv.Field(FormatCents(m.average_order_value_cents));
    csv.Field(FormatCents(m.average_line_value_cents)).Field(m.peak_hour);
    csv.Field(m.peak_hour_revenue.ToString()).EndRow();
  }
  rendered.csv = csv.Take();
  return rendered;
}

}  // namespace storepulse::analytics

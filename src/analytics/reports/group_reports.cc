// Products and countries: the same per-key summary with different keys.
#include <fmt/format.h>

#include "analytics/reports/report_kinds.h"
#include "core/csv_writer.h"
#include "core/number_format.h"
#include "core/text_table.h"

namespace storepulse::analytics {

namespace {

struct GroupReportSpec {
  const char* title;
  const char* key_name;  // JSON/CSV name of the key
  bool products;         // products add a description column
};

RenderedReport RenderGroups(AnalyticsContext& context,
                            const std::vector<GroupSummary>& groups,
                            const StringDictionary& keys, const GroupReportSpec& spec,
                            size_t top) {
  const std::vector<uint32_t> all = RankByRevenue(groups, 0);
  const size_t shown = top == 0 ? all.size() : std::min(top, all.size());
  MoneySum total;
  for (const GroupSummary& g : groups) total.Merge(g.revenue);
  auto description = [&](uint32_t code) {
    return spec.products ? std::string(context.table().descriptions().Get(
                               context.product_descriptions()[code]))
                         : std::string();
  };
  RenderedReport rendered;
  nlohmann::ordered_json rows = nlohmann::ordered_json::array();
  std::vector<TextTable::Column> columns = {{"#", TextTable::Align::kRight},
                                            {spec.key_name}};
  if (spec.products) columns.push_back({"description"});
  for (const char* title :
       {"revenue", "share", "units", "orders", "customers", "avg order"}) {
    columns.push_back({title, TextTable::Align::kRight});
  }
  TextTable table(columns);
  CsvWriter csv;
  csv.Field(spec.key_name);
  if (spec.products) csv.Field("description");
  csv.Field("revenue")
      .Field("quantity")
      .Field("orders")
      .Field("customers")
      .Field("lines");
  csv.Field("average_order_value").EndRow();
  for (size_t rank = 0; rank < all.size(); ++rank) {
    const GroupSummary& g = groups[all[rank]];
    const std::string key(keys.Get(g.code));
    csv.Field(key);
    if (spec.products) csv.Field(description(g.code));
    csv.Field(g.revenue.ToString()).Field(g.quantity).Field(g.orders).Field(g.customers);
    csv.Field(g.lines).Field(FormatCents(g.average_order_value_cents)).EndRow();
    if (rank >= shown) continue;
    nlohmann::ordered_json row = {{spec.key_name, key}};
    if (spec.products) row["description"] = description(g.code);
    row["revenue"] = JsonMoney(g.revenue);
    row["quantity"] = g.quantity;
    row["orders"] = g.orders;
    row["customers"] = g.customers;
    row["lines"] = g.lines;
    row["average_order_value"] = JsonCents(g.average_order_value_cents);
    rows.push_back(std::move(row));
    std::vector<std::string> cells = {std::to_string(rank + 1), key};
    if (spec.products) cells.push_back(description(g.code));
    const double share = total.units() == 0
                             ? 0.0
                             : 100.0 * static_cast<double>(g.revenue.units()) /
                                   static_cast<double>(total.units());
    for (std::string cell :
         {DisplayMoney(g.revenue), fmt::format("{:.1f}%", share), FormatCount(g.quantity),
          FormatCount(static_cast<int64_t>(g.orders)),
          FormatCount(static_cast<int64_t>(g.customers)),
          FormatCentsForDisplay(g.average_order_value_cents)}) {
      cells.push_back(std::move(cell));
    }
    table.AddRow(std::move(cells));
  }
  rendered.json = {
      {"count", groups.size()}, {"revenue", JsonMoney(total)}, {"rows", std::move(rows)}};
  rendered.text =
      fmt::format("{} ({} of {}, by revenue)\n", spec.title, shown, groups.size()) +
      table.Render();
  rendered.csv = csv.Take();
  return rendered;
}

}  // namespace

Result<RenderedReport> RenderProductsReport(AnalyticsContext& context,
                                            const ReportOptions& options) {
  return RenderGroups(context, context.products(),
                      context.table().stock_codes_dictionary(),
                      {"Products", "stock_code", true}, options.top);
}

Result<RenderedReport> RenderCountriesReport(AnalyticsContext& context,
                                             const ReportOptions&) {
  return RenderGroups(context, context.countries(), context.table().countries(),
                      {"Countries", "country", false}, 0);
}

}  // namespace storepulse::analytics

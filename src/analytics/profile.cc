#include "analytics/profile.h"

#include <fmt/format.h>
#include <oneapi/tbb/parallel_invoke.h>

#include <algorithm>
#include <array>
#include <limits>

#include "analytics/day_groups.h"
#include "analytics/description_tally.h"
#include "analytics/duplicates.h"
#include "analytics/percentile.h"
#include "core/parallel.h"

namespace storepulse::analytics {

namespace {

constexpr std::array<double, 3> kPercentiles = {50.0, 95.0, 99.0};

struct Totals {
  std::vector<WideInt> country_revenue;
  std::vector<uint64_t> country_lines;
  std::vector<int64_t> country_quantity;
  std::vector<WideInt> product_revenue;
  std::vector<uint64_t> product_lines;
  std::vector<int64_t> product_quantity;
  WideInt revenue = 0;
  int64_t quantity = 0;
  WideInt price_sum = 0;
  Timestamp first = std::numeric_limits<Timestamp>::max();
  Timestamp last = std::numeric_limits<Timestamp>::min();
};

Totals ComputeTotals(const Table& table) {
  const auto quantities = table.quantities();
  const auto prices = table.unit_prices();
  const auto countries = table.country_codes();
  const auto products = table.stock_codes();
  const auto timestamps = table.timestamps();
  const size_t country_count = table.countries().size();
  const size_t product_count = table.stock_codes_dictionary().size();
  return ParallelAggregate(
      table.size(),
      [&] {
        Totals totals;
        totals.country_revenue.assign(country_count, 0);
        totals.country_lines.assign(country_count, 0);
        totals.country_quantity.assign(country_count, 0);
        totals.product_revenue.assign(product_count, 0);
        totals.product_lines.assign(product_count, 0);
        totals.product_quantity.assign(product_count, 0);
        return totals;
      },
      [&](Totals& totals, size_t begin, size_t end) {
        for (size_t row = begin; row < end; ++row) {
          const int64_t revenue = static_cast<int64_t>(quantities[row]) * prices[row];
          totals.revenue += revenue;
          totals.quantity += quantities[row];
          totals.price_sum += prices[row];
          totals.country_revenue[countries[row]] += revenue;
          ++totals.country_lines[countries[row]];
          totals.country_quantity[countries[row]] += quantities[row];
          totals.product_revenue[products[row]] += revenue;
          ++totals.product_lines[products[row]];
          totals.product_quantity[products[row]] += quantities[row];
          totals.first = std::min(totals.first, timestamps[row]);
          totals.last = std::max(totals.last, timestamps[row]);
        }
      },
      [](Totals& into, const Totals& from) {
        into.revenue += from.revenue;
        into.quantity += from.quantity;
        into.price_sum += from.price_sum;
        into.first = std::min(into.first, from.first);
        into.last = std::max(into.last, from.last);
        for (size_t i = 0; i < into.country_revenue.size(); ++i) {
          into.country_revenue[i] += from.country_revenue[i];
          into.country_lines[i] += from.country_lines[i];
          into.country_quantity[i] += from.country_quantity[i];
        }
        for (size_t i = 0; i < into.product_revenue.size(); ++i) {
          into.product_revenue[i] += from.product_revenue[i];
          into.product_lines[i] += from.product_lines[i];
          into.product_quantity[i] += from.product_quantity[i];
        }
      });
}

// Codes ranked by revenue (descending; ties by key, ascending), the first `top_n`.
std::vector<uint32_t> TopCodes(const std::vector<WideInt>& revenue,
                               const StringDictionary& keys, size_t top_n) {
  std::vector<uint32_t> codes(revenue.size());
  for (uint32_t code = 0; code < codes.size(); ++code) codes[code] = code;
  auto better = [&](uint32_t a, uint32_t b) {
    if (revenue[a] != revenue[b]) return revenue[a] > revenue[b];
    return keys.Get(a) < keys.Get(b);
  };
  const size_t keep = std::min(top_n, codes.size());
  std::partial_sort(codes.begin(), codes.begin() + keep, codes.end(), better);
  codes.resize(keep);
  return codes;
}

// The most frequent description of each of `stock_codes` (description_tally.h); only
// their lines are counted.
std::vector<uint32_t> MostFrequentDescriptions(const Table& table,
                                               const std::vector<uint32_t>& stock_codes) {
  std::vector<bool> wanted(table.stock_codes_dictionary().size(), false);
  for (uint32_t code : stock_codes) wanted[code] = true;
  DescriptionTally tally(wanted.size());
  const auto stocks = table.stock_codes();
  const auto descriptions = table.description_codes();
  for (size_t row = 0; row < table.size(); ++row) {
    if (wanted[stocks[row]]) tally.Add(stocks[row], descriptions[row]);
  }
  std::vector<uint32_t> best;
  for (uint32_t code : stock_codes) best.push_back(tally.Best(code));
  return best;
}

// Min, percentiles and max; the mean comes from the exact sums of ComputeTotals.
template <typename T>
Distribution Describe(std::span<const T> column, double scale) {
  Distribution distribution;
  if (column.empty()) return distribution;
  std::vector<T> values(column.begin(), column.end());
  const auto percentiles = PercentilesInPlace<T>(values, kPercentiles);
  const auto [low, high] = std::minmax_element(column.begin(), column.end());
  distribution.min = static_cast<double>(*low) / scale;
  distribution.max = static_cast<double>(*high) / scale;
  distribution.p50 = percentiles[0] / scale;
  distribution.p95 = percentiles[1] / scale;
  distribution.p99 = percentiles[2] / scale;
  return distribution;
}

uint64_t CountDaysWithSales(const Table& table) {
  const DayGroups days = DayGroups::Build(table);
  uint64_t with_sales = 0;
  for (size_t i = 0; i < days.span(); ++i)
    with_sales += days.RowCount(static_cast<int64_t>(i)) > 0;
  return with_sales;
}

}  // namespace

Profile ComputeProfile(const Table& table, DataQuality quality, size_t top_n) {
  Profile profile;
  profile.quality = std::move(quality);
  profile.lines = table.size();
  profile.invoices = table.invoices().size();
  profile.customers = table.customers().size();
  profile.products = table.stock_codes_dictionary().size();
  profile.countries = table.countries().size();
  profile.table_bytes = table.MemoryBytes();

  Totals totals;
  tbb::parallel_invoke(
      [&] { totals = ComputeTotals(table); },
      [&] { profile.duplicate_clean_rows = CountDuplicateRows(table); },
      [&] { profile.quantity = Describe<int32_t>(table.quantities(), 1.0); },
      [&] {
        profile.unit_price =
            Describe<int64_t>(table.unit_prices(), Money::kUnitsPerCurrency);
      },
      [&] { profile.days_with_sales = CountDaysWithSales(table); });
  profile.duplicate_rows =
      profile.duplicate_clean_rows + profile.quality.duplicate_quarantined_rows;
  profile.revenue = MoneySum(totals.revenue);
  profile.total_quantity = totals.quantity;
  profile.average_order_value_cents =
      MeanCents(profile.revenue, static_cast<int64_t>(profile.invoices));
  if (!table.empty()) {
    profile.date_min = totals.first;
    profile.date_max = totals.last;
    const double lines = static_cast<double>(table.size());
    profile.quantity.mean = static_cast<double>(totals.quantity) / lines;
    profile.unit_price.mean =
        static_cast<double>(totals.price_sum) / lines / Money::kUnitsPerCurrency;
  }

  for (uint32_t code : TopCodes(totals.country_revenue, table.countries(), top_n)) {
    profile.top_countries.push_back(RevenueRank{
        std::string(table.countries().Get(code)),
        std::string(table.countries().Get(code)), MoneySum(totals.country_revenue[code]),
        totals.country_lines[code], totals.country_quantity[code]});
  }
  const auto top_products =
      TopCodes(totals.product_revenue, table.stock_codes_dictionary(), top_n);
  const auto names = MostFrequentDescriptions(table, top_products);
  for (size_t i = 0; i < top_products.size(); ++i) {
    const uint32_t code = top_products[i];
    profile.top_products.push_back(
        RevenueRank{std::string(table.stock_codes_dictionary().Get(code)),
                    std::string(table.descriptions().Get(names[i])),
                    MoneySum(totals.product_revenue[code]), totals.product_lines[code],
                    totals.product_quantity[code]});
  }
  return profile;
}

void AddQuarantineDuplicates(uint64_t duplicates, Profile* profile) {
  profile->quality.duplicate_quarantined_rows = duplicates;
  profile->duplicate_rows = profile->duplicate_clean_rows + duplicates;
}

namespace {

nlohmann::ordered_json DistributionToJson(const Distribution& d, bool any) {
  if (!any) return nullptr;
  return {{"min", d.min}, {"p50", d.p50}, {"p95", d.p95},
          {"p99", d.p99}, {"max", d.max}, {"mean", d.mean}};
}

nlohmann::ordered_json RanksToJson(const std::vector<RevenueRank>& ranks,
                                   const char* key_name, bool with_name) {
  nlohmann::ordered_json list = nlohmann::ordered_json::array();
  for (const RevenueRank& rank : ranks) {
    nlohmann::ordered_json item = {{key_name, rank.key}};
    if (with_name) item["description"] = rank.name;
    item["revenue"] = rank.revenue.ToJsonNumber();
    item["lines"] = rank.lines;
    item["quantity"] = rank.quantity;
    list.push_back(std::move(item));
  }
  return list;
}

}  // namespace

nlohmann::ordered_json ProfileToJson(const Profile& profile) {
  const DataQuality& q = profile.quality;
  nlohmann::ordered_json reasons = nlohmann::ordered_json::object();
  for (const auto& [reason, count] : q.quarantine_reasons) reasons[reason] = count;
  nlohmann::ordered_json empty = nlohmann::ordered_json::object();
  for (const auto& [column, count] : q.empty_values) empty[column] = count;
  const bool any = profile.lines > 0;
  nlohmann::ordered_json json = {
      {"source", q.source},
      {"bytes", q.bytes},
      {"encoding", q.encoding},
      {"rows_read", q.rows_read},
      {"rows_clean", q.rows_clean},
      {"rows_quarantined", q.rows_quarantined},
      {"blank_lines", q.blank_lines},
      {"quarantine_reasons", reasons},
      {"null_values", empty},
      {"duplicate_rows", profile.duplicate_rows},
      {"duplicate_clean_rows", profile.duplicate_clean_rows},
      {"date_min",
       any ? nlohmann::ordered_json(FormatIsoDateTime(profile.date_min)) : nullptr},
      {"date_max",
       any ? nlohmann::ordered_json(FormatIsoDateTime(profile.date_max)) : nullptr},
      {"days_with_sales", profile.days_with_sales},
      {"lines", profile.lines},
      {"invoices", profile.invoices},
      {"customers", profile.customers},
      {"products", profile.products},
      {"countries", profile.countries},
      {"quantity_total", profile.total_quantity},
      {"revenue", profile.revenue.ToJsonNumber()},
      {"average_order_value", CentsToJsonNumber(profile.average_order_value_cents)},
      {"quantity", DistributionToJson(profile.quantity, any)},
      {"unit_price", DistributionToJson(profile.unit_price, any)},
      {"top_countries", RanksToJson(profile.top_countries, "country", false)},
      {"top_products", RanksToJson(profile.top_products, "stock_code", true)},
      {"table_bytes", profile.table_bytes},
      {"table_bytes_per_line",
       any ? static_cast<double>(profile.table_bytes) / static_cast<double>(profile.lines)
           : 0.0},
  };
  return json;
}

std::string ProfileToSummaryCsv(const Profile& profile) {
  const DataQuality& q = profile.quality;
  std::string csv = "metric,value\n";
  auto add = [&](std::string_view metric, const std::string& value) {
    csv += fmt::format("{},{}\n", metric, value);
  };
  add("rows_read", std::to_string(q.rows_read));
  add("rows_clean", std::to_string(q.rows_clean));
  add("rows_quarantined", std::to_string(q.rows_quarantined));
  for (const auto& [reason, count] : q.quarantine_reasons) {
    add("quarantined_" + reason, std::to_string(count));
  }
  for (const auto& [column, count] : q.empty_values) {
    add("null_" + column, std::to_string(count));
  }
  add("duplicate_rows", std::to_string(profile.duplicate_rows));
  add("duplicate_clean_rows", std::to_string(profile.duplicate_clean_rows));
  if (profile.lines > 0) {
    add("date_min", FormatIsoDateTime(profile.date_min));
    add("date_max", FormatIsoDateTime(profile.date_max));
  }
  add("days_with_sales", std::to_string(profile.days_with_sales));
  add("invoices", std::to_string(profile.invoices));
  add("customers", std::to_string(profile.customers));
  add("products", std::to_string(profile.products));
  add("countries", std::to_string(profile.countries));
  add("quantity_total", std::to_string(profile.total_quantity));
  add("revenue", profile.revenue.ToString());
  add("average_order_value", FormatCents(profile.average_order_value_cents));
  return csv;
}

}  // namespace storepulse::analytics

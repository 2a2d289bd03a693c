#include "storage/analytics_rows.h"

#include <string>

namespace storepulse::storage {

namespace {

// Money of a sum: MoneySum is 128-bit, the schema's money fits 64 bits for any real shop.
Value MoneyOf(const MoneySum& sum) {
  return Money::FromUnits(static_cast<int64_t>(sum.units()));
}
Value MoneyOfCents(WideInt cents) {
  return Money::FromCents(static_cast<int64_t>(cents));
}
Value Integer(uint64_t value) { return static_cast<int64_t>(value); }

MetricRows Daily(analytics::AnalyticsContext& context) {
  MetricRows rows{"daily_metrics",
                  {"date", "revenue", "orders", "lines", "customers", "products",
                   "quantity", "countries", "average_order_value", "average_line_value",
                   "peak_hour", "peak_hour_revenue"},
                  {}};
  for (const analytics::DailyMetrics& m : context.daily()) {
    rows.rows.push_back({Date{m.day}, MoneyOf(m.revenue), Integer(m.orders),
                         Integer(m.lines), Integer(m.customers), Integer(m.products),
                         int64_t{m.quantity}, Integer(m.countries),
                         MoneyOfCents(m.average_order_value_cents),
                         MoneyOfCents(m.average_line_value_cents), int64_t{m.peak_hour},
                         MoneyOf(m.peak_hour_revenue)});
  }
  return rows;
}

MetricRows Customers(analytics::AnalyticsContext& context) {
  MetricRows rows{"customer_metrics",
                  {"customer_id", "revenue", "orders", "lines", "first_purchase",
                   "last_purchase", "tier", "recency_days", "frequency", "monetary",
                   "r_score", "f_score", "m_score", "rfm_segment"},
                  {}};
  const auto& customers = context.customers();
  const auto& tiers = context.segmentation().tier_of;
  const auto& rfm = context.rfm();
  const StringDictionary& ids = context.table().customers();
  for (size_t i = 0; i < customers.size(); ++i) {
    const analytics::CustomerSummary& c = customers[i];
    const analytics::RfmScore& s = rfm[i];
    rows.rows.push_back(
        {std::string(ids.Get(c.customer)), MoneyOf(c.revenue), Integer(c.orders),
         Integer(c.lines), DateTime{c.first_purchase}, DateTime{c.last_purchase},
         std::string(analytics::TierName(tiers[i])), int64_t{s.recency_days},
         Integer(s.frequency), MoneyOf(s.monetary), int64_t{s.r}, int64_t{s.f},
         int64_t{s.m}, std::string(analytics::RfmSegmentName(s.segment))});
  }
  return rows;
}

MetricRows Products(analytics::AnalyticsContext& context) {
  MetricRows rows{"product_metrics",
                  {"stock_code", "description", "revenue", "quantity", "orders",
                   "customers", "lines"},
                  {}};
  const Table& table = context.table();
  const auto& descriptions = context.product_descriptions();
  for (const analytics::GroupSummary& g : context.products()) {
    rows.rows.push_back({std::string(table.stock_codes_dictionary().Get(g.code)),
                         std::string(table.descriptions().Get(descriptions[g.code])),
                         MoneyOf(g.revenue), int64_t{g.quantity}, Integer(g.orders),
                         Integer(g.customers), Integer(g.lines)});
  }
  return rows;
}

MetricRows Countries(analytics::AnalyticsContext& context) {
  MetricRows rows{
      "country_metrics",
      {"country", "revenue", "orders", "customers", "lines", "average_order_value"},
      {}};
  for (const analytics::GroupSummary& g : context.countries()) {
    rows.rows.push_back({std::string(context.table().countries().Get(g.code)),
                         MoneyOf(g.revenue), Integer(g.orders), Integer(g.customers),
                         Integer(g.lines), MoneyOfCents(g.average_order_value_cents)});
  }
  return rows;
}

MetricRows Cohorts(analytics::AnalyticsContext& context) {
  MetricRows rows{
      "cohort_retention",
      {"cohort_month", "months_since", "customers", "active_customers", "retention_rate"},
      {}};
  for (const analytics::Cohort& c : context.retention().cohorts) {
    const Date month{DaysFromCivil(CivilDate{c.year, c.month, 1})};
    for (size_t k = 0; k < c.active.size(); ++k) {
      rows.rows.push_back(
          {month, static_cast<int64_t>(k), Integer(c.customers), Integer(c.active[k]),
           static_cast<double>(c.active[k]) / static_cast<double>(c.customers)});
    }
  }
  return rows;
}

}  // namespace

std::vector<MetricRows> MetricRowsOf(analytics::AnalyticsContext& context) {
  std::vector<MetricRows> tables;
  tables.push_back(Daily(context));
  tables.push_back(Customers(context));
  tables.push_back(Products(context));
  tables.push_back(Countries(context));
  tables.push_back(Cohorts(context));
  return tables;
}

}  // namespace storepulse::storage

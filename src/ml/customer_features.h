// The customer 90-day value model's features: what each customer had done before a
// cutoff day, computed by ONE function (ComputeCustomerFeatures) for training (cutoff
// T-180), testing (T-90) and serving (T). Only lines before the cutoff are read, so a
// feature can never see the future it is asked to predict.
//
//   #   name                        as of the cutoff
//   0   recency_days                days since the last purchase
//   1   frequency                   orders (distinct invoices)
//   2   monetary                    revenue, pounds
//   3   tenure_days                 days since the first purchase
//   4   mean_order_value            revenue / orders
//   5   mean_days_between_orders    (last - first order day) / (orders - 1); missing
//                                   (NaN) with a single order
//   6   distinct_products           stock codes bought
//   7   country                     code in the country encoding; unseen -> "other"
//   8   revenue_last_30_days
//   9   revenue_last_90_days        (also the baseline's prediction)
//   10  orders_last_90_days
//   11  revenue_90_to_180_days      the quarter before the last one
#pragma once

#include <array>
#include <cstdint>
#include <string_view>
#include <vector>

#include "core/table.h"
#include "ml/category_encoding.h"
#include "ml/xgboost_adapter.h"

namespace storepulse::ml {

inline constexpr size_t kCustomerFeatureCount = 12;
inline constexpr std::array<std::string_view, kCustomerFeatureCount>
    kCustomerFeatureNames = {"recency_days",
                             "frequency",
                             "monetary",
                             "tenure_days",
                             "mean_order_value",
                             "mean_days_between_orders",
                             "distinct_products",
                             "country",
                             "revenue_last_30_days",
                             "revenue_last_90_days",
                             "orders_last_90_days",
                             "revenue_90_to_180_days"};
inline constexpr size_t kCustomerRevenueLast90Feature = 9;

struct CustomerFeatures {
  int64_t cutoff_day = 0;
  std::vector<uint32_t> customers;  // codes in table.customers(), ascending
  DenseMatrix features;             // one row per customer
  // Each customer's country (the country of the last line before the cutoff).
  std::vector<std::string_view> countries;
};

// The customers with a purchase before `cutoff_day`, and their features, the country
// encoded with `countries`.
CustomerFeatures ComputeCustomerFeatures(const Table& table, int64_t cutoff_day,
                                         const CategoryEncoding& countries);

// The countries of the customers with a purchase before `cutoff_day`, by customers per
// country (most first): the encoding fitted on the training cutoff.
CategoryEncoding FitCustomerCountries(const Table& table, int64_t cutoff_day);

// Revenue in pounds of each of `customers` from `from_day` (inclusive) to `to_day`
// (exclusive): the target.
std::vector<double> CustomerRevenueBetween(const Table& table,
                                           const std::vector<uint32_t>& customers,
                                           int64_t from_day, int64_t to_day);

}  // namespace storepulse::ml

// The line revenue model's features: the prototype's ten, computed by ONE function
// (EncodeLineFeatures) from a LineRequest, which training builds from each order line
// of the table and serving receives from clients. The same input therefore gives the
// same vector in both (tests/ml/line_features_test.cc).
//
//   #  name               value
//   0  quantity           units on the line
//   1  unit_price         pounds
//   2  hour               0-23
//   3  day_of_week        0-6, Monday = 0
//   4  month              1-12 (default: the training data's most frequent month)
//   5  is_weekend         1 on Saturday and Sunday
//   6  is_business_hours  1 from 09:00 to 16:59
//   7  country            code in the country encoding; unseen -> "other"
//                         (default: the training data's most frequent country)
//   8  price_band         index of the unit price among the price band edges
//   9  quantity_band      index of the quantity among the quantity band edges
#pragma once

#include <nlohmann/json.hpp>

#include <array>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "core/table.h"
#include "ml/category_encoding.h"
#include "ml/line_predictor.h"
#include "ml/xgboost_adapter.h"

namespace storepulse::ml {

inline constexpr size_t kLineFeatureCount = 10;
inline constexpr std::array<std::string_view, kLineFeatureCount> kLineFeatureNames = {
    "quantity",   "unit_price",        "hour",    "day_of_week", "month",
    "is_weekend", "is_business_hours", "country", "price_band",  "quantity_band"};

// What EncodeLineFeatures needs besides the request, fitted on the training rows and
// stored in the model's metadata.
struct LineEncodings {
  CategoryEncoding country;
  std::string default_country;  // the most frequent in training
  int default_month = 1;        // the most frequent in training
  // Band b holds values in [edges[b-1], edges[b]); band 0 is below edges[0], the last
  // band at or above edges.back().
  std::vector<double> price_band_edges;
  std::vector<double> quantity_band_edges;

  nlohmann::ordered_json ToJson() const;
  // Corruption naming the bad field when `json` is not what ToJson writes.
  static Result<LineEncodings> FromJson(const nlohmann::json& json);
  bool operator==(const LineEncodings&) const = default;
};

// The prototype's order line as a request: quantity, unit price in pounds, hour, weekday,
// month and country of `row`.
LineRequest LineRequestOfRow(const Table& table, size_t row);

// Countries (most frequent first), the default month and country of `rows` of `table`,
// and the fixed band edges.
LineEncodings FitLineEncodings(const Table& table, std::span<const size_t> rows);

// Writes the kLineFeatureCount features of `request` to `out`.
// REQUIRES: ValidateLineRequest(request).ok(), out.size() == kLineFeatureCount.
void EncodeLineFeatures(const LineRequest& request, const LineEncodings& encodings,
                        std::span<float> out);

// The features of `request` as the response shows them: names, encoded values and, for
// the categorical ones (month and country when defaulted, country, bands), labels.
std::vector<FeatureValue> DescribeLineFeatures(const LineRequest& request,
                                               const LineEncodings& encodings);

// One feature row per entry of `rows`, through LineRequestOfRow and EncodeLineFeatures.
DenseMatrix LineFeatureMatrix(const Table& table, std::span<const size_t> rows,
                              const LineEncodings& encodings);

}  // namespace storepulse::ml

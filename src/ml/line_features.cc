#include "ml/line_features.h"

#include <fmt/format.h>
#include <oneapi/tbb/parallel_for.h>

#include <algorithm>

#include "core/civil_time.h"
#include "core/money.h"

namespace storepulse::ml {
namespace {

// Fixed edges (pounds and units): the shop's price points and pack sizes, so that the
// bands mean the same whatever the training sample.
const std::vector<double> kPriceBandEdges = {1, 2, 5, 10};
const std::vector<double> kQuantityBandEdges = {2, 6, 13, 51};

constexpr int kBusinessHoursStart = 9;
constexpr int kBusinessHoursEnd = 17;  // exclusive

int BandOf(double value, const std::vector<double>& edges) {
  return static_cast<int>(std::upper_bound(edges.begin(), edges.end(), value) -
                          edges.begin());
}

std::string BandLabel(int band, const std::vector<double>& edges) {
  if (edges.empty()) return "all";
  if (band == 0) return fmt::format("<{}", edges.front());
  if (band == static_cast<int>(edges.size())) return fmt::format(">={}", edges.back());
  return fmt::format("{}-{}", edges[band - 1], edges[band]);
}

Result<std::vector<double>> EdgesFromJson(const nlohmann::json& json,
                                          std::string_view name) {
  const auto found = json.find(name);
  if (found == json.end() || !found->is_array()) {
    return Status::Corruption(
        fmt::format("encodings.{}: expected a list of numbers", name));
  }
  std::vector<double> edges;
  for (const auto& edge : *found) {
    if (!edge.is_number()) {
      return Status::Corruption(fmt::format("encodings.{}: not a number", name));
    }
    edges.push_back(edge.get<double>());
  }
  if (!std::is_sorted(edges.begin(), edges.end())) {
    return Status::Corruption(fmt::format("encodings.{}: not ascending", name));
  }
  return edges;
}

}  // namespace

nlohmann::ordered_json LineEncodings::ToJson() const {
  return {{"country", country.ToJson()},
          {"default_country", default_country},
          {"default_month", default_month},
          {"price_band_edges", price_band_edges},
          {"quantity_band_edges", quantity_band_edges}};
}

Result<LineEncodings> LineEncodings::FromJson(const nlohmann::json& json) {
  if (!json.is_object()) return Status::Corruption("encodings: expected an object");
  LineEncodings encodings;
  const auto country = json.find("country");
  if (country == json.end()) return Status::Corruption("encodings.country: missing");
  SP_ASSIGN_OR_RETURN(encodings.country,
                      CategoryEncoding::FromJson(*country, "encodings.country"));
  const auto default_country = json.find("default_country");
  if (default_country == json.end() || !default_country->is_string()) {
    return Status::Corruption("encodings.default_country: expected a string");
  }
  encodings.default_country = default_country->get<std::string>();
  const auto month = json.find("default_month");
  if (month == json.end() || !month->is_number_integer() || month->get<int>() < 1 ||
      month->get<int>() > 12) {
    return Status::Corruption("encodings.default_month: expected 1-12");
  }
  encodings.default_month = month->get<int>();
  SP_ASSIGN_OR_RETURN(encodings.price_band_edges,
                      EdgesFromJson(json, "price_band_edges"));
  SP_ASSIGN_OR_RETURN(encodings.quantity_band_edges,
                      EdgesFromJson(json, "quantity_band_edges"));
  return encodings;
}

LineRequest LineRequestOfRow(const Table& table, size_t row) {
  const Timestamp timestamp = table.timestamps()[row];
  LineRequest request;
  request.quantity = table.quantities()[row];
  request.unit_price = static_cast<double>(table.unit_prices()[row]) /
                       static_cast<double>(Money::kUnitsPerCurrency);
  request.hour = HourOf(timestamp);
  request.day_of_week = WeekdayOf(timestamp);
  request.month = ToCivil(timestamp).date.month;
  request.country = std::string(table.countries().Get(table.country_codes()[row]));
  return request;
}

LineEncodings FitLineEncodings(const Table& table, std::span<const size_t> rows) {
  std::vector<uint64_t> country_rows(table.countries().size());
  std::array<uint64_t, 13> month_rows{};
  for (size_t row : rows) {
    ++country_rows[table.country_codes()[row]];
    ++month_rows[ToCivil(table.timestamps()[row]).date.month];
  }
  std::vector<std::pair<std::string, uint64_t>> counts;
  for (uint32_t code = 0; code < country_rows.size(); ++code) {
    if (country_rows[code] > 0) {
      counts.emplace_back(std::string(table.countries().Get(code)), country_rows[code]);
    }
  }
  LineEncodings encodings;
  encodings.country = CategoryEncoding::FromCounts(counts, /*min_count=*/1);
  encodings.default_country = encodings.country.categories().empty()
                                  ? std::string(kOtherCategory)
                                  : encodings.country.categories().front();
  encodings.default_month = static_cast<int>(
      std::max_element(month_rows.begin() + 1, month_rows.end()) - month_rows.begin());
  encodings.price_band_edges = kPriceBandEdges;
  encodings.quantity_band_edges = kQuantityBandEdges;
  return encodings;
}

void EncodeLineFeatures(const LineRequest& request, const LineEncodings& encodings,
                        std::span<float> out) {
  const int month = request.month.value_or(encodings.default_month);
  const std::string_view country = request.country.has_value()
                                       ? std::string_view(*request.country)
                                       : std::string_view(encodings.default_country);
  out[0] = static_cast<float>(request.quantity);
  out[1] = static_cast<float>(request.unit_price);
  out[2] = static_cast<float>(request.hour);
  out[3] = static_cast<float>(request.day_of_week);
  out[4] = static_cast<float>(month);
  out[5] = request.day_of_week >= 5 ? 1.0f : 0.0f;
  out[6] = request.hour >= kBusinessHoursStart && request.hour < kBusinessHoursEnd ? 1.0f
                                                                                   : 0.0f;
  out[7] = encodings.country.Encode(country);
  out[8] = static_cast<float>(BandOf(request.unit_price, encodings.price_band_edges));
  out[9] = static_cast<float>(BandOf(request.quantity, encodings.quantity_band_edges));
}

std::vector<FeatureValue> DescribeLineFeatures(const LineRequest& request,
                                               const LineEncodings& encodings) {
  std::array<float, kLineFeatureCount> values;
  EncodeLineFeatures(request, encodings, values);
  std::vector<FeatureValue> features;
  features.reserve(kLineFeatureCount);
  for (size_t i = 0; i < kLineFeatureCount; ++i) {
    features.push_back({std::string(kLineFeatureNames[i]), values[i], std::nullopt});
  }
  features[7].label =
      encodings.country.Label(request.country.value_or(encodings.default_country));
  features[8].label = BandLabel(static_cast<int>(values[8]), encodings.price_band_edges);
  features[9].label =
      BandLabel(static_cast<int>(values[9]), encodings.quantity_band_edges);
  return features;
}

DenseMatrix LineFeatureMatrix(const Table& table, std::span<const size_t> rows,
                              const LineEncodings& encodings) {
  DenseMatrix matrix(rows.size(), kLineFeatureCount);
  tbb::parallel_for(tbb::blocked_range<size_t>(0, rows.size(), 4096),
                    [&](const tbb::blocked_range<size_t>& range) {
                      for (size_t i = range.begin(); i < range.end(); ++i) {
                        EncodeLineFeatures(LineRequestOfRow(table, rows[i]), encodings,
                                           matrix.Row(i));
                      }
                    });
  return matrix;
}

}  // namespace storepulse::ml

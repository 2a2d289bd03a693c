// The line model's features: one function for training and serving, encodings that
// survive the metadata, and the documented handling of absent or unseen values.
#include "ml/line_features.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <array>
#include <cmath>

#include "ml/line_predictor.h"
#include "ml_test_util.h"

namespace storepulse::ml {
namespace {

using ::testing::ElementsAre;
using ::testing::ElementsAreArray;

LineEncodings Encodings() {
  LineEncodings encodings;
  encodings.country = CategoryEncoding({"United Kingdom", "Germany", "France"});
  encodings.default_country = "United Kingdom";
  encodings.default_month = 11;
  encodings.price_band_edges = {1, 2, 5, 10};
  encodings.quantity_band_edges = {2, 6, 13, 51};
  return encodings;
}

std::array<float, kLineFeatureCount> Encode(const LineRequest& request) {
  std::array<float, kLineFeatureCount> out;
  EncodeLineFeatures(request, Encodings(), out);
  return out;
}

TEST(LineFeaturesTest, EncodesThePrototypesTenFeatures) {
  LineRequest request;
  request.quantity = 3;
  request.unit_price = 15.5;
  request.hour = 14;
  request.day_of_week = 2;
  request.month = 6;
  request.country = "Germany";
  EXPECT_THAT(Encode(request), ElementsAre(3, 15.5, 14, 2, 6, 0, 1, 1, 4, 1));
  request.day_of_week = 6;
  request.hour = 17;  // business hours end at 17:00
  request.unit_price = 0.99;
  request.quantity = 51;
  EXPECT_THAT(Encode(request), ElementsAre(51, 0.99f, 17, 6, 6, 1, 0, 1, 0, 4));
}

TEST(LineFeaturesTest, AbsentMonthAndCountryTakeTheTrainingDefaults) {
  LineRequest request;
  request.quantity = 1;
  request.unit_price = 1;
  const auto features = Encode(request);
  EXPECT_EQ(features[4], 11);  // default month
  EXPECT_EQ(features[7], 0);   // United Kingdom
  const std::vector<FeatureValue> described = DescribeLineFeatures(request, Encodings());
  ASSERT_EQ(described.size(), kLineFeatureCount);
  EXPECT_EQ(described[7].label, "United Kingdom");
  EXPECT_EQ(described[4].value, 11);
}

TEST(LineFeaturesTest, UnseenOrEmptyCountryIsOther) {
  LineRequest request;
  request.quantity = 1;
  request.unit_price = 1;
  for (const char* country : {"Narnia", "", "other", "united kingdom"}) {
    request.country = country;
    EXPECT_EQ(Encode(request)[7], 3) << country;  // other = after the 3 categories
    EXPECT_EQ(DescribeLineFeatures(request, Encodings())[7].label, "other") << country;
  }
}

TEST(LineFeaturesTest, EncodingsRoundTripThroughJsonAndRefuseGarbage) {
  const LineEncodings encodings = Encodings();
  auto back = LineEncodings::FromJson(nlohmann::json::parse(encodings.ToJson().dump()));
  ASSERT_OK(back.status());
  EXPECT_EQ(*back, encodings);

  nlohmann::json bad = nlohmann::json::parse(encodings.ToJson().dump());
  bad["default_month"] = 13;
  EXPECT_EQ(LineEncodings::FromJson(bad).status().code(), StatusCode::kCorruption);
  bad = nlohmann::json::parse(encodings.ToJson().dump());
  bad["price_band_edges"] = {5, 1};
  EXPECT_THAT(LineEncodings::FromJson(bad).status().message(),
              ::testing::HasSubstr("price_band_edges"));
  bad = nlohmann::json::parse(encodings.ToJson().dump());
  bad["country"]["categories"] = {"France", 3};
  EXPECT_EQ(LineEncodings::FromJson(bad).status().code(), StatusCode::kCorruption);
}

TEST(LineFeaturesTest, FittedEncodingsRankCountriesByLinesAndPickTheCommonestMonth) {
  const Table table = testing::GeneratedTable(20'000);
  std::vector<size_t> rows(table.size());
  for (size_t i = 0; i < rows.size(); ++i) rows[i] = i;
  const LineEncodings encodings = FitLineEncodings(table, rows);
  ASSERT_FALSE(encodings.country.categories().empty());
  EXPECT_EQ(encodings.country.categories().front(), "United Kingdom");
  EXPECT_EQ(encodings.default_country, "United Kingdom");
  EXPECT_GE(encodings.default_month, 1);
  EXPECT_LE(encodings.default_month, 12);
}

// The heart of "no train/serve skew": the matrix training uses, the features a request
// for the same line gets, and what the loaded predictor reports having used are equal.
TEST(LineFeaturesTest, TrainingAndServingComputeTheSameVector) {
  const Table table = testing::GeneratedTable(20'000);
  testing::TempDir dir;
  const LineModelResult trained =
      testing::TrainAndSaveLineModel(table, dir.path().string());
  auto encodings =
      LineEncodings::FromJson(nlohmann::json::parse(trained.metadata.encodings.dump()));
  ASSERT_OK(encodings.status());
  auto predictor = LoadLinePredictor(dir.path().string());
  ASSERT_OK(predictor.status());

  std::vector<size_t> rows;
  for (size_t row = 0; row < table.size(); row += table.size() / 50) rows.push_back(row);
  const DenseMatrix training = LineFeatureMatrix(table, rows, *encodings);
  for (size_t i = 0; i < rows.size(); ++i) {
    const LineRequest request = LineRequestOfRow(table, rows[i]);
    std::array<float, kLineFeatureCount> serving;
    EncodeLineFeatures(request, *encodings, serving);
    EXPECT_THAT(serving, ElementsAreArray(training.Row(i))) << "row " << rows[i];
    auto predicted = (*predictor)->Predict(request);
    ASSERT_OK(predicted.status());
    std::vector<float> used;
    for (const FeatureValue& feature : predicted->input_features) {
      used.push_back(static_cast<float>(feature.value));
    }
    EXPECT_THAT(used, ElementsAreArray(training.Row(i))) << "row " << rows[i];
  }
}

}  // namespace
}  // namespace storepulse::ml

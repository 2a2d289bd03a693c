// LinePredictor as its callers see it: a saved model loads and predicts exactly what was
// trained, mismatched or damaged files are refused with a clear message, bad requests
// get errors naming the field, and many threads may predict at once.
#include "ml/line_predictor.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <limits>
#include <thread>

#include "ml/booster_training.h"
#include "ml/line_features.h"
#include "ml/line_model.h"
#include "ml/model_files.h"
#include "ml_test_util.h"

namespace storepulse::ml {
namespace {

using ::testing::HasSubstr;

class LinePredictorTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    table_ = new Table(testing::GeneratedTable(20'000));
    dir_ = new testing::TempDir();
    trained_ = new LineModelResult(testing::TrainAndSaveLineModel(*table_, Dir()));
  }
  static void TearDownTestSuite() {
    delete trained_;
    delete dir_;
    delete table_;
  }
  static std::string Dir() { return dir_->path().string(); }

  // A copy of the saved model in a fresh directory, for tests that damage it.
  std::string CopyOfModel() {
    const std::filesystem::path copy = scratch_.path() / "models";
    std::filesystem::copy(dir_->path(), copy);
    return copy.string();
  }
  static nlohmann::json ReadMetadata(const std::string& dir) {
    return *ReadJsonFile(MetadataPath(dir, kLineModelKind));
  }
  static void WriteMetadata(const std::string& dir, const nlohmann::json& json) {
    std::ofstream(MetadataPath(dir, kLineModelKind)) << json.dump(2);
  }

  static LineRequest Request(double quantity, double price) {
    LineRequest request;
    request.quantity = quantity;
    request.unit_price = price;
    request.hour = 10;
    request.day_of_week = 1;
    return request;
  }

  static inline Table* table_ = nullptr;
  static inline testing::TempDir* dir_ = nullptr;
  static inline LineModelResult* trained_ = nullptr;
  testing::TempDir scratch_;
};

TEST_F(LinePredictorTest, ALoadedModelPredictsWhatTheTrainedOneDid) {
  auto predictor = LoadLinePredictor(Dir());
  ASSERT_OK(predictor.status());
  EXPECT_EQ((*predictor)->model_version(), trained_->metadata.model_version);
  auto encodings =
      LineEncodings::FromJson(nlohmann::json::parse(trained_->metadata.encodings.dump()));
  ASSERT_OK(encodings.status());
  auto transform = ParseTargetTransform(
      trained_->metadata.parameters["target_transform"].get<std::string>());
  ASSERT_OK(transform.status());
  for (size_t row = 0; row < table_->size(); row += 997) {
    const LineRequest request = LineRequestOfRow(*table_, row);
    std::array<float, kLineFeatureCount> features;
    EncodeLineFeatures(request, *encodings, features);
    auto before = trained_->booster.PredictRow(features);
    ASSERT_OK(before.status());
    const double expected =
        std::round(std::max(0.0, InvertTransform(*transform, *before)) * 100) / 100;
    auto after = (*predictor)->Predict(request);
    ASSERT_OK(after.status());
    EXPECT_EQ(after->predicted_revenue, expected) << "row " << row;
  }
}

TEST_F(LinePredictorTest, PredictBatchEqualsPredictingOneByOne) {
  auto predictor = LoadLinePredictor(Dir());
  ASSERT_OK(predictor.status());
  std::vector<LineRequest> requests;
  for (size_t row = 0; row < table_->size(); row += 113) {
    requests.push_back(LineRequestOfRow(*table_, row));
  }
  requests.back().country.reset();  // defaults apply in batches too
  requests.back().month.reset();
  auto batch = (*predictor)->PredictBatch(requests);
  ASSERT_OK(batch.status());
  ASSERT_EQ(batch->size(), requests.size());
  for (size_t i = 0; i < requests.size(); ++i) {
    auto one = (*predictor)->Predict(requests[i]);
    ASSERT_OK(one.status());
    EXPECT_EQ((*batch)[i], one->predicted_revenue) << i;
  }
  auto empty = (*predictor)->PredictBatch({});
  ASSERT_OK(empty.status());
  EXPECT_TRUE(empty->empty());
}

TEST_F(LinePredictorTest, ManyThreadsPredictTheSameAsOne) {
  auto predictor = LoadLinePredictor(Dir());
  ASSERT_OK(predictor.status());
  std::vector<LineRequest> requests;
  std::vector<double> expected;
  for (size_t row = 0; row < table_->size(); row += 211) {
    requests.push_back(LineRequestOfRow(*table_, row));
    expected.push_back((*predictor)->Predict(requests.back())->predicted_revenue);
  }
  std::vector<std::thread> threads;
  std::vector<int> mismatches(4, 0);
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int repeat = 0; repeat < 20; ++repeat) {
        for (size_t i = 0; i < requests.size(); ++i) {
          auto got = (*predictor)->Predict(requests[i]);
          if (!got.ok() || got->predicted_revenue != expected[i]) ++mismatches[t];
        }
        auto batch = (*predictor)->PredictBatch(requests);
        if (!batch.ok() || *batch != expected) ++mismatches[t];
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_THAT(mismatches, ::testing::Each(0));
}

TEST_F(LinePredictorTest, MissingFilesAreNotFoundAndSayToTrain) {
  auto missing = LoadLinePredictor((scratch_.path() / "nothing").string());
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().code(), StatusCode::kNotFound);
  EXPECT_THAT(missing.status().message(), HasSubstr("storepulse train"));

  const std::string dir = CopyOfModel();
  std::filesystem::remove(std::filesystem::path(dir) / "line_revenue.json");
  auto no_booster = LoadLinePredictor(dir);
  EXPECT_EQ(no_booster.status().code(), StatusCode::kNotFound);
  EXPECT_THAT(no_booster.status().message(), HasSubstr("line_revenue.json"));
}

TEST_F(LinePredictorTest, FeaturesThatDoNotMatchThisBuildAreRefused) {
  const std::string dir = CopyOfModel();
  nlohmann::json metadata = ReadMetadata(dir);
  metadata["features"][3] = "weekday";
  WriteMetadata(dir, metadata);
  auto renamed = LoadLinePredictor(dir);
  ASSERT_FALSE(renamed.ok());
  EXPECT_EQ(renamed.status().code(), StatusCode::kInvalidArgument);
  EXPECT_THAT(renamed.status().message(),
              HasSubstr("feature 4 is 'weekday' in the model but 'day_of_week' here"));

  metadata["features"] = {"quantity", "unit_price"};
  WriteMetadata(dir, metadata);
  auto fewer = LoadLinePredictor(dir);
  EXPECT_EQ(fewer.status().code(), StatusCode::kInvalidArgument);
  EXPECT_THAT(fewer.status().message(), HasSubstr("'(none)' in the model but 'hour'"));

  metadata = ReadMetadata(Dir());
  metadata["kind"] = "customer_value_90d";
  WriteMetadata(dir, metadata);
  EXPECT_THAT(LoadLinePredictor(dir).status().message(),
              HasSubstr("a customer_value_90d"));

  metadata = ReadMetadata(Dir());
  metadata["format_version"] = 99;
  WriteMetadata(dir, metadata);
  EXPECT_THAT(LoadLinePredictor(dir).status().message(), HasSubstr("model format 99"));
}

TEST_F(LinePredictorTest, DamagedFilesAreCorruption) {
  const std::string dir = CopyOfModel();
  std::ofstream(std::filesystem::path(dir) / "line_revenue.json", std::ios::app) << " ";
  auto mismatched = LoadLinePredictor(dir);
  EXPECT_EQ(mismatched.status().code(), StatusCode::kCorruption);
  EXPECT_THAT(mismatched.status().message(), HasSubstr("different trainings"));

  std::ofstream(MetadataPath(dir, kLineModelKind)) << "{not json";
  auto garbage = LoadLinePredictor(dir);
  EXPECT_EQ(garbage.status().code(), StatusCode::kCorruption);
  EXPECT_THAT(garbage.status().message(), HasSubstr("not valid JSON"));

  nlohmann::json metadata = ReadMetadata(Dir());
  metadata["encodings"].erase("country");
  WriteMetadata(dir, metadata);
  std::filesystem::copy_file(dir_->path() / "line_revenue.json",
                             std::filesystem::path(dir) / "line_revenue.json",
                             std::filesystem::copy_options::overwrite_existing);
  EXPECT_THAT(LoadLinePredictor(dir).status().message(), HasSubstr("encodings.country"));

  metadata = ReadMetadata(Dir());
  metadata["boosters"][0]["file"] = "../elsewhere.json";
  WriteMetadata(dir, metadata);
  EXPECT_THAT(LoadLinePredictor(dir).status().message(), HasSubstr("plain file name"));
}

TEST_F(LinePredictorTest, BadRequestsGetErrorsNamingTheField) {
  auto predictor = LoadLinePredictor(Dir());
  ASSERT_OK(predictor.status());
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const double inf = std::numeric_limits<double>::infinity();
  struct Case {
    LineRequest request;
    std::string message;
  };
  std::vector<Case> cases;
  cases.push_back({Request(-1, 2), "quantity: must be a number greater than 0"});
  cases.push_back({Request(0, 2), "quantity: must be"});
  cases.push_back({Request(nan, 2), "quantity: must be"});
  cases.push_back({Request(2e9, 2), "quantity: must be"});
  cases.push_back({Request(1, inf), "unit_price: must be"});
  cases.push_back({Request(1, nan), "unit_price: must be"});
  LineRequest hour = Request(1, 1);
  hour.hour = 25;
  cases.push_back({hour, "hour: must be 0 to 23 (hour of the day), got 25"});
  hour.hour = -1;
  cases.push_back({hour, "hour: must be 0 to 23"});
  LineRequest weekday = Request(1, 1);
  weekday.day_of_week = 7;
  cases.push_back({weekday, "day_of_week: must be 0 to 6"});
  LineRequest month = Request(1, 1);
  month.month = 13;
  cases.push_back({month, "month: must be 1 to 12"});
  month.month = 0;
  cases.push_back({month, "month: must be 1 to 12"});
  for (const Case& bad : cases) {
    const Status valid = ValidateLineRequest(bad.request);
    EXPECT_EQ(valid.code(), StatusCode::kInvalidArgument) << bad.message;
    EXPECT_THAT(valid.message(), HasSubstr(bad.message));
    auto predicted = (*predictor)->Predict(bad.request);
    EXPECT_EQ(predicted.status().code(), StatusCode::kInvalidArgument) << bad.message;
    EXPECT_THAT(predicted.status().message(), HasSubstr(bad.message));
  }
}

TEST_F(LinePredictorTest, ABadItemFailsTheWholeBatchNamingItsIndex) {
  auto predictor = LoadLinePredictor(Dir());
  ASSERT_OK(predictor.status());
  std::vector<LineRequest> requests(3, Request(2, 3));
  requests[1].hour = 24;
  requests[2].quantity = -5;
  auto batch = (*predictor)->PredictBatch(requests);
  ASSERT_FALSE(batch.ok());
  EXPECT_EQ(batch.status().code(), StatusCode::kInvalidArgument);
  EXPECT_THAT(batch.status().message(), ::testing::StartsWith("items[1].hour: "));
}

TEST_F(LinePredictorTest, AnUnknownCountryIsOtherNotAnError) {
  auto predictor = LoadLinePredictor(Dir());
  ASSERT_OK(predictor.status());
  LineRequest request = Request(3, 15.5);
  request.country = "Atlantis";
  auto predicted = (*predictor)->Predict(request);
  ASSERT_OK(predicted.status());
  EXPECT_GE(predicted->predicted_revenue, 0);
  EXPECT_EQ(predicted->input_features[7].name, "country");
  EXPECT_EQ(predicted->input_features[7].label, "other");
}

}  // namespace
}  // namespace storepulse::ml

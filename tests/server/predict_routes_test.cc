// POST /predict and /predict/batch over real HTTP: the prototype's contract, and every
// kind of bad input answered with 400 (or 413) naming the problem.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

#include "server/prediction_codec.h"
#include "server_harness.h"

namespace storepulse::testing {
namespace {

using ::testing::HasSubstr;

class PredictRoutesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    HarnessOptions options;
    options.warehouse = false;
    harness_ = std::make_unique<ServerHarness>(options);
    harness_->Start();
    client_ = harness_->Client();
  }

  httplib::Result Post(const std::string& path, const std::string& body) {
    return client_->Post(path.c_str(), body, "application/json");
  }

  // Posts `body` to /predict, expects `status` and returns the error text.
  std::string ErrorOf(const std::string& body, int status = 400) {
    auto result = Post("/predict", body);
    EXPECT_TRUE(result) << body;
    if (!result) return "";
    EXPECT_EQ(result->status, status) << body << " → " << result->body;
    EXPECT_EQ(result->get_header_value("Content-Type"), "application/json");
    const nlohmann::json json = BodyJson(result);
    EXPECT_EQ(json.value("status", ""), "error") << result->body;
    return json.value("error", "");
  }

  std::unique_ptr<ServerHarness> harness_;
  std::unique_ptr<httplib::Client> client_;
};

TEST_F(PredictRoutesTest, PredictAnswersThePrototypesContract) {
  auto result = Post(
      "/predict", R"({"quantity": 3, "unit_price": 15.5, "hour": 14, "day_of_week": 2})");
  ASSERT_TRUE(result);
  EXPECT_EQ(result->status, 200);
  EXPECT_EQ(result->get_header_value("Content-Type"), "application/json");
  const nlohmann::json json = BodyJson(result);
  EXPECT_DOUBLE_EQ(json["predicted_revenue"].get<double>(), 46.5);
  EXPECT_EQ(json["status"], "success");
  EXPECT_EQ(json["model_version"], "line_revenue-test-0001");
  // The features the model saw, with the documented defaults filled in.
  EXPECT_EQ(json["input_features"]["quantity"], 3);
  EXPECT_EQ(json["input_features"]["hour"], 14);
  EXPECT_EQ(json["input_features"]["month"], TestLinePredictor::kDefaultMonth);
  EXPECT_EQ(json["input_features"]["country"], "United Kingdom");
  // The prototype's key order: predicted_revenue first.
  EXPECT_TRUE(result->body.starts_with("{\"predicted_revenue\":46.5,")) << result->body;
}

TEST_F(PredictRoutesTest, OptionalMonthAndCountryAreUsedAndUnknownCountryIsOther) {
  auto result = Post("/predict",
                     R"({"quantity": 2, "unit_price": 1.25, "hour": 9, "day_of_week": 0,
                         "month": 6, "country": "Atlantis", "comment": "ignored"})");
  ASSERT_TRUE(result);
  ASSERT_EQ(result->status, 200) << result->body;
  const nlohmann::json json = BodyJson(result);
  EXPECT_DOUBLE_EQ(json["predicted_revenue"].get<double>(), 2.5);
  EXPECT_EQ(json["input_features"]["month"], 6);
  EXPECT_EQ(json["input_features"]["country"], "other");
}

TEST_F(PredictRoutesTest, BatchPredictsEveryItemInOrder) {
  nlohmann::json items = nlohmann::json::array();
  for (int i = 1; i <= 50; ++i) {
    items.push_back(
        {{"quantity", i}, {"unit_price", 0.5}, {"hour", i % 24}, {"day_of_week", i % 7}});
  }
  auto result = Post("/predict/batch", nlohmann::json{{"items", items}}.dump());
  ASSERT_TRUE(result);
  ASSERT_EQ(result->status, 200) << result->body;
  const nlohmann::json json = BodyJson(result);
  EXPECT_EQ(json["status"], "success");
  EXPECT_EQ(json["count"], 50);
  ASSERT_EQ(json["predictions"].size(), 50u);
  for (int i = 1; i <= 50; ++i) {
    EXPECT_DOUBLE_EQ(json["predictions"][i - 1].get<double>(), i * 0.5) << i;
  }
}

TEST_F(PredictRoutesTest, BatchOfTenThousandItemsIsAcceptedAndOneMoreIsNot) {
  const std::string item =
      R"({"quantity":1,"unit_price":2.5,"hour":10,"day_of_week":3,"month":5})";
  std::string body = "{\"items\":[";
  for (size_t i = 0; i < server::kMaxBatchItems; ++i) {
    if (i > 0) body += ',';
    body += item;
  }
  auto full = Post("/predict/batch", body + "]}");
  ASSERT_TRUE(full);
  ASSERT_EQ(full->status, 200) << full->body.substr(0, 200);
  EXPECT_EQ(BodyJson(full)["predictions"].size(), server::kMaxBatchItems);

  auto over = Post("/predict/batch", body + "," + item + "]}");
  ASSERT_TRUE(over);
  EXPECT_EQ(over->status, 400);
  EXPECT_THAT(BodyJson(over)["error"].get<std::string>(),
              HasSubstr("items: at most 10000 items, got 10001"));
}

TEST_F(PredictRoutesTest, InvalidJsonNamesThePosition) {
  EXPECT_THAT(ErrorOf(R"({"quantity": 3,, "unit_price": 2})"),
              HasSubstr("invalid JSON at byte 16: "));
  EXPECT_THAT(ErrorOf(""), HasSubstr("invalid JSON at byte 1"));
  EXPECT_THAT(
      ErrorOf(R"({"quantity": NaN, "unit_price": 1, "hour": 1, "day_of_week": 1})"),
      HasSubstr("invalid JSON"));
  EXPECT_THAT(ErrorOf("[1, 2"), HasSubstr("invalid JSON at byte 6: "));
}

TEST_F(PredictRoutesTest, MissingFieldsAreNamedNotFilledIn) {
  // The prototype filled in missing quantity and price; storepulse refuses.
  EXPECT_EQ(ErrorOf(R"({"unit_price": 2, "hour": 1, "day_of_week": 1})"),
            "quantity: missing (required)");
  EXPECT_EQ(ErrorOf(R"({"quantity": 2, "hour": 1, "day_of_week": 1})"),
            "unit_price: missing (required)");
  EXPECT_EQ(ErrorOf(R"({"quantity": 2, "unit_price": 2, "day_of_week": 1})"),
            "hour: missing (required)");
  EXPECT_EQ(ErrorOf(R"({"quantity": 2, "unit_price": 2, "hour": 1})"),
            "day_of_week: missing (required)");
  EXPECT_THAT(ErrorOf("[]"), HasSubstr("expected a JSON object"));
}

TEST_F(PredictRoutesTest, WronglyTypedFieldsAreNamed) {
  EXPECT_EQ(ErrorOf(R"({"quantity": "3", "unit_price": 2, "hour": 1, "day_of_week": 1})"),
            "quantity: expected a number, got a string");
  EXPECT_EQ(
      ErrorOf(R"({"quantity": 3, "unit_price": null, "hour": 1, "day_of_week": 1})"),
      "unit_price: expected a number, got null");
  EXPECT_EQ(ErrorOf(R"({"quantity": 3, "unit_price": 2, "hour": 1.5, "day_of_week": 1})"),
            "hour: expected a whole number (0-23), got 1.5");
  EXPECT_EQ(
      ErrorOf(R"({"quantity": 3, "unit_price": 2, "hour": 1, "day_of_week": true})"),
      "day_of_week: expected a whole number (0-6, Monday = 0), got a boolean");
  EXPECT_EQ(ErrorOf(R"({"quantity": 3, "unit_price": 2, "hour": 1, "day_of_week": 1,
                        "country": 44})"),
            "country: expected a string, got a number");
  EXPECT_EQ(ErrorOf(R"({"quantity": 3, "unit_price": 2, "hour": 1, "day_of_week": 1,
                        "month": "June"})"),
            "month: expected a whole number (1-12), got a string");
}

TEST_F(PredictRoutesTest, OutOfRangeValuesAreRefused) {
  const auto with = [](const std::string& field, const std::string& value) {
    nlohmann::json json = {
        {"quantity", 3}, {"unit_price", 2}, {"hour", 1}, {"day_of_week", 1}};
    std::string body = json.dump();
    const std::string key = "\"" + field + "\":";
    const size_t at = body.find(key);
    if (at == std::string::npos)
      return body.substr(0, body.size() - 1) + "," + key + value + "}";
    const size_t end = body.find_first_of(",}", at);
    return body.substr(0, at + key.size()) + value + body.substr(end);
  };
  EXPECT_THAT(ErrorOf(with("quantity", "0")), HasSubstr("quantity"));
  EXPECT_THAT(ErrorOf(with("quantity", "-5")), HasSubstr("quantity"));
  EXPECT_THAT(ErrorOf(with("unit_price", "-0.01")), HasSubstr("unit_price"));
  EXPECT_THAT(ErrorOf(with("quantity", "1e300")), HasSubstr("quantity"));
  EXPECT_THAT(ErrorOf(with("hour", "24")), HasSubstr("hour"));
  EXPECT_THAT(ErrorOf(with("hour", "-1")), HasSubstr("hour"));
  EXPECT_THAT(ErrorOf(with("hour", "99999999999999999999")), HasSubstr("hour"));
  EXPECT_THAT(ErrorOf(with("day_of_week", "7")), HasSubstr("day_of_week"));
  EXPECT_THAT(ErrorOf(with("month", "13")), HasSubstr("month"));
  EXPECT_THAT(ErrorOf(with("month", "0")), HasSubstr("month"));
  // Past the range of a double: JSON that cannot be read as a number.
  EXPECT_THAT(ErrorOf(with("quantity", "1e400")), HasSubstr("invalid JSON"));
}

TEST_F(PredictRoutesTest, BatchErrorsNameTheItem) {
  auto missing = Post("/predict/batch", R"({"lines": []})");
  ASSERT_TRUE(missing);
  EXPECT_EQ(missing->status, 400);
  EXPECT_EQ(BodyJson(missing)["error"], "items: missing (required)");

  auto not_array = Post("/predict/batch", R"({"items": {}})");
  ASSERT_TRUE(not_array);
  EXPECT_EQ(BodyJson(not_array)["error"], "items: expected an array, got an object");

  auto bad_type = Post("/predict/batch", R"({"items": [
      {"quantity": 1, "unit_price": 1, "hour": 1, "day_of_week": 1},
      {"quantity": 1, "unit_price": "1", "hour": 1, "day_of_week": 1}]})");
  ASSERT_TRUE(bad_type);
  EXPECT_EQ(bad_type->status, 400);
  EXPECT_EQ(BodyJson(bad_type)["error"],
            "items[1].unit_price: expected a number, got a string");

  auto bad_range = Post("/predict/batch", R"({"items": [
      {"quantity": 1, "unit_price": 1, "hour": 1, "day_of_week": 1},
      {"quantity": 1, "unit_price": 1, "hour": 1, "day_of_week": 1},
      {"quantity": 1, "unit_price": 1, "hour": 31, "day_of_week": 1}]})");
  ASSERT_TRUE(bad_range);
  EXPECT_EQ(bad_range->status, 400);
  EXPECT_THAT(BodyJson(bad_range)["error"].get<std::string>(),
              HasSubstr("items[2].hour"));

  auto not_object = Post("/predict/batch", R"({"items": [3]})");
  ASSERT_TRUE(not_object);
  EXPECT_THAT(BodyJson(not_object)["error"].get<std::string>(),
              HasSubstr("items[0]: expected a JSON object"));
}

TEST_F(PredictRoutesTest, BodiesOverOneMegabyteGet413) {
  std::string body =
      R"({"quantity": 3, "unit_price": 2, "hour": 1, "day_of_week": 1, "pad": ")";
  body += std::string((size_t{1} << 20) + 10, 'x');
  body += "\"}";
  auto result = Post("/predict", body);
  ASSERT_TRUE(result);
  EXPECT_EQ(result->status, 413);
  const nlohmann::json json = BodyJson(result);
  EXPECT_EQ(json["status"], "error");
  EXPECT_EQ(json["error"], "request body too large");
  // The server is still there.
  auto after = harness_->Client()->Get("/health");
  ASSERT_TRUE(after);
  EXPECT_EQ(after->status, 200);
}

TEST_F(PredictRoutesTest, WithoutAModelPredictAnswers503SayingWhy) {
  HarnessOptions options;
  options.model = false;
  options.warehouse = false;
  ServerHarness bare(options);
  bare.Start();
  auto result = bare.Client()->Post(
      "/predict", R"({"quantity": 3, "unit_price": 2, "hour": 1, "day_of_week": 1})",
      "application/json");
  ASSERT_TRUE(result);
  EXPECT_EQ(result->status, 503);
  EXPECT_THAT(BodyJson(result)["error"].get<std::string>(), HasSubstr("--models"));
}

TEST_F(PredictRoutesTest, AModelThatFailsToLoadIsReported) {
  HarnessOptions options;
  options.warehouse = false;
  options.loader = [] {
    return Result<std::unique_ptr<ml::LinePredictor>>(
        Status::NotFound("models/line_revenue.json: no such file: run storepulse train"));
  };
  ServerHarness failing(options);
  failing.Start();
  auto result = failing.Client()->Post(
      "/predict", R"({"quantity": 3, "unit_price": 2, "hour": 1, "day_of_week": 1})",
      "application/json");
  ASSERT_TRUE(result);
  EXPECT_EQ(result->status, 503);
  EXPECT_THAT(BodyJson(result)["error"].get<std::string>(),
              HasSubstr("the model failed to load: models/line_revenue.json"));
}

}  // namespace
}  // namespace storepulse::testing

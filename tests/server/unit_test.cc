// The server's pieces without sockets: route matching, the token comparison, the
// Status → HTTP mapping and the prediction codec.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "server/auth.h"
#include "server/http_types.h"
#include "server/prediction_codec.h"
#include "server/route_table.h"
#include "test_util.h"

namespace storepulse::server {
namespace {

using ::testing::ElementsAre;

HttpResponse Named(const char* name) { return RawJsonResponse(name); }

TEST(RouteTableTest, MatchesLiteralAndParameterSegments) {
  RouteTable table;
  table.Add(
      {"GET", "/api/v1/daily", "", [](const HttpRequest&) { return Named("daily"); }});
  table.Add({"GET", "/api/v1/customers/{id}", "",
             [](const HttpRequest&) { return Named("customer"); }});
  table.Add(
      {"POST", "/predict", "", [](const HttpRequest&) { return Named("predict"); }});

  auto daily = table.Find("GET", "/api/v1/daily");
  ASSERT_NE(daily.route, nullptr);
  EXPECT_EQ(daily.route->pattern, "/api/v1/daily");

  auto customer = table.Find("GET", "/api/v1/customers/12345");
  ASSERT_NE(customer.route, nullptr);
  EXPECT_THAT(customer.path_params,
              ElementsAre(std::pair<std::string, std::string>("id", "12345")));

  EXPECT_EQ(table.Find("GET", "/api/v1/customers/").route, nullptr);
  EXPECT_EQ(table.Find("GET", "/api/v1/customers/1/x").route, nullptr);
  EXPECT_EQ(table.Find("GET", "/api/v1/daily/").route, nullptr);
  auto unknown = table.Find("GET", "/nothing");
  EXPECT_EQ(unknown.route, nullptr);
  EXPECT_TRUE(unknown.allowed_methods.empty());
  auto wrong = table.Find("DELETE", "/predict");
  EXPECT_EQ(wrong.route, nullptr);
  EXPECT_THAT(wrong.allowed_methods, ElementsAre("POST"));
}

TEST(BearerTokenTest, AcceptsOnlyTheExactToken) {
  const BearerToken token("abc123");
  EXPECT_TRUE(token.Accepts("Bearer abc123"));
  EXPECT_TRUE(token.Accepts("BEARER abc123"));
  EXPECT_TRUE(token.Accepts("Bearer abc123 "));
  EXPECT_FALSE(token.Accepts("Bearer abc124"));
  EXPECT_FALSE(token.Accepts("Bearer abc12"));
  EXPECT_FALSE(token.Accepts("Bearer abc1234"));
  EXPECT_FALSE(token.Accepts("abc123"));
  EXPECT_FALSE(token.Accepts(""));
  EXPECT_TRUE(ConstantTimeEquals("", ""));
  EXPECT_FALSE(ConstantTimeEquals("a", ""));
  EXPECT_FALSE(ConstantTimeEquals(std::string("a\0b", 3), std::string("a\0c", 3)));
}

TEST(BearerTokenTest, ReadsTheFirstLineOfTheTokenFile) {
  testing::TempDir dir;
  auto token = BearerToken::FromFile(dir.Write("token", "  tok-en \nsecond line\n"));
  ASSERT_TRUE(token.ok()) << token.status().ToString();
  EXPECT_TRUE(token->Accepts("Bearer tok-en"));

  auto empty = BearerToken::FromFile(dir.Write("empty", "\n"));
  ASSERT_FALSE(empty.ok());
  EXPECT_EQ(empty.status().code(), StatusCode::kInvalidArgument);
  EXPECT_THAT(empty.status().message(), ::testing::HasSubstr("--token-file"));
  auto missing = BearerToken::FromFile((dir.path() / "none").string());
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().code(), StatusCode::kNotFound);
}

TEST(HttpTypesTest, StatusesMapToHttpCodesWithTheErrorBody) {
  EXPECT_EQ(HttpStatusOf(StatusCode::kInvalidArgument), 400);
  EXPECT_EQ(HttpStatusOf(StatusCode::kOutOfRange), 400);
  EXPECT_EQ(HttpStatusOf(StatusCode::kNotFound), 404);
  EXPECT_EQ(HttpStatusOf(StatusCode::kIOError), 503);
  EXPECT_EQ(HttpStatusOf(StatusCode::kInternal), 500);
  const HttpResponse response = StatusResponse(Status::NotFound("no \"such\" day"));
  EXPECT_EQ(response.status, 404);
  EXPECT_EQ(response.body, R"({"status":"error","error":"no \"such\" day"})");
  EXPECT_EQ(response.content_type, "application/json");
}

TEST(PredictionCodecTest, DecodesTheRequestAndEncodesTheAnswer) {
  auto json = ParseJsonBody(
      R"({"quantity": 3, "unit_price": 15.5, "hour": 14.0, "day_of_week": 2, "month": null})");
  ASSERT_TRUE(json.ok());
  auto request = DecodeLineRequest(*json);
  ASSERT_TRUE(request.ok()) << request.status().ToString();
  EXPECT_EQ(request->quantity, 3);
  EXPECT_EQ(request->unit_price, 15.5);
  EXPECT_EQ(request->hour, 14);
  EXPECT_EQ(request->day_of_week, 2);
  EXPECT_FALSE(request->month.has_value());
  EXPECT_FALSE(request->country.has_value());

  EXPECT_EQ(
      EncodeBatchPredictions({1.5, 2, 0.01}, "v\"2"),
      R"({"predictions":[1.5,2,0.01],"count":3,"status":"success","model_version":"v\"2"})");
}

}  // namespace
}  // namespace storepulse::server

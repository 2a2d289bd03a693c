// /, /health, /ready, /metrics, 404 and 405, the token, the access log and graceful
// shutdown, over real HTTP.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <future>
#include <thread>

#include "prometheus_text.h"
#include "server_harness.h"

namespace storepulse::testing {
namespace {

using ::testing::HasSubstr;

constexpr char kPredictBody[] =
    R"({"quantity": 3, "unit_price": 15.5, "hour": 14, "day_of_week": 2})";

TEST(ServiceRoutesTest, HealthSaysWhatIsLoaded) {
  ServerHarness harness;
  harness.Start();
  auto result = harness.Client()->Get("/health");
  ASSERT_TRUE(result);
  ASSERT_EQ(result->status, 200);
  const nlohmann::json health = BodyJson(result);
  EXPECT_EQ(health["status"], "healthy");
  EXPECT_EQ(health["version"], STOREPULSE_VERSION);
  EXPECT_GE(health["uptime_seconds"].get<double>(), 0);
  EXPECT_EQ(health["model_loaded"], true);
  EXPECT_EQ(health["warehouse_reachable"], true);
  EXPECT_EQ(health["ready"], true);
  EXPECT_EQ(health["model"]["version"], "line_revenue-test-0001");
  EXPECT_EQ(health["warehouse"]["state"], "loaded");
  EXPECT_EQ(health["warehouse"]["source"], SampleWarehouse::Get().csv());
  EXPECT_GT(health["warehouse"]["lines"].get<int>(), 20000);
}

TEST(ServiceRoutesTest, ReadyIs503UntilLoadingIsDoneWhileHealthAnswersAtOnce) {
  std::promise<void> release;
  std::shared_future<void> released = release.get_future().share();
  HarnessOptions options;
  options.warehouse = false;
  options.loader = [released] {
    released.wait();
    return Result<std::unique_ptr<ml::LinePredictor>>(
        std::make_unique<TestLinePredictor>());
  };
  ServerHarness harness(options);
  harness.Start(/*wait_for_loading=*/false);
  auto client = harness.Client();

  auto health = client->Get("/health");
  ASSERT_TRUE(health);
  EXPECT_EQ(health->status, 200);
  EXPECT_EQ(BodyJson(health)["model"]["state"], "loading");
  auto not_ready = client->Get("/ready");
  ASSERT_TRUE(not_ready);
  EXPECT_EQ(not_ready->status, 503);
  EXPECT_EQ(BodyJson(not_ready)["error"], "not ready: the model is loading");
  auto predict = client->Post("/predict", kPredictBody, "application/json");
  ASSERT_TRUE(predict);
  EXPECT_EQ(predict->status, 503);
  EXPECT_THAT(BodyJson(predict)["error"].get<std::string>(), HasSubstr("still loading"));

  release.set_value();
  harness.server().WaitForLoading();
  auto ready = client->Get("/ready");
  ASSERT_TRUE(ready);
  EXPECT_EQ(ready->status, 200);
  EXPECT_EQ(BodyJson(ready)["status"], "ready");
}

TEST(ServiceRoutesTest, IndexListsEveryRouteFromTheTable) {
  ServerHarness harness;
  harness.Start();
  auto result = harness.Client()->Get("/");
  ASSERT_TRUE(result);
  ASSERT_EQ(result->status, 200);
  const nlohmann::json index = BodyJson(result);
  std::vector<std::string> routes;
  for (const auto& route : index["routes"]) {
    routes.push_back(route["method"].get<std::string>() + " " +
                     route["path"].get<std::string>());
    EXPECT_FALSE(route["doc"].get<std::string>().empty());
  }
  for (const char* expected :
       {"GET /health", "GET /ready", "GET /metrics", "POST /predict",
        "POST /predict/batch", "GET /api/v1/daily", "GET /api/v1/weekly",
        "GET /api/v1/segments", "GET /api/v1/rfm", "GET /api/v1/products",
        "GET /api/v1/countries", "GET /api/v1/cohorts", "GET /api/v1/seasonality",
        "GET /api/v1/forecast", "GET /api/v1/customers/{id}"}) {
    EXPECT_THAT(routes, ::testing::Contains(std::string(expected)));
  }
}

TEST(ServiceRoutesTest, UnknownRoutesAre404AndWrongMethods405WithAllow) {
  ServerHarness harness;
  harness.Start();
  auto client = harness.Client();
  auto missing = client->Get("/api/v2/daily");
  ASSERT_TRUE(missing);
  EXPECT_EQ(missing->status, 404);
  EXPECT_EQ(missing->get_header_value("Content-Type"), "application/json");
  EXPECT_EQ(BodyJson(missing)["error"],
            "no route GET /api/v2/daily (GET / lists the routes)");

  auto wrong = client->Get("/predict");
  ASSERT_TRUE(wrong);
  EXPECT_EQ(wrong->status, 405);
  EXPECT_EQ(wrong->get_header_value("Allow"), "POST");
  EXPECT_EQ(BodyJson(wrong)["error"],
            "method GET not allowed on /predict (allowed: POST)");

  auto put = client->Put("/api/v1/daily", "{}", "application/json");
  ASSERT_TRUE(put);
  EXPECT_EQ(put->status, 405);
  EXPECT_EQ(put->get_header_value("Allow"), "GET");
  auto del = client->Delete("/health");
  ASSERT_TRUE(del);
  EXPECT_EQ(del->status, 405);
  // HEAD is GET without a body.
  auto head = client->Head("/api/v1/daily");
  ASSERT_TRUE(head);
  EXPECT_EQ(head->status, 200);
  EXPECT_TRUE(head->body.empty());
}

TEST(ServiceRoutesTest, TokenIsRequiredEverywhereButHealth) {
  HarnessOptions options;
  options.token = "s3cret-token";
  ServerHarness harness(options);
  harness.Start();
  auto client = harness.Client();

  auto health = client->Get("/health");
  ASSERT_TRUE(health);
  EXPECT_EQ(health->status, 200);

  for (const char* path :
       {"/ready", "/metrics", "/api/v1/daily", "/", "/no/such/route"}) {
    auto anonymous = client->Get(path);
    ASSERT_TRUE(anonymous);
    EXPECT_EQ(anonymous->status, 401) << path;
    EXPECT_EQ(anonymous->get_header_value("WWW-Authenticate"), "Bearer");
    EXPECT_EQ(BodyJson(anonymous)["error"],
              "missing Authorization header: send 'Authorization: Bearer <token>'");
  }
  const auto predict = [&](const std::string& authorization) {
    httplib::Headers headers;
    if (!authorization.empty()) headers.emplace("Authorization", authorization);
    return client->Post("/predict", headers, kPredictBody, "application/json");
  };
  for (const char* wrong : {"Bearer s3cret-tokem", "Bearer s3cret-token-and-more",
                            "Bearer ", "Basic s3cret-token", "s3cret-token"}) {
    auto refused = predict(wrong);
    ASSERT_TRUE(refused);
    EXPECT_EQ(refused->status, 401) << wrong;
    EXPECT_EQ(BodyJson(refused)["error"], "invalid token in the Authorization header");
  }
  auto accepted = predict("Bearer s3cret-token");
  ASSERT_TRUE(accepted);
  EXPECT_EQ(accepted->status, 200) << accepted->body;
  auto lower_scheme = predict("bearer s3cret-token");
  ASSERT_TRUE(lower_scheme);
  EXPECT_EQ(lower_scheme->status, 200);
  httplib::Headers headers = {{"Authorization", "Bearer s3cret-token"}};
  auto daily = client->Get("/api/v1/daily", headers);
  ASSERT_TRUE(daily);
  EXPECT_EQ(daily->status, 200);
}

TEST(ServiceRoutesTest, MetricsAreValidPrometheusTextAndCountTheTraffic) {
  ServerHarness harness;
  harness.Start();
  auto client = harness.Client();
  for (int i = 0; i < 7; ++i) {
    ASSERT_EQ(client->Post("/predict", kPredictBody, "application/json")->status, 200);
  }
  for (int i = 0; i < 3; ++i) {
    ASSERT_EQ(client->Post("/predict", "{", "application/json")->status, 400);
  }
  ASSERT_EQ(
      client
          ->Post("/predict/batch",
                 std::string("{\"items\":[") + kPredictBody + "," + kPredictBody + "]}",
                 "application/json")
          ->status,
      200);
  ASSERT_EQ(client->Get("/api/v1/daily")->status, 200);
  ASSERT_EQ(client->Get("/nowhere")->status, 404);

  auto result = client->Get("/metrics");
  ASSERT_TRUE(result);
  ASSERT_EQ(result->status, 200);
  EXPECT_EQ(result->get_header_value("Content-Type"),
            "text/plain; version=0.0.4; charset=utf-8");
  std::string error;
  const std::optional<PromText> metrics = ParsePrometheusText(result->body, &error);
  ASSERT_TRUE(metrics.has_value()) << error << "\n" << result->body;

  const auto requests = [&](const char* method, const char* route, const char* status) {
    return metrics->Value("storepulse_http_requests_total",
                          {{"method", method}, {"route", route}, {"status", status}});
  };
  EXPECT_EQ(requests("POST", "/predict", "200"), 7);
  EXPECT_EQ(requests("POST", "/predict", "400"), 3);
  EXPECT_EQ(requests("POST", "/predict/batch", "200"), 1);
  EXPECT_EQ(requests("GET", "/api/v1/daily", "200"), 1);
  EXPECT_EQ(requests("GET", "unmatched", "404"), 1);
  EXPECT_EQ(metrics->types.at("storepulse_http_requests_total"), "counter");
  EXPECT_EQ(metrics->types.at("storepulse_http_request_duration_seconds"), "histogram");
  EXPECT_EQ(metrics->Value("storepulse_http_request_duration_seconds_count",
                           {{"route", "/predict"}}),
            10);
  EXPECT_EQ(metrics->Value("storepulse_predictions_total", {{"endpoint", "predict"}}), 7);
  EXPECT_EQ(
      metrics->Value("storepulse_predictions_total", {{"endpoint", "predict_batch"}}), 2);
  // The scrape itself is in flight while the text is written.
  EXPECT_EQ(metrics->Value("storepulse_http_requests_in_flight"), 1);
  EXPECT_EQ(
      metrics->Value("storepulse_model_info", {{"version", "line_revenue-test-0001"}}),
      1);
  EXPECT_EQ(metrics->Value("storepulse_build_info", {{"version", STOREPULSE_VERSION}}),
            1);
  EXPECT_GT(metrics->Value("storepulse_warehouse_lines").value_or(0), 20000);
  EXPECT_GT(metrics->Value("process_cpu_seconds_total").value_or(0), 0);
  EXPECT_GT(metrics->Value("process_resident_memory_bytes").value_or(0), 1 << 20);
  EXPECT_GT(metrics->Value("process_open_fds").value_or(0), 3);
  EXPECT_EQ(metrics->types.at("process_cpu_seconds_total"), "counter");
}

TEST(ServiceRoutesTest, AccessLogHasOneLinePerRequest) {
  TempDir dir;
  const std::string path = (dir.path() / "access.log").string();
  auto log = server::AccessLog::Open(path, nullptr);
  ASSERT_OK(log.status());
  {
    HarnessOptions options;
    options.access_log = log->get();
    ServerHarness harness(options);
    harness.Start();
    auto client = harness.Client();
    ASSERT_EQ(client->Get("/health")->status, 200);
    ASSERT_EQ(client->Post("/predict", "{}", "application/json")->status, 400);
    ASSERT_EQ(client->Get("/api/v1/forecast")->status, 503);
    ASSERT_EQ(client->Get("/x%0A2026-01-01T00:00:00.000000%20GET%20/forged%20200%201us")
                  ->status,
              404);
  }
  log->reset();  // the writer thread drains its queue and ends
  const std::string text = ReadWholeFile(path);
  EXPECT_THAT(text, ::testing::ContainsRegex(
                        "[0-9T:.-]+ GET /health 200 [0-9]+us\n"
                        "[0-9T:.-]+ POST /predict 400 [0-9]+us\n"
                        "[0-9T:.-]+ GET /api/v1/forecast 503 [0-9]+us\n"
                        "[0-9T:.-]+ GET /x\\?2026-01-01T00:00:00.000000 GET /forged "
                        "200 1us 404 [0-9]+us\n"));
}

TEST(ServiceRoutesTest, StopLetsARequestInFlightFinish) {
  HarnessOptions options;
  options.warehouse = false;
  ServerHarness harness(options);
  harness.Start();
  auto slow = std::async(std::launch::async, [&harness] {
    return harness.Client()->Post(
        "/predict", R"({"quantity": 777, "unit_price": 1, "hour": 1, "day_of_week": 1})",
        "application/json");
  });
  // Stop once the slow prediction is in its handler (it takes kSlowMilliseconds).
  while (harness.server().metrics().Render().find(
             "storepulse_http_requests_in_flight 1") == std::string::npos) {
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  harness.server().Stop();
  // Stop returned after the answer was written: the client gets it, complete.
  ASSERT_EQ(slow.wait_for(std::chrono::seconds(5)), std::future_status::ready);
  auto result = slow.get();
  ASSERT_TRUE(result) << httplib::to_string(result.error());
  EXPECT_EQ(result->status, 200);
  EXPECT_DOUBLE_EQ(BodyJson(result)["predicted_revenue"].get<double>(), 777);
  // And nothing is accepted any more.
  httplib::Client after("127.0.0.1", harness.port());
  after.set_connection_timeout(1, 0);
  EXPECT_FALSE(after.Get("/health"));
}

}  // namespace
}  // namespace storepulse::testing

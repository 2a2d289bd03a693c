// Starts a real server::Server on a free loopback port for a test, with the test
// predictor and a warehouse that `storepulse batch` filled from a generated sample, and
// gives cpp-httplib clients to talk to it.
#pragma once

#include <gtest/gtest.h>
#include <httplib.h>

#include <chrono>
#include <memory>
#include <optional>
#include <string>

#include "cli/cli_runner.h"
#include "monitor/clock.h"
#include "server/server.h"
#include "test_predictor.h"
#include "test_util.h"

namespace storepulse::testing {

// A generated export and the warehouse `storepulse batch` made of it, in a temporary
// directory (made once per test process: about 0.3 s).
class SampleWarehouse {
 public:
  static constexpr int kRows = 30'000;

  static const SampleWarehouse& Get() {
    static const SampleWarehouse sample;
    return sample;
  }
  const std::string& csv() const { return csv_; }
  const std::string& url() const { return url_; }
  const std::string& batch_output() const { return batch_output_; }
  bool ok() const { return ok_; }

 private:
  SampleWarehouse() {
    csv_ = (dir_.path() / "sample.csv").string();
    url_ = "sqlite://" + (dir_.path() / "warehouse.db").string();
    const CliRun generated = RunCli("generate --rows " + std::to_string(kRows) +
                                    " --seed 11 --output " + csv_);
    const CliRun batch = RunCli("batch --input " + csv_ + " --out " +
                                (dir_.path() / "out").string() + " --warehouse " + url_);
    batch_output_ = generated.out + batch.out;
    ok_ = generated.exit_code == 0 && batch.exit_code == 0;
  }
  TempDir dir_;
  std::string csv_;
  std::string url_;
  std::string batch_output_;
  bool ok_ = false;
};

struct HarnessOptions {
  bool model = true;                               // serve the TestLinePredictor
  bool warehouse = true;                           // serve SampleWarehouse
  std::string warehouse_url;                       // instead of the sample's
  std::chrono::milliseconds warehouse_refresh{0};  // zero: load the warehouse once
  std::optional<std::string> token;
  server::PredictorLoader loader;  // instead of the TestLinePredictor
  server::AccessLog* access_log = nullptr;
  int threads = 8;
  size_t max_body_bytes = size_t{1} << 20;
};

class ServerHarness {
 public:
  explicit ServerHarness(HarnessOptions options = {}) : options_(std::move(options)) {}

  // Starts the server and (by default) waits until loading is done.
  void Start(bool wait_for_loading = true) {
    server::ServerDependencies dependencies;
    dependencies.clock = &clock_;
    if (options_.loader) {
      dependencies.load_predictor = options_.loader;
    } else if (options_.model) {
      dependencies.load_predictor = [] {
        return Result<std::unique_ptr<ml::LinePredictor>>(
            std::make_unique<TestLinePredictor>());
      };
    }
    if (!options_.warehouse_url.empty()) {
      dependencies.warehouse_url = options_.warehouse_url;
    } else if (options_.warehouse) {
      const SampleWarehouse& sample = SampleWarehouse::Get();
      ASSERT_TRUE(sample.ok()) << sample.batch_output();
      dependencies.warehouse_url = sample.url();
    }
    dependencies.warehouse_refresh = options_.warehouse_refresh;
    if (options_.token.has_value())
      dependencies.token = server::BearerToken(*options_.token);
    dependencies.access_log = options_.access_log;
    server::ListenerOptions listener;
    listener.port = 0;
    listener.threads = options_.threads;
    listener.max_body_bytes = options_.max_body_bytes;
    server_ = std::make_unique<server::Server>(listener, std::move(dependencies));
    ASSERT_OK(server_->Start());
    ASSERT_GT(server_->port(), 0);
    if (wait_for_loading) server_->WaitForLoading();
  }

  server::Server& server() { return *server_; }
  int port() const { return server_->port(); }

  std::unique_ptr<httplib::Client> Client() const {
    auto client = std::make_unique<httplib::Client>("127.0.0.1", server_->port());
    client->set_keep_alive(true);
    client->set_tcp_nodelay(true);  // else each request waits for a delayed ACK
    client->set_read_timeout(10, 0);
    return client;
  }

 private:
  HarnessOptions options_;
  monitor::SystemClock clock_;
  std::unique_ptr<server::Server> server_;
};

// The JSON of a response body (a test failure, not an exception, when it is not JSON).
inline nlohmann::json BodyJson(const httplib::Result& result) {
  if (!result) {
    ADD_FAILURE() << "no response: " << httplib::to_string(result.error());
    return nullptr;
  }
  if (!nlohmann::json::accept(result->body)) {
    ADD_FAILURE() << "not JSON: " << result->body;
    return nullptr;
  }
  return nlohmann::json::parse(result->body);
}

}  // namespace storepulse::testing

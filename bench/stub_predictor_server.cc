// The HTTP service with a stand-in predictor (revenue = quantity × unit price), for
// benchmarking the HTTP path of POST /predict while this branch has no trained model to
// load. The stand-in costs nanoseconds; the real model adds its own per-row time (see
// the ML benchmarks). Everything else is `storepulse serve`'s server::Server.
//
// Usage: stub_predictor_server PORT THREADS [WAREHOUSE_URL]; stops on SIGINT/SIGTERM.
#include <signal.h>

#include <cmath>
#include <cstdio>
#include <string>

#include "monitor/clock.h"
#include "server/server.h"

namespace {

using storepulse::Result;
using storepulse::Status;
namespace ml = storepulse::ml;

class QuantityTimesPrice final : public ml::LinePredictor {
 public:
  Result<ml::LinePrediction> Predict(const ml::LineRequest& request) const override {
    SP_RETURN_IF_ERROR(Check(request));
    ml::LinePrediction prediction;
    prediction.predicted_revenue = Revenue(request);
    prediction.input_features = {
        {"quantity", request.quantity, std::nullopt},
        {"unit_price", request.unit_price, std::nullopt},
        {"hour", static_cast<double>(request.hour), std::nullopt},
        {"day_of_week", static_cast<double>(request.day_of_week), std::nullopt}};
    return prediction;
  }
  Result<std::vector<double>> PredictBatch(
      std::span<const ml::LineRequest> requests) const override {
    std::vector<double> out;
    out.reserve(requests.size());
    for (const ml::LineRequest& request : requests) {
      SP_RETURN_IF_ERROR(Check(request));
      out.push_back(Revenue(request));
    }
    return out;
  }
  const std::string& model_version() const override { return version_; }

 private:
  static Status Check(const ml::LineRequest& request) {
    if (!(request.quantity > 0 && request.unit_price > 0 && request.hour >= 0 &&
          request.hour <= 23 && request.day_of_week >= 0 && request.day_of_week <= 6)) {
      return Status::InvalidArgument("out of range");
    }
    return Status::Ok();
  }
  static double Revenue(const ml::LineRequest& request) {
    return std::round(request.quantity * request.unit_price * 100) / 100;
  }
  std::string version_ = "stub-quantity-x-price";
};

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: %s PORT THREADS [WAREHOUSE_URL]\n", argv[0]);
    return 2;
  }
  sigset_t stop;
  sigemptyset(&stop);
  sigaddset(&stop, SIGINT);
  sigaddset(&stop, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop, nullptr);

  storepulse::monitor::SystemClock clock;
  storepulse::server::ServerDependencies dependencies;
  dependencies.clock = &clock;
  dependencies.load_predictor = [] {
    return Result<std::unique_ptr<ml::LinePredictor>>(
        std::make_unique<QuantityTimesPrice>());
  };
  if (argc > 3) dependencies.warehouse_url = argv[3];
  storepulse::server::ListenerOptions options;
  options.port = std::stoi(argv[1]);
  options.threads = std::stoi(argv[2]);
  storepulse::server::Server server(options, std::move(dependencies));
  if (Status started = server.Start(); !started.ok()) {
    std::fprintf(stderr, "%s\n", started.ToString().c_str());
    return 1;
  }
  std::fprintf(stderr, "listening on http://127.0.0.1:%d\n", server.port());
  int signal_number = 0;
  sigwait(&stop, &signal_number);
  server.Stop();
  return 0;
}

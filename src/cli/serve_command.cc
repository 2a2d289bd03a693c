// storepulse serve: the HTTP service. Wiring only: options, the model loader, the access
// log and the signals; server/ does the rest.
#include <fmt/format.h>
#include <signal.h>
#include <spdlog/sinks/stdout_color_sinks.h>

#include <chrono>
#include <cmath>
#include <memory>
#include <thread>

#include "cli/command_support.h"
#include "cli/commands.h"
#include "cli/input_errors.h"
#include "cli/predictor_factory.h"
#include "monitor/clock.h"
#include "server/server.h"
#include "storage/warehouse.h"
#include "storage/warehouse_url.h"

namespace storepulse::cli {

namespace {

struct ServeOptions {
  std::string host = "127.0.0.1";
  int port = 5001;
  std::string models;
  std::string warehouse = storage::kDefaultWarehouseUrl;
  double refresh_seconds = 30;
  int threads = 0;
  std::string token_file;
  std::string access_log;
};

int Run(const ServeOptions& options) {
  // SIGINT and SIGTERM are taken by sigwait below, on this thread: blocked here, before
  // any thread starts, so that every thread inherits the mask and none is interrupted.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

  auto console = spdlog::stderr_color_mt("serve");
  server::ServerDependencies dependencies;
  monitor::SystemClock clock;
  dependencies.clock = &clock;
  if (!options.models.empty()) {
    dependencies.load_predictor = [dir = options.models] {
      return LoadServedPredictor(dir);
    };
  }
  if (options.warehouse != "none") {
    // Only the URL's form is checked here: a server that is down may come up later, and
    // the refresh retries it; a malformed URL never loads.
    auto url = storage::ParseWarehouseUrl(options.warehouse);
    if (!url.ok()) {
      return ReportInputError(WarehouseOptionError(options.warehouse, url.status()));
    }
    dependencies.warehouse_url = options.warehouse;
  }
  dependencies.warehouse_refresh = std::chrono::milliseconds(
      static_cast<int64_t>(std::llround(options.refresh_seconds * 1000)));
  if (!options.token_file.empty()) {
    auto token = server::BearerToken::FromFile(options.token_file);
    if (!token.ok()) return ReportInputError(token.status());
    dependencies.token = std::move(token).value();
  }
  auto access_log = server::AccessLog::Open(options.access_log, console);
  if (!access_log.ok()) return ReportInputError(access_log.status());
  dependencies.access_log = access_log->get();

  server::ListenerOptions listener;
  listener.host = options.host;
  listener.port = options.port;
  listener.threads = options.threads;
  server::Server server(listener, std::move(dependencies));
  if (Status started = server.Start(); !started.ok()) {
    return ReportInputError(Status(started.code(), "--port: " + started.message()));
  }
  console->info("listening on http://{}:{} ({} threads){}", options.host, server.port(),
                server.threads(), options.token_file.empty() ? "" : ", token required");

  // Says when loading is done, without holding up the signal wait.
  std::thread announcer([&server, &console] {
    server.WaitForLoading();
    const server::ServiceState& state = server.state();
    if (state.ready()) {
      console->info("ready");
    } else {
      if (!state.predictor_error().empty()) {
        console->warn("model not loaded: {}", state.predictor_error());
      }
      if (!state.warehouse_error().empty()) {
        console->warn("warehouse data not loaded: {}", state.warehouse_error());
      }
    }
  });
  int signal_number = 0;
  sigwait(&stop_signals, &signal_number);
  console->info("{}: finishing the requests in flight", strsignal(signal_number));
  server.Stop();
  announcer.join();
  console->info("stopped");
  return kExitOk;
}

}  // namespace

void RegisterServeCommand(CLI::App& app, int* exit_code) {
  auto options = std::make_shared<ServeOptions>();
  CLI::App* command = app.add_subcommand(
      "serve",
      "The HTTP service: POST /predict and /predict/batch, the reports as JSON under "
      "/api/v1, /health, /ready and Prometheus /metrics (GET / lists the routes)");
  command->add_option("--host", options->host, "Address to listen on")
      ->capture_default_str();
  command->add_option("--port", options->port, "TCP port (0: any free port)")
      ->check(CLI::Range(0, 65535))
      ->capture_default_str();
  command->add_option("--models", options->models,
                      "Directory of the models written by storepulse train (without it, "
                      "/predict answers 503)");
  command
      ->add_option("--warehouse", options->warehouse,
                   "The warehouse storepulse batch loaded: sqlite:///path.db, "
                   "postgresql://user@host/db, or none")
      ->capture_default_str();
  command
      ->add_option("--refresh", options->refresh_seconds,
                   "Seconds between looks at the warehouse: newer data (a batch run, a "
                   "trained model) is loaded and served without a restart (0: load once)")
      ->check(CLI::Range(0.0, 86400.0))
      ->capture_default_str();
  command
      ->add_option("--threads", options->threads,
                   "Connections served at once (0: max(8, 4 x cores)); keep it at least "
                   "the number of keep-alive clients")
      ->check(CLI::Range(0, 4096))
      ->capture_default_str();
  command->add_option("--token-file", options->token_file,
                      "File whose first line is the token every route but /health then "
                      "requires (Authorization: Bearer <token>)");
  command->add_option("--access-log", options->access_log,
                      "File to append one line per request to (method, path, status, "
                      "microseconds)");
  command->callback([options, exit_code] { *exit_code = Run(*options); });
}

}  // namespace storepulse::cli

// storepulse batch: the main job. Ingest, clean, every analytic, then the output
// directory (and, later, the warehouse); prints the daily report.
#include <fmt/format.h>
#include <oneapi/tbb/parallel_for.h>
#include <oneapi/tbb/task_group.h>
#include <spdlog/sinks/basic_file_sink.h>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <chrono>
#include <filesystem>
#include <memory>
#include <system_error>
#include <thread>

#include "analytics/report_registry.h"
#include "cli/command_support.h"
#include "cli/commands.h"
#include "cli/input_errors.h"
#include "cli/progress.h"
#include "core/atomic_file.h"
#include "core/number_format.h"
#include "ingest/csv_reader.h"
#include "ingest/mapped_file.h"
#include "storage/analytics_rows.h"
#include "storage/warehouse.h"
#include "storage/warehouse_url.h"

namespace storepulse::cli {

namespace {

struct BatchOptions {
  std::string input;
  std::string date;
  std::string warehouse = storage::kDefaultWarehouseUrl;
  std::string out_dir = "out";
  int threads = 0;
};

// What each report kind leaves in the output directory.
struct OutputFile {
  const char* kind;
  const char* file;
  enum class Format { kJson, kCsv } format;
};
constexpr OutputFile kOutputs[] = {
    {"daily", "daily_metrics.json", OutputFile::Format::kJson},
    {"weekly", "weekly_trends.json", OutputFile::Format::kJson},
    {"segments", "customer_segments.json", OutputFile::Format::kJson},
    {"rfm", "rfm.csv", OutputFile::Format::kCsv},
    {"products", "products.csv", OutputFile::Format::kCsv},
    {"countries", "countries.csv", OutputFile::Format::kCsv},
    {"cohorts", "cohorts.csv", OutputFile::Format::kCsv},
    {"seasonality", "seasonality.json", OutputFile::Format::kJson},
};

std::shared_ptr<spdlog::logger> MakeLogger(const std::filesystem::path& log_file) {
  auto console = std::make_shared<spdlog::sinks::stderr_color_sink_mt>();
  console->set_level(spdlog::level::warn);
  auto file =
      std::make_shared<spdlog::sinks::basic_file_sink_mt>(log_file.string(), true);
  file->set_level(spdlog::level::info);
  auto logger =
      std::make_shared<spdlog::logger>("batch", spdlog::sinks_init_list{console, file});
  logger->set_level(spdlog::level::info);
  logger->flush_on(spdlog::level::info);
  return logger;
}

// Identifies an input's content: std::hash of 4 MiB blocks (hashed in parallel),
// combined in order. Not cryptographic; it tells a changed file from the same one.
Result<std::string> HashInput(const std::string& path) {
  SP_ASSIGN_OR_RETURN(ingest::MappedFile file, ingest::MappedFile::Open(path));
  const std::string_view data = file.data();
  constexpr size_t kBlock = size_t{4} << 20;
  const size_t blocks = (data.size() + kBlock - 1) / kBlock;
  std::vector<size_t> hashes(blocks);
  tbb::parallel_for(size_t{0}, blocks, [&](size_t i) {
    hashes[i] = std::hash<std::string_view>{}(data.substr(i * kBlock, kBlock));
  });
  uint64_t combined = data.size();
  for (size_t hash : hashes) combined = combined * 1099511628211ULL ^ hash;
  return fmt::format("{:016x}", combined);
}

// Stores the run in the warehouse: the clean lines, the quarantine and every metric
// table, replacing what an earlier run of the same input stored, in one transaction.
Status StoreInWarehouse(const std::string& url, const std::string& source,
                        const ingest::IngestResult& ingested,
                        analytics::AnalyticsContext& context, spdlog::logger& log) {
  SP_ASSIGN_OR_RETURN(auto warehouse, storage::OpenWarehouse(url));
  SP_ASSIGN_OR_RETURN(const std::string hash, HashInput(source));
  SP_ASSIGN_OR_RETURN(const int64_t run, warehouse->BeginRun(source, hash));
  storage::BatchLoad load;
  load.source = source;
  load.lines = &ingested.table;
  const ingest::Quarantine& quarantine = ingested.quarantine;
  // Four strings a row (20 ms for the real export's 144 k rows on one thread).
  load.quarantine.resize(quarantine.size());
  tbb::parallel_for(size_t{0}, quarantine.size(), [&](size_t i) {
    const ingest::QuarantinedRow& row = quarantine.row(i);
    const ingest::TextPosition position = quarantine.Position(i);
    load.quarantine[i] = storage::QuarantineRecord{
        position.line,
        position.column,
        std::string(ingest::QuarantineReasonName(row.reason)),
        row.column == ingest::kWholeRow
            ? std::string()
            : std::string(
                  ingest::OrderColumnName(static_cast<ingest::OrderColumn>(row.column))),
        quarantine.Detail(i),
        std::string(quarantine.raw(i))};
  });
  load.metrics = storage::MetricRowsOf(context);
  Status loaded = warehouse->Load(run, load);
  const uint64_t rows = ingested.table.size();
  Status finished = warehouse->FinishRun(run, loaded.ok(), loaded.ok() ? rows : 0,
                                         loaded.ok() ? "" : loaded.message());
  if (!loaded.ok()) return loaded;
  if (!finished.ok()) return finished;
  log.info("stored run {} in {}: {} lines, {} quarantined rows", run, warehouse->url(),
           rows, quarantine.size());
  return Status::Ok();
}

double Seconds(std::chrono::steady_clock::time_point since) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - since).count();
}

int Run(const BatchOptions& options) {
  const auto started = std::chrono::steady_clock::now();
  const auto limit = LimitThreads(options.threads);
  analytics::ReportOptions report_options;
  auto day = ParseDateOption(options.date);
  if (!day.ok()) return ReportInputError(day.status());
  report_options.day = *day;
  // The directory first: the warehouse may be a file in it.
  if (Status created = CreateOutputDirectory(options.out_dir); !created.ok()) {
    return ReportInputError(created);
  }
  if (Status ready = CheckInputAndWarehouse(options.input, options.warehouse);
      !ready.ok()) {
    return ReportInputError(ready);
  }
  const std::filesystem::path dir(options.out_dir);
  auto log = MakeLogger(dir / "batch.log");
  log->info("batch started: input {}, output {}", options.input, options.out_dir);

  // The quarantine.csv the previous run replaced, which it set aside (kSetAside, below),
  // is freed while the input is read, on a thread of its own (it mostly waits for the
  // disk), instead of inside the rename that publishes this run's, which the end of the
  // run waits for. (So a run refused for its input has freed it too; it was only the
  // run before last's rejected rows.)
  const std::string quarantine_path = (dir / "quarantine.csv").string();
  std::jthread remover;
  try {
    remover = std::jthread([&] { AtomicFile::RemoveSetAside(quarantine_path); });
  } catch (const std::system_error&) {  // no thread to be had: freed here, then
    AtomicFile::RemoveSetAside(quarantine_path);
  }
  auto ingested = ReadInput(options.input, options.threads);
  if (remover.joinable()) remover.join();
  if (!ingested.ok()) {
    log->error("ingest failed: {}", ingested.status().message());
    return ReportInputError(ingested.status());
  }
  const ingest::IngestStats& stats = ingested->stats;
  log->info("read {} rows: {} clean, {} quarantined ({:.3f} s)", stats.rows_read,
            stats.rows_clean, stats.rows_quarantined, Seconds(started));

  analytics::AnalyticsContext context(ingested->table);
  // A bad --date is the user's mistake: say so before writing anything.
  if (auto day = context.ResolveDay(report_options.day); !day.ok()) {
    log->error("{}", day.status().message());
    return ReportInputError(day.status());
  }
  // The quarantine needs no analytics: its file is written while they are computed.
  constexpr size_t kReports = std::size(kOutputs);
  // Without a warehouse to load, the quarantine (and the input mapping its rows view) is
  // done with once its file is written, and the table once the reports are rendered:
  // each is freed then, beside the other work and the files' syncs, instead of one after
  // the other at the end of the run (1.5-3 ms less a run).
  const bool free_early = options.warehouse == "none";
  Status quarantine_written;
  tbb::task_group quarantine_writer;
  quarantine_writer.run([&] {
    quarantine_written = ingested->quarantine.WriteCsv(quarantine_path, options.input,
                                                       AtomicFile::Replaced::kSetAside);
    if (free_early) ingested->quarantine = ingest::Quarantine();
  });
  context.ComputeAll();
  log->info("analytics computed ({:.3f} s)", Seconds(started));

  // Reports render in parallel, then land together, each file atomically: their syncs
  // overlap, and no worker thread waits on the disk while others could render.
  std::string daily_text;
  std::vector<Status> render_status(kReports);
  std::vector<std::string> contents(kReports);
  tbb::parallel_for(size_t{0}, kReports, [&](size_t i) {
    const OutputFile& output = kOutputs[i];
    analytics::ReportOptions options = report_options;
    options.wants_json = output.format == OutputFile::Format::kJson;
    options.wants_csv = output.format == OutputFile::Format::kCsv;
    options.wants_text = std::string_view(output.kind) == "daily";  // printed at the end
    options.every_day = true;
    auto rendered = analytics::FindReportKind(output.kind)->render(context, options);
    if (!rendered.ok()) {
      render_status[i] = rendered.status();
      return;
    }
    if (std::string_view(output.kind) == "daily") daily_text = rendered->text;
    contents[i] = output.format == OutputFile::Format::kJson
                      ? rendered->json.dump(2) + "\n"
                      : std::move(rendered->csv);
  });
  // Nothing reads the table after this (the context that refers to it is not used).
  tbb::task_group table_freer;
  if (free_early) table_freer.run([&] { ingested->table = Table(); });
  Status reports_written;
  for (const Status& status : render_status) {
    if (!status.ok() && reports_written.ok()) reports_written = status;
  }
  if (reports_written.ok()) {
    std::vector<FileToWrite> files;
    for (size_t i = 0; i < kReports; ++i) {
      files.push_back(FileToWrite{(dir / kOutputs[i].file).string(), contents[i]});
    }
    reports_written = WriteFilesAtomically(files);
  }
  quarantine_writer.wait();
  table_freer.wait();
  for (const Status& status : {reports_written, quarantine_written}) {
    if (!status.ok()) {
      log->error("writing reports failed: {}", status.message());
      return ReportInputError(status);
    }
  }
  log->info("reports written to {} ({:.3f} s)", options.out_dir, Seconds(started));
  if (options.warehouse != "none") {
    // Opened again, not kept open from the check: see CheckInputAndWarehouse.
    Status stored =
        StoreInWarehouse(options.warehouse, options.input, *ingested, context, *log);
    if (!stored.ok()) {
      const Status error = WarehouseOptionError(options.warehouse, stored);
      log->error("{}", error.message());
      return ReportInputError(error);
    }
    log->info("warehouse loaded ({:.3f} s)", Seconds(started));
  }

  fmt::print("{}\n", daily_text);
  fmt::print("Read {} rows from {}: {} clean lines, {} quarantined.\n",
             FormatCount(static_cast<int64_t>(stats.rows_read)), options.input,
             FormatCount(static_cast<int64_t>(stats.rows_clean)),
             FormatCount(static_cast<int64_t>(stats.rows_quarantined)));
  fmt::print("Reports in {}/: ", options.out_dir);
  for (const OutputFile& output : kOutputs) fmt::print("{} ", output.file);
  fmt::print("quarantine.csv batch.log\n");
  if (options.warehouse != "none") {
    fmt::print(
        "Warehouse: {} (tables order_lines, quarantine, daily_metrics, "
        "customer_metrics, product_metrics, country_metrics, cohort_retention, "
        "batch_runs).\n",
        storage::RedactPassword(options.warehouse));
  }
  fmt::print("Done in {:.2f} s.\n", Seconds(started));
  log->info("batch finished in {:.3f} s", Seconds(started));
  return kExitOk;
}

}  // namespace

void RegisterBatchCommand(CLI::App& app, int* exit_code) {
  auto options = std::make_shared<BatchOptions>();
  CLI::App* command = app.add_subcommand(
      "batch",
      "The main job: read and clean an export, compute every report, write them to --out "
      "(JSON and CSV) and print the daily report");
  AddInputOption(command, &options->input);
  command->add_option(
      "--date", options->date,
      "The day of the daily report and the end of the weekly one, YYYY-MM-DD "
      "(default: the last sale)");
  command
      ->add_option("--warehouse", options->warehouse,
                   "Where to store the results: sqlite:///path.db, sqlite://relative.db, "
                   "postgresql://user@host:port/db, or none")
      ->capture_default_str();
  command->add_option("--out", options->out_dir, "Directory for the report files")
      ->capture_default_str();
  AddThreadsOption(command, &options->threads);
  command->callback([options, exit_code] { *exit_code = Run(*options); });
}

}  // namespace storepulse::cli

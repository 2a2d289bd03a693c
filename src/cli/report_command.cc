// storepulse report KIND: one report of the registry, as text, JSON or CSV.
#include <fmt/format.h>

#include <memory>

#include "analytics/report_registry.h"
#include "cli/command_support.h"
#include "cli/commands.h"
#include "cli/input_errors.h"
#include "cli/progress.h"
#include "ingest/csv_reader.h"

namespace storepulse::cli {

namespace {

struct ReportCommandOptions {
  std::string kind;
  std::string input;
  std::string date;
  size_t top = 10;
  std::string format = "text";
  int threads = 0;
};

int Run(const ReportCommandOptions& options) {
  const auto limit = LimitThreads(options.threads);
  analytics::ReportOptions report_options;
  report_options.top = options.top;
  auto day = ParseDateOption(options.date);
  if (!day.ok()) return ReportInputError(day.status());
  report_options.day = *day;
  const analytics::ReportKind* kind = analytics::FindReportKind(options.kind);
  auto ingested = ReadInput(options.input, options.threads);
  if (!ingested.ok()) return ReportInputError(ingested.status());
  analytics::AnalyticsContext context(ingested->table);
  auto rendered = kind->render(context, report_options);
  if (!rendered.ok()) return ReportInputError(rendered.status());
  if (options.format == "json") {
    fmt::print("{}\n", rendered->json.dump(2));
  } else if (options.format == "csv") {
    fmt::print("{}", rendered->csv);
  } else {
    fmt::print("{}", rendered->text);
  }
  return kExitOk;
}

}  // namespace

void RegisterReportCommand(CLI::App& app, int* exit_code) {
  auto options = std::make_shared<ReportCommandOptions>();
  std::vector<std::string> kinds;
  std::string description = "One report over the clean order lines. Kinds:";
  for (const analytics::ReportKind& kind : analytics::ReportKinds()) {
    kinds.emplace_back(kind.name);
    description += fmt::format("\n  {:<12} {}", kind.name, kind.summary);
  }
  CLI::App* command = app.add_subcommand("report", description);
  command->add_option("kind", options->kind, "Report kind")
      ->required()
      ->check(CLI::IsMember(kinds));
  AddInputOption(command, &options->input);
  command->add_option(
      "--date", options->date,
      "daily, weekly: the (last) day, YYYY-MM-DD (default: the last sale)");
  command->add_option("--top", options->top, "Rows in top-N lists")
      ->check(CLI::Range(1, 100000))
      ->capture_default_str();
  command
      ->add_option("--format", options->format, "text (people), json (machines) or csv")
      ->check(CLI::IsMember({"text", "json", "csv"}))
      ->capture_default_str();
  AddThreadsOption(command, &options->threads);
  command->callback([options, exit_code] { *exit_code = Run(*options); });
}

}  // namespace storepulse::cli

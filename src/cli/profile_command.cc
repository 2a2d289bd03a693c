// storepulse profile: read an export, clean it, and describe it.
#include <fmt/format.h>
#include <oneapi/tbb/parallel_invoke.h>

#include <chrono>
#include <filesystem>
#include <memory>

#include "analytics/profile.h"
#include "cli/command_support.h"
#include "cli/commands.h"
#include "cli/input_errors.h"
#include "cli/progress.h"
#include "core/atomic_file.h"
#include "core/number_format.h"
#include "core/text_table.h"
#include "ingest/csv_reader.h"

namespace storepulse::cli {

namespace {

struct ProfileOptions {
  std::string input;
  std::string format = "text";
  std::string quarantine_path;
  std::string out_dir;
  int threads = 0;
};

analytics::DataQuality ToDataQuality(const ingest::IngestResult& ingested) {
  const ingest::IngestStats& stats = ingested.stats;
  analytics::DataQuality quality;
  quality.source = stats.source;
  quality.bytes = stats.bytes;
  quality.encoding = std::string(ingest::TextEncodingName(stats.encoding));
  quality.rows_read = stats.rows_read;
  quality.rows_clean = stats.rows_clean;
  quality.rows_quarantined = stats.rows_quarantined;
  quality.blank_lines = stats.blank_lines;
  for (size_t r = 0; r < ingest::kQuarantineReasonCount; ++r) {
    quality.quarantine_reasons.emplace_back(
        ingest::QuarantineReasonName(static_cast<ingest::QuarantineReason>(r)),
        stats.quarantine_reasons[r]);
  }
  for (size_t c = 0; c < ingest::kOrderColumnCount; ++c) {
    quality.empty_values.emplace_back(
        ingest::OrderColumnName(static_cast<ingest::OrderColumn>(c)),
        stats.empty_values[c]);
  }
  return quality;
}

std::string Percent(uint64_t part, uint64_t whole) {
  return whole == 0 ? "-" : fmt::format("{:.1f}%", 100.0 * part / whole);
}

// Integers without decimals; others with two to four (prices such as 0.001 exist), with
// thousands separators either way.
std::string Number(double value) {
  if (value == static_cast<double>(static_cast<int64_t>(value))) {
    return FormatCount(static_cast<int64_t>(value));
  }
  std::string text = fmt::format("{:.4f}", value);
  while (text.back() == '0' && text.size() - text.find('.') > 3) text.pop_back();
  const size_t dot = text.find('.');
  const bool negative = text[0] == '-';
  const std::string whole = text.substr(negative ? 1 : 0, dot - (negative ? 1 : 0));
  return (negative ? "-" : "") + GroupThousands(whole) + text.substr(dot);
}

std::string RenderText(const analytics::Profile& p) {
  const analytics::DataQuality& q = p.quality;
  std::string text = fmt::format("Data profile: {} ({:.1f} MB, {})\n\n", q.source,
                                 q.bytes / 1e6, q.encoding);
  TextTable rows({{"rows"},
                  {"count", TextTable::Align::kRight},
                  {"share", TextTable::Align::kRight}});
  rows.AddRow({"read", FormatCount(q.rows_read), "100.0%"});
  rows.AddRow({"clean", FormatCount(q.rows_clean), Percent(q.rows_clean, q.rows_read)});
  rows.AddRow({"quarantined", FormatCount(q.rows_quarantined),
               Percent(q.rows_quarantined, q.rows_read)});
  text += rows.Render();
  if (q.blank_lines > 0)
    text += fmt::format("  ({} blank lines skipped)\n", q.blank_lines);

  text += "\nQuarantine, by the first rule each row fails\n";
  TextTable reasons({{"reason"}, {"rows", TextTable::Align::kRight}});
  for (const auto& [reason, count] : q.quarantine_reasons) {
    if (count > 0) reasons.AddRow({reason, FormatCount(count)});
  }
  text += reasons.Render();

  text += "\nEmpty values per column (all rows read)\n";
  TextTable empty({{"column"},
                   {"empty", TextTable::Align::kRight},
                   {"share", TextTable::Align::kRight}});
  for (const auto& [column, count] : q.empty_values) {
    empty.AddRow({column, FormatCount(count), Percent(count, q.rows_read)});
  }
  text += empty.Render();
  text += fmt::format(
      "\nDuplicate rows (copies after the first): {} of all rows read, {} "
      "of the clean lines\n",
      FormatCount(p.duplicate_rows), FormatCount(p.duplicate_clean_rows));

  text += "\nClean lines\n";
  TextTable facts({{"figure"}, {"value", TextTable::Align::kRight}});
  if (p.lines > 0) {
    facts.AddRow({"first sale", FormatIsoDateTime(p.date_min)});
    facts.AddRow({"last sale", FormatIsoDateTime(p.date_max)});
  }
  facts.AddRow({"days with sales", FormatCount(p.days_with_sales)});
  facts.AddRow({"lines", FormatCount(p.lines)});
  facts.AddRow({"orders (distinct invoices)", FormatCount(p.invoices)});
  facts.AddRow({"customers", FormatCount(p.customers)});
  facts.AddRow({"products (stock codes)", FormatCount(p.products)});
  facts.AddRow({"countries", FormatCount(p.countries)});
  facts.AddRow({"units sold", FormatCount(p.total_quantity)});
  facts.AddRow({"revenue", FormatCentsForDisplay(p.revenue.RoundedCents())});
  facts.AddRow(
      {"average order value", FormatCentsForDisplay(p.average_order_value_cents)});
  text += facts.Render();

  if (p.lines > 0) {
    text += "\nDistribution over clean lines\n";
    TextTable spread({{""},
                      {"min", TextTable::Align::kRight},
                      {"p50", TextTable::Align::kRight},
                      {"p95", TextTable::Align::kRight},
                      {"p99", TextTable::Align::kRight},
                      {"max", TextTable::Align::kRight},
                      {"mean", TextTable::Align::kRight}});
    auto add = [&](const char* name, const analytics::Distribution& d) {
      spread.AddRow({name, Number(d.min), Number(d.p50), Number(d.p95), Number(d.p99),
                     Number(d.max), fmt::format("{:.2f}", d.mean)});
    };
    add("quantity", p.quantity);
    add("unit price (£)", p.unit_price);
    text += spread.Render();
  }

  text += fmt::format("\nTop {} countries by revenue\n", p.top_countries.size());
  TextTable countries({{"#", TextTable::Align::kRight},
                       {"country"},
                       {"revenue", TextTable::Align::kRight},
                       {"share", TextTable::Align::kRight},
                       {"lines", TextTable::Align::kRight}});
  for (size_t i = 0; i < p.top_countries.size(); ++i) {
    const auto& c = p.top_countries[i];
    countries.AddRow(
        {std::to_string(i + 1), c.key, FormatCentsForDisplay(c.revenue.RoundedCents()),
         fmt::format("{:.1f}%", 100.0 * static_cast<double>(c.revenue.units()) /
                                    static_cast<double>(p.revenue.units())),
         FormatCount(c.lines)});
  }
  text += countries.Render();

  text += fmt::format("\nTop {} products by revenue\n", p.top_products.size());
  TextTable products({{"#", TextTable::Align::kRight},
                      {"stock code"},
                      {"description"},
                      {"revenue", TextTable::Align::kRight},
                      {"units", TextTable::Align::kRight}});
  for (size_t i = 0; i < p.top_products.size(); ++i) {
    const auto& product = p.top_products[i];
    products.AddRow({std::to_string(i + 1), product.key, product.name,
                     FormatCentsForDisplay(product.revenue.RoundedCents()),
                     FormatCount(product.quantity)});
  }
  text += products.Render();
  return text;
}

int Run(const ProfileOptions& options) {
  const auto limit = LimitThreads(options.threads);
  auto ingested = ReadInput(options.input, options.threads);
  if (!ingested.ok()) return ReportInputError(ingested.status());

  // Duplicates among the quarantined rows are counted while the profile is computed.
  analytics::Profile profile;
  uint64_t quarantine_duplicates = 0;
  tbb::parallel_invoke(
      [&] { quarantine_duplicates = ingested->quarantine.CountDuplicateRows(); },
      [&] {
        profile = analytics::ComputeProfile(ingested->table, ToDataQuality(*ingested));
      });
  analytics::AddQuarantineDuplicates(quarantine_duplicates, &profile);
  if (!options.quarantine_path.empty()) {
    Status written =
        ingested->quarantine.WriteCsv(options.quarantine_path, options.input);
    if (!written.ok()) return ReportInputError(written);
  }
  if (!options.out_dir.empty()) {
    if (Status created = CreateOutputDirectory(options.out_dir); !created.ok()) {
      return ReportInputError(created);
    }
    const std::filesystem::path dir(options.out_dir);
    const std::string summary = analytics::ProfileToSummaryCsv(profile);
    const std::string json = analytics::ProfileToJson(profile).dump(2) + "\n";
    const FileToWrite files[] = {{(dir / "dataset_summary.csv").string(), summary},
                                 {(dir / "profile.json").string(), json}};
    if (Status written = WriteFilesAtomically(files); !written.ok()) {
      return ReportInputError(written);
    }
  }
  if (options.format == "json") {
    fmt::print("{}\n", analytics::ProfileToJson(profile).dump(2));
  } else {
    fmt::print("{}", RenderText(profile));
  }
  return kExitOk;
}

}  // namespace

void RegisterProfileCommand(CLI::App& app, int* exit_code) {
  auto options = std::make_shared<ProfileOptions>();
  CLI::App* command = app.add_subcommand(
      "profile",
      "Read an order-line CSV, clean it and describe the data (rows, quarantine, "
      "nulls, duplicates, ranges, distributions, top countries and products)");
  AddInputOption(command, &options->input);
  command
      ->add_option("--format", options->format,
                   "Output: text (people) or json (machines)")
      ->check(CLI::IsMember({"text", "json"}))
      ->capture_default_str();
  command->add_option(
      "--quarantine", options->quarantine_path,
      "Also write every rejected row with its line and reason to this CSV");
  command->add_option(
      "--out", options->out_dir,
      "Also write dataset_summary.csv and profile.json into this directory");
  AddThreadsOption(command, &options->threads);
  command->callback([options, exit_code] { *exit_code = Run(*options); });
}

}  // namespace storepulse::cli

// RFM: a summary per segment for people, a row per customer for machines.
#include <fmt/format.h>

#include <array>

#include "analytics/reports/report_kinds.h"
#include "core/csv_writer.h"
#include "core/number_format.h"
#include "core/text_table.h"

namespace storepulse::analytics {

Result<RenderedReport> RenderRfmReport(AnalyticsContext& context,
                                       const ReportOptions& options) {
  const std::vector<RfmScore>& scores = context.rfm();
  const StringDictionary& ids = context.table().customers();
  std::array<uint64_t, kRfmSegmentCount> customers{};
  std::array<MoneySum, kRfmSegmentCount> revenue{};
  std::array<int64_t, kRfmSegmentCount> recency{};
  std::array<uint64_t, kRfmSegmentCount> frequency{};
  RenderedReport rendered;
  nlohmann::ordered_json rows = nlohmann::ordered_json::array();
  CsvWriter csv;
  csv.Field("customer_id").Field("recency_days").Field("frequency").Field("monetary");
  csv.Field("r_score").Field("f_score").Field("m_score").Field("segment").EndRow();
  for (const RfmScore& s : scores) {
    const size_t segment = static_cast<size_t>(s.segment);
    ++customers[segment];
    revenue[segment].Merge(s.monetary);
    recency[segment] += s.recency_days;
    frequency[segment] += s.frequency;
    const std::string_view id = ids.Get(s.customer);
    if (options.wants_json) {
      rows.push_back({{"customer_id", id},
                      {"recency_days", s.recency_days},
                      {"frequency", s.frequency},
                      {"monetary", JsonMoney(s.monetary)},
                      {"r", s.r},
                      {"f", s.f},
                      {"m", s.m},
                      {"segment", RfmSegmentName(s.segment)}});
    }
    if (options.wants_csv) {
      csv.Field(id).Field(s.recency_days).Field(s.frequency).Field(s.monetary.ToString());
      csv.Field(int{s.r})
          .Field(int{s.f})
          .Field(int{s.m})
          .Field(RfmSegmentName(s.segment))
          .EndRow();
    }
  }
  nlohmann::ordered_json segments = nlohmann::ordered_json::object();
  TextTable table({{"segment"},
                   {"customers", TextTable::Align::kRight},
                   {"revenue", TextTable::Align::kRight},
                   {"mean recency (days)", TextTable::Align::kRight},
                   {"mean orders", TextTable::Align::kRight}});
  for (size_t i = 0; i < kRfmSegmentCount; ++i) {
    const double n = static_cast<double>(std::max<uint64_t>(customers[i], 1));
    const std::string name(RfmSegmentName(static_cast<RfmSegment>(i)));
    segments[name] = {{"customers", customers[i]}, {"revenue", JsonMoney(revenue[i])}};
    table.AddRow({name, FormatCount(static_cast<int64_t>(customers[i])),
                  DisplayMoney(revenue[i]), fmt::format("{:.1f}", recency[i] / n),
                  fmt::format("{:.2f}", frequency[i] / n)});
  }
  const int64_t snapshot = context.days().last_day() + 1;
  rendered.json = {{"snapshot_date", FormatIsoDate(snapshot)},
                   {"segments", std::move(segments)},
                   {"customers", std::move(rows)}};
  rendered.text = fmt::format("RFM segments ({} customers, recency counted to {})\n",
                              FormatCount(static_cast<int64_t>(scores.size())),
                              FormatIsoDate(snapshot)) +
                  table.Render();
  rendered.csv = csv.Take();
  return rendered;
}

}  // namespace storepulse::analytics

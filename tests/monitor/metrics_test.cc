// The metrics registry and its Prometheus text: names, escaping, histogram buckets,
// values, and the /proc parser.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <thread>
#include <vector>

#include "monitor/exposition.h"
#include "monitor/metrics.h"
#include "monitor/process_probe.h"
#include "server/prometheus_text.h"
#include "test_util.h"

namespace storepulse::monitor {
namespace {

using ::testing::HasSubstr;

TEST(MetricsTest, CountersAndGaugesRenderWithHelpTypeAndLabels) {
  MetricsRegistry registry;
  auto& requests =
      registry.AddCounter("app_requests_total", "Requests.", {"route", "status"});
  auto& temperature = registry.AddGauge("app_temperature", "Heat.\nIn \\ degrees.");
  requests.WithLabels({"/a", "200"}).Increment();
  requests.WithLabels({"/a", "200"}).Increment(4);
  requests.WithLabels({"/b", "500"}).Increment();
  temperature.WithLabels({}).Set(-2.5);

  EXPECT_EQ(registry.Render(),
            "# HELP app_requests_total Requests.\n"
            "# TYPE app_requests_total counter\n"
            "app_requests_total{route=\"/a\",status=\"200\"} 5\n"
            "app_requests_total{route=\"/b\",status=\"500\"} 1\n"
            "# HELP app_temperature Heat.\\nIn \\\\ degrees.\n"
            "# TYPE app_temperature gauge\n"
            "app_temperature -2.5\n");
}

TEST(MetricsTest, LabelValuesAreEscaped) {
  MetricsRegistry registry;
  registry.AddCounter("odd_total", "Odd labels.", {"text"})
      .WithLabels({"a \"quoted\" back\\slash\nnewline"})
      .Increment();
  const std::string text = registry.Render();
  EXPECT_THAT(
      text,
      HasSubstr("odd_total{text=\"a \\\"quoted\\\" back\\\\slash\\nnewline\"} 1\n"));
  std::string error;
  const auto parsed = testing::ParsePrometheusText(text, &error);
  ASSERT_TRUE(parsed.has_value()) << error;
  EXPECT_EQ(parsed->Value("odd_total", {{"text", "a \"quoted\" back\\slash\nnewline"}}),
            1);
}

TEST(MetricsTest, HistogramBucketsAreCumulativeWithSumAndCount) {
  MetricsRegistry registry;
  const std::vector<double> bounds = {0.001, 0.01, 0.1};
  auto& latency = registry.AddHistogram("op_seconds", "Op time.", {"op"}, bounds);
  Histogram& read = latency.WithLabels({"read"});
  for (double value : {0.0005, 0.001, 0.002, 0.05, 3.0}) read.Observe(value);

  const Histogram::Snapshot snapshot = read.Take();
  EXPECT_EQ(snapshot.cumulative_counts, (std::vector<uint64_t>{2, 3, 4, 5}));
  EXPECT_EQ(snapshot.count, 5u);
  EXPECT_DOUBLE_EQ(snapshot.sum, 3.0535);

  const std::string text = registry.Render();
  EXPECT_THAT(text, HasSubstr("# TYPE op_seconds histogram\n"
                              "op_seconds_bucket{op=\"read\",le=\"0.001\"} 2\n"
                              "op_seconds_bucket{op=\"read\",le=\"0.01\"} 3\n"
                              "op_seconds_bucket{op=\"read\",le=\"0.1\"} 4\n"
                              "op_seconds_bucket{op=\"read\",le=\"+Inf\"} 5\n"
                              "op_seconds_sum{op=\"read\"} 3.0535\n"
                              "op_seconds_count{op=\"read\"} 5\n"));
  std::string error;
  EXPECT_TRUE(testing::ParsePrometheusText(text, &error).has_value()) << error;
}

TEST(MetricsTest, CallbacksAreReadAtRenderAndLeftOutWhenUnreadable) {
  MetricsRegistry registry;
  double reading = 1;
  registry.AddCallback({"live_value", "Read live.", CallbackMetric::Type::kGauge,
                        [&reading](double* value) {
                          *value = reading;
                          return true;
                        }});
  registry.AddCallback({"broken_value", "Never readable.", CallbackMetric::Type::kCounter,
                        [](double*) { return false; }});
  reading = 42;
  const std::string text = registry.Render();
  EXPECT_THAT(text, HasSubstr("# TYPE live_value gauge\nlive_value 42\n"));
  EXPECT_THAT(text, HasSubstr("# TYPE broken_value counter\n"));
  EXPECT_THAT(text, ::testing::Not(HasSubstr("broken_value 0")));
}

TEST(MetricsTest, SampleValuesFollowTheFormat) {
  EXPECT_EQ(FormatSampleValue(3), "3");
  EXPECT_EQ(FormatSampleValue(0.25), "0.25");
  EXPECT_EQ(FormatSampleValue(1e20), "1e+20");
  EXPECT_EQ(FormatSampleValue(std::numeric_limits<double>::infinity()), "+Inf");
  EXPECT_EQ(FormatSampleValue(-std::numeric_limits<double>::infinity()), "-Inf");
  EXPECT_EQ(FormatSampleValue(std::nan("")), "NaN");
  EXPECT_TRUE(IsValidMetricName("storepulse_http_requests_total"));
  EXPECT_TRUE(IsValidMetricName("a:b_c1"));
  EXPECT_FALSE(IsValidMetricName("1abc"));
  EXPECT_FALSE(IsValidMetricName("a-b"));
  EXPECT_TRUE(IsValidLabelName("route"));
  EXPECT_FALSE(IsValidLabelName("__reserved"));
  EXPECT_FALSE(IsValidLabelName("a:b"));
}

TEST(MetricsTest, ConcurrentUpdatesAreAllCounted) {
  MetricsRegistry registry;
  auto& family = registry.AddCounter("hits_total", "Hits.", {"worker"});
  auto& histogram = registry.AddHistogram("lat_seconds", "Latency.", {}, LatencyBounds());
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 10'000; ++i) {
        family.WithLabels({std::to_string(i % 3)}).Increment();
        histogram.WithLabels({}).Observe(0.001 * t);
      }
    });
  }
  for (auto& thread : threads) thread.join();
  uint64_t total = 0;
  family.ForEach(
      [&](const LabelValues&, const Counter& counter) { total += counter.value(); });
  EXPECT_EQ(total, 40'000u);
  EXPECT_EQ(histogram.WithLabels({}).Take().count, 40'000u);
}

TEST(ProcessProbeTest, ParsesStatWithAwkwardCommandNames) {
  // pid (comm) state ppid ... : utime=250 stime=50 (fields 14, 15), vsize=8192000
  // (23), rss=300 pages (24). The command name holds spaces and a ')'.
  const std::string stat =
      "1234 (my (odd) prog) S 1 1234 1234 0 -1 4194560 100 0 0 0 250 50 0 0 20 0 4 0 "
      "5000 8192000 300 18446744073709551615 1 1 0 0 0 0 0 0 0 0 0 0 17 1 0 0 0 0 0\n";
  auto stats = ParseProcStat(stat, 100, 4096);
  ASSERT_TRUE(stats.ok()) << stats.status().ToString();
  EXPECT_DOUBLE_EQ(stats->cpu_seconds, 3.0);
  EXPECT_EQ(stats->virtual_bytes, 8192000u);
  EXPECT_EQ(stats->resident_bytes, 300u * 4096);

  EXPECT_FALSE(ParseProcStat("1234 (x) S 1 2 3", 100, 4096).ok());
  EXPECT_FALSE(ParseProcStat("no parenthesis", 100, 4096).ok());
}

TEST(ProcessProbeTest, ReadsThisProcess) {
  auto stats = ReadProcessStats();
  ASSERT_TRUE(stats.ok()) << stats.status().ToString();
  EXPECT_GT(stats->resident_bytes, 1u << 20);
  EXPECT_GE(stats->virtual_bytes, stats->resident_bytes);
  auto fds = CountOpenFileDescriptors();
  ASSERT_TRUE(fds.ok());
  EXPECT_GE(*fds, 3u);  // stdin, stdout, stderr
}

}  // namespace
}  // namespace storepulse::monitor

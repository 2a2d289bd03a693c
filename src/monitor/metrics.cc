#include "monitor/metrics.h"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <mutex>

#include "monitor/exposition.h"

namespace storepulse::monitor {

Histogram::Histogram(std::span<const double> bounds)
    : bounds_(bounds.begin(), bounds.end()),
      buckets_(new std::atomic<uint64_t>[bounds.size() + 1]) {
  for (size_t i = 1; i < bounds_.size(); ++i) assert(bounds_[i - 1] < bounds_[i]);
  for (size_t i = 0; i <= bounds_.size(); ++i) buckets_[i].store(0);
}

void Histogram::Observe(double value) {
  // Few bounds: a linear scan beats a binary search and needs no branch mispredictions
  // for typical (small) latencies.
  size_t bucket = 0;
  while (bucket < bounds_.size() && value > bounds_[bucket]) ++bucket;
  buckets_[bucket].fetch_add(1, std::memory_order_relaxed);
  sum_.fetch_add(value, std::memory_order_relaxed);
}

Histogram::Snapshot Histogram::Take() const {
  Snapshot snapshot;
  snapshot.bounds = bounds_;
  uint64_t running = 0;
  for (size_t i = 0; i <= bounds_.size(); ++i) {
    running += buckets_[i].load(std::memory_order_relaxed);
    snapshot.cumulative_counts.push_back(running);
  }
  snapshot.count = running;
  snapshot.sum = sum_.load(std::memory_order_relaxed);
  return snapshot;
}

template <typename M>
M& Family<M>::WithLabels(const LabelValues& values) {
  assert(values.size() == label_names_.size());
  {
    std::shared_lock lock(mutex_);
    auto found = series_.find(values);
    if (found != series_.end()) return *found->second;
  }
  std::unique_lock lock(mutex_);
  auto& slot = series_[values];
  if (!slot) slot = factory_();
  return *slot;
}

template <typename M>
void Family<M>::ForEach(
    const std::function<void(const LabelValues&, const M&)>& visit) const {
  std::shared_lock lock(mutex_);
  for (const auto& [values, series] : series_) visit(values, *series);
}

template class Family<Counter>;
template class Family<Gauge>;
template class Family<Histogram>;

namespace {

constexpr int kCounterKind = 0;
constexpr int kGaugeKind = 1;
constexpr int kHistogramKind = 2;
constexpr int kCallbackKind = 3;

std::vector<Label> LabelsOf(const std::vector<std::string>& names,
                            const LabelValues& values) {
  std::vector<Label> labels;
  labels.reserve(names.size() + 1);
  for (size_t i = 0; i < names.size(); ++i) labels.emplace_back(names[i], values[i]);
  return labels;
}

template <typename M>
void RenderSimple(const Family<M>& family, std::string_view type, std::string* out) {
  AppendHelpAndType(family.name(), family.help(), type, out);
  family.ForEach([&](const LabelValues& values, const M& series) {
    AppendSample(family.name(), LabelsOf(family.label_names(), values),
                 static_cast<double>(series.value()), out);
  });
}

void RenderHistogram(const HistogramFamily& family, std::string* out) {
  AppendHelpAndType(family.name(), family.help(), "histogram", out);
  const std::string bucket_name = family.name() + "_bucket";
  const std::string sum_name = family.name() + "_sum";
  const std::string count_name = family.name() + "_count";
  family.ForEach([&](const LabelValues& values, const Histogram& histogram) {
    const Histogram::Snapshot snapshot = histogram.Take();
    std::vector<Label> labels = LabelsOf(family.label_names(), values);
    for (size_t i = 0; i <= snapshot.bounds.size(); ++i) {
      const std::string le =
          i < snapshot.bounds.size() ? FormatBound(snapshot.bounds[i]) : "+Inf";
      labels.emplace_back("le", le);
      AppendSample(bucket_name, labels,
                   static_cast<double>(snapshot.cumulative_counts[i]), out);
      labels.pop_back();
    }
    AppendSample(sum_name, labels, snapshot.sum, out);
    AppendSample(count_name, labels, static_cast<double>(snapshot.count), out);
  });
}

}  // namespace

void MetricsRegistry::CheckNewName(const std::string& name,
                                   const std::vector<std::string>& labels) {
  assert(IsValidMetricName(name));
  for (const std::string& label : labels) {
    assert(IsValidLabelName(label) && label != "le");
    (void)label;
  }
  const auto same = [&name](const auto& family) { return family->name() == name; };
  [[maybe_unused]] const bool taken =
      std::any_of(counters_.begin(), counters_.end(), same) ||
      std::any_of(gauges_.begin(), gauges_.end(), same) ||
      std::any_of(histograms_.begin(), histograms_.end(), same) ||
      std::any_of(callbacks_.begin(), callbacks_.end(),
                  [&name](const CallbackMetric& metric) { return metric.name == name; });
  assert(!taken && "a metric name is registered once");
}

CounterFamily& MetricsRegistry::AddCounter(std::string name, std::string help,
                                           std::vector<std::string> label_names) {
  std::lock_guard lock(mutex_);
  CheckNewName(name, label_names);
  counters_.push_back(std::make_unique<CounterFamily>(
      std::move(name), std::move(help), std::move(label_names),
      [] { return std::make_unique<Counter>(); }));
  order_.emplace_back(kCounterKind, counters_.size() - 1);
  return *counters_.back();
}

GaugeFamily& MetricsRegistry::AddGauge(std::string name, std::string help,
                                       std::vector<std::string> label_names) {
  std::lock_guard lock(mutex_);
  CheckNewName(name, label_names);
  gauges_.push_back(std::make_unique<GaugeFamily>(
      std::move(name), std::move(help), std::move(label_names),
      [] { return std::make_unique<Gauge>(); }));
  order_.emplace_back(kGaugeKind, gauges_.size() - 1);
  return *gauges_.back();
}

HistogramFamily& MetricsRegistry::AddHistogram(std::string name, std::string help,
                                               std::vector<std::string> label_names,
                                               std::vector<double> bounds) {
  std::lock_guard lock(mutex_);
  CheckNewName(name, label_names);
  histograms_.push_back(std::make_unique<HistogramFamily>(
      std::move(name), std::move(help), std::move(label_names),
      [bounds = std::move(bounds)] { return std::make_unique<Histogram>(bounds); }));
  order_.emplace_back(kHistogramKind, histograms_.size() - 1);
  return *histograms_.back();
}

void MetricsRegistry::AddCallback(CallbackMetric metric) {
  std::lock_guard lock(mutex_);
  CheckNewName(metric.name, {});
  callbacks_.push_back(std::move(metric));
  order_.emplace_back(kCallbackKind, callbacks_.size() - 1);
}

std::string MetricsRegistry::Render() const {
  std::lock_guard lock(mutex_);
  std::string out;
  out.reserve(16 * 1024);
  for (const auto& [kind, index] : order_) {
    switch (kind) {
      case kCounterKind:
        RenderSimple(*counters_[index], "counter", &out);
        break;
      case kGaugeKind:
        RenderSimple(*gauges_[index], "gauge", &out);
        break;
      case kHistogramKind:
        RenderHistogram(*histograms_[index], &out);
        break;
      default: {
        const CallbackMetric& metric = callbacks_[index];
        double value = 0;
        AppendHelpAndType(
            metric.name, metric.help,
            metric.type == CallbackMetric::Type::kCounter ? "counter" : "gauge", &out);
        if (metric.read && metric.read(&value))
          AppendSample(metric.name, {}, value, &out);
      }
    }
  }
  return out;
}

std::vector<double> LatencyBounds() {
  return {0.000025, 0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01,
          0.025,    0.05,    0.1,    0.25,    0.5,    1,     2.5,    5,     10};
}

}  // namespace storepulse::monitor

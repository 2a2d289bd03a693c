// monitor::MetricsRegistry: counters, gauges and histograms, each a family of series told
// apart by label values, rendered in the Prometheus text exposition format (version
// 0.0.4) by exposition.h. Written here because Debian has no prometheus-cpp.
//
// Thread safety: everything may be used from many threads at once. Updating a series is
// a few relaxed atomic operations; finding a series by its label values takes a shared
// lock (callers on hot paths keep the returned reference: series live as long as the
// registry and never move).
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <shared_mutex>
#include <span>
#include <string>
#include <vector>

namespace storepulse::monitor {

// A value that only goes up (requests served, predictions made).
class Counter {
 public:
  void Increment(uint64_t amount = 1) {
    value_.fetch_add(amount, std::memory_order_relaxed);
  }
  uint64_t value() const { return value_.load(std::memory_order_relaxed); }

 private:
  std::atomic<uint64_t> value_{0};
};

// A value that goes up and down (requests in flight, model loaded).
class Gauge {
 public:
  void Set(double value) { value_.store(value, std::memory_order_relaxed); }
  void Add(double amount) { value_.fetch_add(amount, std::memory_order_relaxed); }
  double value() const { return value_.load(std::memory_order_relaxed); }

 private:
  std::atomic<double> value_{0};
};

// Counts of observations at or below each upper bound, plus their sum and count.
class Histogram {
 public:
  // REQUIRES: `bounds` strictly increasing and finite (+Inf is implied).
  explicit Histogram(std::span<const double> bounds);

  void Observe(double value);

  struct Snapshot {
    std::vector<double> bounds;
    std::vector<uint64_t> cumulative_counts;  // one per bound, then +Inf (== count)
    double sum = 0;
    uint64_t count = 0;
  };
  Snapshot Take() const;

 private:
  const std::vector<double> bounds_;
  // Per bucket (not cumulative), the last one for values above every bound.
  std::unique_ptr<std::atomic<uint64_t>[]> buckets_;
  std::atomic<double> sum_{0};
};

// Label values of one series, in the order of its family's label names.
using LabelValues = std::vector<std::string>;

// All series of one metric name. M is Counter, Gauge or Histogram.
template <typename M>
class Family {
 public:
  using Factory = std::function<std::unique_ptr<M>()>;
  Family(std::string name, std::string help, std::vector<std::string> label_names,
         Factory factory)
      : name_(std::move(name)),
        help_(std::move(help)),
        label_names_(std::move(label_names)),
        factory_(std::move(factory)) {}

  // The series with these label values, created on first use.
  // REQUIRES: values.size() == label_names().size().
  M& WithLabels(const LabelValues& values);

  const std::string& name() const { return name_; }
  const std::string& help() const { return help_; }
  const std::vector<std::string>& label_names() const { return label_names_; }
  // Calls `visit(values, series)` for every series, in label order.
  void ForEach(const std::function<void(const LabelValues&, const M&)>& visit) const;

 private:
  const std::string name_;
  const std::string help_;
  const std::vector<std::string> label_names_;
  const Factory factory_;
  mutable std::shared_mutex mutex_;
  std::map<LabelValues, std::unique_ptr<M>> series_;  // guarded by mutex_
};

using CounterFamily = Family<Counter>;
using GaugeFamily = Family<Gauge>;
using HistogramFamily = Family<Histogram>;

// A gauge or counter read when the registry is rendered (process CPU, memory).
struct CallbackMetric {
  enum class Type { kGauge, kCounter };
  std::string name;
  std::string help;
  Type type = Type::kGauge;
  // Returns false when the value cannot be read now: the sample is left out.
  std::function<bool(double*)> read;
};

class MetricsRegistry {
 public:
  MetricsRegistry() = default;
  MetricsRegistry(const MetricsRegistry&) = delete;
  MetricsRegistry& operator=(const MetricsRegistry&) = delete;

  // Each name is registered once (a second registration is a bug: asserted). Names
  // follow Prometheus' rules: [a-zA-Z_:][a-zA-Z0-9_:]*; label names
  // [a-zA-Z_][a-zA-Z0-9_]*.
  CounterFamily& AddCounter(std::string name, std::string help,
                            std::vector<std::string> label_names = {});
  GaugeFamily& AddGauge(std::string name, std::string help,
                        std::vector<std::string> label_names = {});
  HistogramFamily& AddHistogram(std::string name, std::string help,
                                std::vector<std::string> label_names,
                                std::vector<double> bounds);
  void AddCallback(CallbackMetric metric);

  // Every metric in the Prometheus text format, in registration order.
  std::string Render() const;

 private:
  void CheckNewName(const std::string& name, const std::vector<std::string>& labels);

  mutable std::mutex mutex_;  // guards the lists below (not the series)
  std::vector<std::unique_ptr<CounterFamily>> counters_;
  std::vector<std::unique_ptr<GaugeFamily>> gauges_;
  std::vector<std::unique_ptr<HistogramFamily>> histograms_;
  std::vector<CallbackMetric> callbacks_;
  // Registration order over all kinds: (kind, index in its list).
  std::vector<std::pair<int, size_t>> order_;
};

// Latency bounds in seconds from 25 µs to 10 s, for request and prediction timings.
std::vector<double> LatencyBounds();

}  // namespace storepulse::monitor

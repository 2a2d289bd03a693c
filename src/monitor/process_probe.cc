#include "monitor/process_probe.h"

#include <unistd.h>

#include <charconv>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

namespace storepulse::monitor {

Result<ProcessStats> ParseProcStat(std::string_view stat_text, int64_t ticks_per_second,
                                   int64_t page_bytes) {
  const size_t name_end = stat_text.rfind(')');
  if (name_end == std::string_view::npos || ticks_per_second <= 0) {
    return Status::Corruption("/proc stat: no ')' after the command name");
  }
  // Fields from 3 (state) on, split on spaces.
  std::vector<std::string_view> fields;
  std::string_view rest = stat_text.substr(name_end + 1);
  while (!rest.empty()) {
    const size_t start = rest.find_first_not_of(" \n");
    if (start == std::string_view::npos) break;
    rest.remove_prefix(start);
    const size_t end = rest.find_first_of(" \n");
    fields.push_back(rest.substr(0, end));
    if (end == std::string_view::npos) break;
    rest.remove_prefix(end);
  }
  // proc(5) numbers fields from 1: utime is 14, stime 15, vsize 23, rss 24; fields[0]
  // is 3.
  constexpr size_t kUtime = 14 - 3, kStime = 15 - 3, kVsize = 23 - 3, kRss = 24 - 3;
  if (fields.size() <= kRss) {
    return Status::Corruption("/proc stat: " + std::to_string(fields.size() + 2) +
                              " fields, expected at least 24");
  }
  const auto number = [&](size_t index, uint64_t* out) {
    const std::string_view field = fields[index];
    const auto parsed = std::from_chars(field.data(), field.data() + field.size(), *out);
    return parsed.ec == std::errc() && parsed.ptr == field.data() + field.size();
  };
  uint64_t utime = 0, stime = 0, vsize = 0, rss = 0;
  if (!number(kUtime, &utime) || !number(kStime, &stime) || !number(kVsize, &vsize) ||
      !number(kRss, &rss)) {
    return Status::Corruption("/proc stat: utime, stime, vsize or rss is not a number");
  }
  ProcessStats stats;
  stats.cpu_seconds =
      static_cast<double>(utime + stime) / static_cast<double>(ticks_per_second);
  stats.virtual_bytes = vsize;
  stats.resident_bytes = rss * static_cast<uint64_t>(page_bytes);
  return stats;
}

Result<ProcessStats> ReadProcessStats() {
  std::ifstream in("/proc/self/stat");
  if (!in) return Status::IOError("cannot read /proc/self/stat");
  const std::string text((std::istreambuf_iterator<char>(in)),
                         std::istreambuf_iterator<char>());
  return ParseProcStat(text, sysconf(_SC_CLK_TCK), sysconf(_SC_PAGESIZE));
}

Result<uint64_t> CountOpenFileDescriptors() {
  std::error_code error;
  std::filesystem::directory_iterator entries("/proc/self/fd", error);
  if (error) return Status::IOError("cannot list /proc/self/fd: " + error.message());
  uint64_t count = 0;
  for (const auto& entry : entries) {
    (void)entry;
    ++count;
  }
  // The iterator's own descriptor was open while counting.
  return count > 0 ? count - 1 : 0;
}

void AddProcessMetrics(MetricsRegistry& registry) {
  const auto stat_reader = [](double (*pick)(const ProcessStats&)) {
    return [pick](double* value) {
      auto stats = ReadProcessStats();
      if (!stats.ok()) return false;
      *value = pick(*stats);
      return true;
    };
  };
  registry.AddCallback(
      {"process_cpu_seconds_total", "Total user and system CPU time spent in seconds.",
       CallbackMetric::Type::kCounter,
       stat_reader([](const ProcessStats& s) { return s.cpu_seconds; })});
  registry.AddCallback({"process_resident_memory_bytes", "Resident memory size in bytes.",
                        CallbackMetric::Type::kGauge,
                        stat_reader([](const ProcessStats& s) {
                          return static_cast<double>(s.resident_bytes);
                        })});
  registry.AddCallback({"process_virtual_memory_bytes", "Virtual memory size in bytes.",
                        CallbackMetric::Type::kGauge,
                        stat_reader([](const ProcessStats& s) {
                          return static_cast<double>(s.virtual_bytes);
                        })});
  registry.AddCallback({"process_open_fds", "Number of open file descriptors.",
                        CallbackMetric::Type::kGauge, [](double* value) {
                          auto count = CountOpenFileDescriptors();
                          if (!count.ok()) return false;
                          *value = static_cast<double>(*count);
                          return true;
                        }});
}

}  // namespace storepulse::monitor

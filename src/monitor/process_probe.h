// What the process costs, read from /proc (Linux): CPU seconds, resident and virtual
// memory, open file descriptors. The parsers take the files' text so that tests can feed
// them known content.
#pragma once

#include <cstdint>
#include <string_view>

#include "core/status.h"
#include "monitor/metrics.h"

namespace storepulse::monitor {

struct ProcessStats {
  double cpu_seconds = 0;  // user + system, all threads
  uint64_t resident_bytes = 0;
  uint64_t virtual_bytes = 0;
};

// Parses /proc/<pid>/stat. `ticks_per_second` is sysconf(_SC_CLK_TCK), `page_bytes`
// sysconf(_SC_PAGESIZE). The command name (field 2) may hold spaces and parentheses: the
// fields after it are found from the last ')'. Corruption when the text is not stat's.
Result<ProcessStats> ParseProcStat(std::string_view stat_text, int64_t ticks_per_second,
                                   int64_t page_bytes);

// This process's figures now. IOError when /proc cannot be read.
Result<ProcessStats> ReadProcessStats();

// Open file descriptors of this process (entries of /proc/self/fd); IOError otherwise.
Result<uint64_t> CountOpenFileDescriptors();

// Registers the standard process metrics read at every scrape:
// process_cpu_seconds_total, process_resident_memory_bytes,
// process_virtual_memory_bytes and process_open_fds.
void AddProcessMetrics(MetricsRegistry& registry);

}  // namespace storepulse::monitor

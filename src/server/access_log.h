// The access log: one line per request ("GET /health 200 87us"), written by spdlog's
// asynchronous logger on a thread of its own so that a request pays for a queue push,
// not a write. Server errors (5xx) are also logged at warn to the error logger (stderr
// for `serve`), with or without an access log file.
#pragma once

#include <spdlog/async.h>
#include <spdlog/spdlog.h>

#include <memory>
#include <string>
#include <string_view>

#include "core/status.h"

namespace storepulse::server {

class AccessLog {
 public:
  // `file`: where access lines go (empty: none). `errors`: where 5xx lines go (may be
  // null). IOError naming --access-log when the file cannot be opened.
  static Result<std::unique_ptr<AccessLog>> Open(const std::string& file,
                                                 std::shared_ptr<spdlog::logger> errors);
  ~AccessLog();

  void Record(std::string_view method, std::string_view path, int status,
              int64_t microseconds);
  // Writes what is queued (tests read the file after this).
  void Flush();

 private:
  AccessLog() = default;

  std::shared_ptr<spdlog::details::thread_pool> pool_;
  std::shared_ptr<spdlog::logger> access_;  // null: no access log file
  std::shared_ptr<spdlog::logger> errors_;  // null: errors not logged elsewhere
};

}  // namespace storepulse::server

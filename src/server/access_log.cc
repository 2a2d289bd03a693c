#include "server/access_log.h"

#include <spdlog/async_logger.h>
#include <spdlog/sinks/basic_file_sink.h>

#include <algorithm>

namespace storepulse::server {

namespace {

// Lines queued before a request would wait for the writer: at 8 K entries of about
// 100 bytes, a burst of far more requests than the disk can take.
constexpr size_t kQueueSize = 8192;

// The path with control characters (a decoded %0A, say) shown as '?', so that a request
// cannot forge log lines.
std::string_view Printable(std::string_view path, std::string* scratch) {
  const auto control = [](char c) {
    return static_cast<unsigned char>(c) < 0x20 || c == 0x7f;
  };
  if (std::none_of(path.begin(), path.end(), control)) return path;
  scratch->assign(path);
  std::replace_if(scratch->begin(), scratch->end(), control, '?');
  return *scratch;
}

}  // namespace

Result<std::unique_ptr<AccessLog>> AccessLog::Open(
    const std::string& file, std::shared_ptr<spdlog::logger> errors) {
  std::unique_ptr<AccessLog> log(new AccessLog());
  log->errors_ = std::move(errors);
  if (file.empty()) return log;
  try {
    auto sink = std::make_shared<spdlog::sinks::basic_file_sink_mt>(file, false);
    // A pool of our own (not spdlog's global one): one writer thread for this log.
    log->pool_ = std::make_shared<spdlog::details::thread_pool>(kQueueSize, 1);
    // overrun_oldest: under a flood the log drops old lines rather than slowing requests.
    log->access_ = std::make_shared<spdlog::async_logger>(
        "access", std::move(sink), log->pool_,
        spdlog::async_overflow_policy::overrun_oldest);
    log->access_->set_pattern("%Y-%m-%dT%H:%M:%S.%f %v");
    log->access_->set_level(spdlog::level::info);
    log->access_->flush_on(spdlog::level::warn);
  } catch (const spdlog::spdlog_ex& error) {
    return Status::IOError("--access-log " + file + ": " + error.what());
  }
  return log;
}

AccessLog::~AccessLog() { Flush(); }

void AccessLog::Record(std::string_view method, std::string_view path, int status,
                       int64_t microseconds) {
  const bool server_error = status >= 500;
  std::string scratch;
  path = Printable(path, &scratch);
  if (access_ != nullptr) {
    access_->log(server_error ? spdlog::level::warn : spdlog::level::info,
                 "{} {} {} {}us", method, path, status, microseconds);
  }
  if (server_error && errors_ != nullptr) {
    errors_->warn("{} {} {} {}us", method, path, status, microseconds);
  }
}

void AccessLog::Flush() {
  if (access_ != nullptr) access_->flush();
}

}  // namespace storepulse::server

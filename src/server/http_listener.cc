#include "server/http_listener.h"

#include <algorithm>
#include <thread>

#include "core/shared_library.h"
#include "server/http_listener_impl.h"

namespace storepulse::server {

int DefaultListenerThreads() {
  const int cores = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  return std::max(8, 4 * cores);
}

Result<std::unique_ptr<HttpListener>> HttpListener::Bind(const ListenerOptions& options,
                                                         Api* api) {
  // The module's entry point, loaded once per process on first use.
  static const Result<BindHttpListenerFunction*> bind =
      ModuleFunction<BindHttpListenerFunction>(kHttpModule, kBindHttpListenerSymbol,
                                               "HTTP support");
  if (!bind.ok()) return bind.status();
  Result<std::unique_ptr<Impl>> impl = Status::Internal("the HTTP module bound nothing");
  (**bind)(options, api, &impl);
  if (!impl.ok()) return impl.status();
  return std::unique_ptr<HttpListener>(new HttpListener(std::move(*impl)));
}

HttpListener::HttpListener(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

HttpListener::~HttpListener() { Stop(); }

int HttpListener::port() const { return impl_->port(); }
int HttpListener::threads() const { return impl_->threads(); }
void HttpListener::Start() { impl_->Start(); }
void HttpListener::Stop() { impl_->Stop(); }

}  // namespace storepulse::server

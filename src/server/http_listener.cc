#include "server/http_listener.h"

#include <fmt/format.h>

#include <algorithm>
#include <thread>

#include "core/shared_library.h"
#include "server/http_listener_impl.h"

namespace storepulse::server {

int DefaultListenerThreads() {
  const int cores = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  return std::max(8, 4 * cores);
}

namespace {

// The module's entry point, loaded once per process on first use.
Result<BindHttpListenerFunction*> LoadBind() {
  SP_ASSIGN_OR_RETURN(const SharedLibrary module, OpenModule(kHttpModule));
  return module.Function<BindHttpListenerFunction>(kBindHttpListenerSymbol);
}

}  // namespace

Result<std::unique_ptr<HttpListener>> HttpListener::Bind(const ListenerOptions& options,
                                                         Api* api) {
  static const Result<BindHttpListenerFunction*> bind = LoadBind();
  if (!bind.ok()) {
    return Status::Internal(fmt::format("HTTP support: {}", bind.status().message()));
  }
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

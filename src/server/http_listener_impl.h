// What the HTTP module (storepulse-http.so, server/httplib_listener.cc) implements for
// HttpListener, and the function it exports to make one. Internal to server/.
#pragma once

#include <memory>

#include "core/status.h"
#include "server/http_listener.h"

namespace storepulse::server {

struct HttpListener::Impl {
  virtual ~Impl() = default;
  virtual int port() const = 0;
  virtual int threads() const = 0;
  virtual void Start() = 0;
  virtual void Stop() = 0;
};

// The module's entry point: binds as HttpListener::Bind documents.
using BindHttpListenerFunction = void(const ListenerOptions& options, Api* api,
                                      Result<std::unique_ptr<HttpListener::Impl>>* out);
inline constexpr char kHttpModule[] = "storepulse-http.so";
inline constexpr char kBindHttpListenerSymbol[] = "storepulse_bind_http_listener";

}  // namespace storepulse::server

// The HTTP side of the server, over cpp-httplib: binds, accepts keep-alive connections
// on a fixed pool of threads, turns each request into an HttpRequest for the Api and its
// answer back, and answers what never reaches the Api (a body over the limit: 413; a
// malformed request: 400) with the same JSON errors. cpp-httplib (and the TLS and
// compression libraries it pulls in) is seen only by httplib_listener.cc, built as the
// module storepulse-http.so that Bind loads: commands that serve nothing never load it.
#pragma once

#include <memory>
#include <string>
#include <thread>

#include "core/status.h"
#include "server/api.h"

namespace storepulse::server {

struct ListenerOptions {
  std::string host = "127.0.0.1";
  int port = 5001;  // 0: any free port (port() tells which)
  // Connections served at once: a keep-alive connection holds a thread for its whole
  // life, so this must be at least the number of clients kept connected (0: Default).
  int threads = 0;
  size_t max_body_bytes = size_t{1} << 20;  // larger bodies get 413
  int keep_alive_seconds = 5;               // an idle connection is closed after this
};

// max(8, 4 × cores).
int DefaultListenerThreads();

class HttpListener {
 public:
  // Binds host:port. IOError naming the address when it cannot (in use, no such
  // address, no permission); Internal when the HTTP module cannot be loaded.
  static Result<std::unique_ptr<HttpListener>> Bind(const ListenerOptions& options,
                                                    Api* api);
  ~HttpListener();

  int port() const;
  int threads() const;
  // Accepts and serves on a thread of its own until Stop.
  void Start();
  // Stops accepting, lets requests in flight finish (an idle keep-alive connection is
  // closed), then returns. Idempotent.
  void Stop();

  // What the HTTP module implements (server/http_listener_impl.h).
  struct Impl;

 private:
  explicit HttpListener(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace storepulse::server

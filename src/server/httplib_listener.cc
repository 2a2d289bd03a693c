// The HttpListener over cpp-httplib: built as the module storepulse-http.so.
#include <httplib.h>

#include <sys/socket.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <limits>
#include <mutex>
#include <thread>

#include "server/http_listener_impl.h"

namespace storepulse::server {

namespace {

// A request's start time and matched route, from cpp-httplib's pre-routing hook to its
// logger hook. cpp-httplib runs both, and the handler between them, on the one pool
// thread serving the connection, so a thread-local carries them without a lock.
struct RequestTrace {
  std::chrono::steady_clock::time_point start;
  bool started = false;
  std::string_view route;  // empty: the request did not reach the Api
};
thread_local RequestTrace current_request;

// A backlog for connection bursts: cpp-httplib listens with 5.
constexpr int kListenBacklog = 1024;

// Exposes the listening socket, to raise cpp-httplib's fixed backlog.
class HttplibServer final : public httplib::Server {
 public:
  bool RaiseBacklog() { return ::listen(svr_sock_, kListenBacklog) == 0; }
};

std::string StatusText(int status) {
  switch (status) {
    case 400:
      return "malformed HTTP request (or a body without Content-Length)";
    case 413:
      return "request body too large";
    case 414:
      return "request URI too long";
    default:
      return "HTTP error " + std::to_string(status);
  }
}

class HttplibListener final : public HttpListener::Impl {
 public:
  ~HttplibListener() override { Stop(); }
  Status Bind(const ListenerOptions& options, Api* api);
  int port() const override { return port_; }
  int threads() const override { return threads_; }
  void Start() override;
  void Stop() override;

 private:
  void Install();
  void Dispatch(const httplib::Request& request, httplib::Response& response);

  HttplibServer http;
  Api* api = nullptr;
  ListenerOptions options;
  int port_ = 0;
  int threads_ = 0;
  std::thread thread;
  std::once_flag stopped;
  std::atomic<bool> listen_returned{false};
};

void HttplibListener::Dispatch(const httplib::Request& request,
                               httplib::Response& response) {
  HttpRequest api_request;
  api_request.method = request.method;
  api_request.path = request.path;
  // The URL's query only: cpp-httplib also puts the fields of a form-encoded body in
  // request.params (curl -d sends JSON as a form unless told otherwise).
  const size_t question = request.target.find('?');
  if (question != std::string::npos) {
    httplib::Params query;
    httplib::detail::parse_query_text(request.target.substr(question + 1), query);
    for (auto& [name, value] : query) api_request.query.emplace_back(name, value);
  }
  api_request.body = request.body;
  std::string_view route;
  HttpResponse answer =
      api->Handle(api_request, request.get_header_value("Authorization"), &route);
  current_request.route = route;
  response.status = answer.status;
  for (auto& [name, value] : answer.headers) response.set_header(name, value);
  response.set_content(std::move(answer.body), answer.content_type.c_str());
}

void HttplibListener::Install() {
  // Without TCP_NODELAY each keep-alive answer waits ~40 ms for the client's delayed ACK
  // (Nagle's algorithm): measured, it caps a connection at ~25 requests/s.
  http.set_tcp_nodelay(true);
  // SO_REUSEADDR only: cpp-httplib's default also sets SO_REUSEPORT, which lets a second
  // server bind the same port and silently take half of its connections.
  http.set_socket_options([](socket_t socket) {
    int yes = 1;
    ::setsockopt(socket, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof(yes));
  });
  http.set_payload_max_length(options.max_body_bytes);
  http.set_keep_alive_timeout(options.keep_alive_seconds);
  // cpp-httplib closes a connection after 5 requests by default; benchmark clients and
  // proxies keep theirs for many more.
  http.set_keep_alive_max_count(std::numeric_limits<int>::max());
  http.set_read_timeout(5, 0);
  http.set_write_timeout(5, 0);
  const size_t pool = static_cast<size_t>(threads_);
  http.new_task_queue = [pool] { return new httplib::ThreadPool(pool); };

  http.set_pre_routing_handler([](const httplib::Request&, httplib::Response&) {
    current_request = {std::chrono::steady_clock::now(), true, {}};
    return httplib::Server::HandlerResponse::Unhandled;
  });
  const auto handler = [this](const httplib::Request& request,
                              httplib::Response& response) {
    Dispatch(request, response);
  };
  // One catch-all per method: the Api's route table decides, so that 404 and 405 come
  // from one place.
  http.Get(".*", handler);
  http.Post(".*", handler);
  http.Put(".*", handler);
  http.Patch(".*", handler);
  http.Delete(".*", handler);
  http.Options(".*", handler);

  // Answers cpp-httplib gives itself (413, 400, 414) get the API's JSON error body.
  http.set_error_handler(httplib::Server::HandlerWithResponse(
      [](const httplib::Request&, httplib::Response& response) {
        if (!response.body.empty()) return httplib::Server::HandlerResponse::Unhandled;
        const HttpResponse error =
            ErrorResponse(response.status, StatusText(response.status));
        response.set_content(error.body, error.content_type.c_str());
        return httplib::Server::HandlerResponse::Handled;
      }));
  http.set_exception_handler(
      [](const httplib::Request&, httplib::Response& response, std::exception_ptr error) {
        std::string what = "internal error";
        try {
          if (error) std::rethrow_exception(error);
        } catch (const std::exception& exception) {
          what = std::string("internal error: ") + exception.what();
        } catch (...) {
        }
        const HttpResponse answer = ErrorResponse(500, what);
        response.status = 500;
        response.set_content(answer.body, answer.content_type.c_str());
      });
  http.set_logger([this](const httplib::Request& request,
                         const httplib::Response& response) {
    RequestTrace trace = current_request;
    current_request = {};
    const auto elapsed = trace.started ? std::chrono::steady_clock::now() - trace.start
                                       : std::chrono::steady_clock::duration::zero();
    const std::string_view route =
        trace.route.empty() ? api->RouteLabel(request.method, request.path) : trace.route;
    api->Record(request.method, request.path, route, response.status, elapsed);
  });
}

Status HttplibListener::Bind(const ListenerOptions& listener_options, Api* served) {
  api = served;
  options = listener_options;
  threads_ = options.threads > 0 ? options.threads : DefaultListenerThreads();
  Install();
  const std::string address = options.host + ":" + std::to_string(options.port);
  if (options.port == 0) {
    port_ = http.bind_to_any_port(options.host);
    if (port_ <= 0) {
      return Status::IOError("cannot listen on " + options.host + " (any port)");
    }
  } else {
    if (!http.bind_to_port(options.host, options.port)) {
      return Status::IOError("cannot listen on " + address +
                             ": the port is in use, or the address is not this "
                             "machine's");
    }
    port_ = options.port;
  }
  (void)http.RaiseBacklog();  // a failure keeps cpp-httplib's backlog of 5
  return Status::Ok();
}

void HttplibListener::Start() {
  thread = std::thread([this] {
    http.listen_after_bind();
    listen_returned = true;
  });
  // stop() only acts on a running server: wait for the accept loop (it starts at once,
  // and ends only on stop() or a failed accept).
  while (!http.is_running() && !listen_returned) {
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
}

void HttplibListener::Stop() {
  std::call_once(stopped, [this] {
    // stop() closes the listening socket; listen_after_bind then shuts the pool down,
    // which runs every queued connection to the end of its current request.
    http.stop();
    if (thread.joinable()) thread.join();
  });
}

}  // namespace
}  // namespace storepulse::server

extern "C" void storepulse_bind_http_listener(
    const storepulse::server::ListenerOptions& options, storepulse::server::Api* api,
    storepulse::Result<std::unique_ptr<storepulse::server::HttpListener::Impl>>* out) {
  auto listener = std::make_unique<storepulse::server::HttplibListener>();
  storepulse::Status bound = listener->Bind(options, api);
  if (bound.ok()) {
    *out = std::unique_ptr<storepulse::server::HttpListener::Impl>(std::move(listener));
  } else {
    *out = std::move(bound);
  }
}

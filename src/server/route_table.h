// The API's one route table: method, path pattern, handler and doc of every route. It
// drives routing, the 404 and 405 answers (with Allow) and the index at GET /.
// Patterns are literal segments and {name} segments, which match one non-empty segment
// and are handed to the handler as path parameters: "/api/v1/customers/{id}".
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "server/http_types.h"

namespace storepulse::server {

using Handler = std::function<HttpResponse(const HttpRequest&)>;

struct Route {
  std::string method;   // "GET" or "POST"
  std::string pattern;  // "/api/v1/daily"
  std::string doc;      // one line for the index: parameters and what it answers
  Handler handler;
  bool requires_token = true;  // false: open even with --token-file (/health)
  // The query parameters the route takes; any other is refused with 400 (a typo such
  // as ?dat= would otherwise silently give the default answer).
  std::vector<std::string> params = {};
};

class RouteTable {
 public:
  void Add(Route route);

  struct Match {
    const Route* route = nullptr;  // null: no route for this method and path
    NameValues path_params;
    // When route is null: the methods the path has (empty: unknown path → 404, else
    // 405 with these in Allow).
    std::vector<std::string> allowed_methods;
  };
  Match Find(std::string_view method, std::string_view path) const;

  const std::vector<Route>& routes() const { return routes_; }

 private:
  struct Compiled {
    std::vector<std::string> segments;  // "{id}" marks a parameter
  };
  static bool MatchSegments(const Compiled& compiled, std::string_view path,
                            NameValues* params);

  std::vector<Route> routes_;
  std::vector<Compiled> compiled_;
};

}  // namespace storepulse::server

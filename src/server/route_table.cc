#include "server/route_table.h"

#include <algorithm>
#include <cassert>

namespace storepulse::server {

namespace {

std::vector<std::string_view> SplitPath(std::string_view path) {
  std::vector<std::string_view> segments;
  if (path.starts_with('/')) path.remove_prefix(1);
  while (true) {
    const size_t slash = path.find('/');
    segments.push_back(path.substr(0, slash));
    if (slash == std::string_view::npos) break;
    path.remove_prefix(slash + 1);
  }
  return segments;
}

bool IsParameter(std::string_view segment) {
  return segment.size() > 2 && segment.front() == '{' && segment.back() == '}';
}

}  // namespace

void RouteTable::Add(Route route) {
  assert(route.pattern.starts_with('/'));
  Compiled compiled;
  for (std::string_view segment : SplitPath(route.pattern)) {
    compiled.segments.emplace_back(segment);
  }
  routes_.push_back(std::move(route));
  compiled_.push_back(std::move(compiled));
}

bool RouteTable::MatchSegments(const Compiled& compiled, std::string_view path,
                               NameValues* params) {
  const std::vector<std::string_view> segments = SplitPath(path);
  if (segments.size() != compiled.segments.size()) return false;
  for (size_t i = 0; i < segments.size(); ++i) {
    const std::string& expected = compiled.segments[i];
    if (IsParameter(expected)) {
      if (segments[i].empty()) return false;
      params->emplace_back(expected.substr(1, expected.size() - 2),
                           std::string(segments[i]));
    } else if (expected != segments[i]) {
      return false;
    }
  }
  return true;
}

RouteTable::Match RouteTable::Find(std::string_view method, std::string_view path) const {
  Match match;
  for (size_t i = 0; i < routes_.size(); ++i) {
    NameValues params;
    if (!MatchSegments(compiled_[i], path, &params)) continue;
    if (routes_[i].method == method) {
      match.route = &routes_[i];
      match.path_params = std::move(params);
      match.allowed_methods.clear();
      return match;
    }
    if (std::find(match.allowed_methods.begin(), match.allowed_methods.end(),
                  routes_[i].method) == match.allowed_methods.end()) {
      match.allowed_methods.push_back(routes_[i].method);
    }
  }
  return match;
}

}  // namespace storepulse::server

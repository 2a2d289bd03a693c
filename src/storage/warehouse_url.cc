#include "storage/warehouse_url.h"

#include <algorithm>
#include <cctype>
#include <charconv>

namespace storepulse::storage {
namespace {

constexpr std::string_view kSchemeSeparator = "://";

std::string Lowercase(std::string_view text) {
  std::string lower(text);
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return lower;
}

// The query string without password=... parameters (libpq accepts one there too).
std::string RedactQuery(std::string_view query) {
  std::string kept;
  size_t begin = 0;
  while (begin <= query.size()) {
    const size_t end = std::min(query.find('&', begin), query.size());
    const std::string_view parameter = query.substr(begin, end - begin);
    if (!parameter.empty() && Lowercase(parameter.substr(0, 9)) != "password=") {
      if (!kept.empty()) kept.push_back('&');
      kept.append(parameter);
    }
    begin = end + 1;
  }
  return kept;
}

bool IsValidPort(std::string_view port) {
  int value = 0;
  const auto [end, error] =
      std::from_chars(port.data(), port.data() + port.size(), value);
  return error == std::errc() && end == port.data() + port.size() && value >= 1 &&
         value <= 65535;
}

// Checks each "host[:port]" or "[v6-address][:port]" of a comma-separated host list.
Status CheckHosts(std::string_view hosts, const std::string& display) {
  size_t begin = 0;
  while (begin <= hosts.size()) {
    const size_t end = std::min(hosts.find(',', begin), hosts.size());
    std::string_view host = hosts.substr(begin, end - begin);
    if (!host.empty() && host.front() == '[') {
      const size_t close = host.find(']');
      if (close == std::string_view::npos) {
        return Status::InvalidArgument("malformed warehouse URL '" + display +
                                       "': unclosed '[' in the host");
      }
      host.remove_prefix(close + 1);
      if (!host.empty() && host.front() != ':') {
        return Status::InvalidArgument("malformed warehouse URL '" + display +
                                       "': text after the IPv6 address");
      }
    }
    const size_t colon = host.rfind(':');
    if (colon != std::string_view::npos && !IsValidPort(host.substr(colon + 1))) {
      return Status::InvalidArgument("malformed warehouse URL '" + display + "': port '" +
                                     std::string(host.substr(colon + 1)) +
                                     "' is not a number from 1 to 65535");
    }
    begin = end + 1;
  }
  return Status::Ok();
}

}  // namespace

std::string RedactPassword(std::string_view url) {
  const size_t scheme_end = url.find(kSchemeSeparator);
  if (scheme_end == std::string_view::npos) {
    // Not a URL: perhaps a libpq connection string ("host=h password=p") or a mistyped
    // URL ("postgresql:/u:p@h/db"); either may hold a password.
    if (Lowercase(url).find("password") != std::string::npos) {
      return "(not shown: it names a password)";
    }
    const size_t at = url.rfind('@');
    const size_t colon = url.find(':');
    if (at == std::string_view::npos || colon == std::string_view::npos || colon > at) {
      return std::string(url);
    }
    std::string redacted(url.substr(0, colon + 1));
    redacted += "...";
    redacted.append(url.substr(at));
    return redacted;
  }
  const size_t rest_begin = scheme_end + kSchemeSeparator.size();
  const size_t query_begin = url.find('?', rest_begin);
  const std::string_view before_query = url.substr(0, query_begin);
  // The user info ends at the last '@' before the query: RFC 3986 wants '/' in a
  // password percent-encoded, but one typed as is must not show either.
  const size_t at = before_query.rfind('@');
  std::string redacted;
  if (at != std::string_view::npos && at >= rest_begin) {
    const std::string_view user_info = before_query.substr(rest_begin, at - rest_begin);
    redacted.append(url.substr(0, rest_begin));
    redacted.append(user_info.substr(0, user_info.find(':')));
    redacted.append(before_query.substr(at));
  } else {
    redacted.append(before_query);
  }
  if (query_begin != std::string_view::npos) {
    const std::string query = RedactQuery(url.substr(query_begin + 1));
    if (!query.empty()) redacted += "?" + query;
  }
  return redacted;
}

Result<WarehouseUrl> ParseWarehouseUrl(std::string_view url) {
  WarehouseUrl parsed;
  parsed.display = RedactPassword(url);
  const size_t scheme_end = url.find(kSchemeSeparator);
  if (scheme_end == std::string_view::npos || scheme_end == 0) {
    return Status::InvalidArgument("malformed warehouse URL '" + parsed.display +
                                   "': expected sqlite:///path.db, sqlite://relative.db "
                                   "or postgresql://user@host/db");
  }
  const std::string scheme = Lowercase(url.substr(0, scheme_end));
  const std::string_view rest = url.substr(scheme_end + kSchemeSeparator.size());
  if (scheme == "sqlite") {
    if (rest.empty()) {
      return Status::InvalidArgument("malformed warehouse URL '" + parsed.display +
                                     "': no database file after sqlite://");
    }
    parsed.scheme = WarehouseScheme::kSqlite;
    // "sqlite:///abs/path" leaves "/abs/path", "sqlite://rel.db" leaves "rel.db".
    parsed.sqlite_path = std::string(rest);
    return parsed;
  }
  if (scheme == "postgresql" || scheme == "postgres") {
    const std::string_view authority = rest.substr(0, rest.find_first_of("/?"));
    const size_t at = authority.rfind('@');
    SP_RETURN_IF_ERROR(
        CheckHosts(at == std::string_view::npos ? authority : authority.substr(at + 1),
                   parsed.display));
    parsed.scheme = WarehouseScheme::kPostgres;
    parsed.conninfo = std::string(url);
    return parsed;
  }
  return Status::InvalidArgument("unknown warehouse URL scheme '" + scheme + "' in '" +
                                 parsed.display +
                                 "': expected sqlite:// or postgresql:// (postgres://)");
}

}  // namespace storepulse::storage

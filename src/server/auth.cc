#include "server/auth.h"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <iterator>

namespace storepulse::server {

namespace {

std::string_view Trim(std::string_view text) {
  const size_t start = text.find_first_not_of(" \t\r\n");
  if (start == std::string_view::npos) return {};
  const size_t end = text.find_last_not_of(" \t\r\n");
  return text.substr(start, end - start + 1);
}

}  // namespace

bool ConstantTimeEquals(std::string_view a, std::string_view b) {
  // Every byte of the longer string is visited whatever the content.
  const size_t length = std::max(a.size(), b.size());
  unsigned char difference = a.size() == b.size() ? 0 : 1;
  for (size_t i = 0; i < length; ++i) {
    const unsigned char x = i < a.size() ? static_cast<unsigned char>(a[i]) : 0;
    const unsigned char y = i < b.size() ? static_cast<unsigned char>(b[i]) : 0;
    difference |= static_cast<unsigned char>(x ^ y);
  }
  // Read through a volatile so the compiler cannot stop at the first difference.
  volatile unsigned char result = difference;
  return result == 0;
}

Result<BearerToken> BearerToken::FromFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    const int error = errno;
    const std::string message =
        "--token-file " + path + ": cannot read: " + std::strerror(error);
    return error == ENOENT ? Status::NotFound(message) : Status::IOError(message);
  }
  const std::string content((std::istreambuf_iterator<char>(in)),
                            std::istreambuf_iterator<char>());
  const std::string_view first_line =
      Trim(std::string_view(content).substr(0, content.find('\n')));
  if (first_line.empty()) {
    return Status::InvalidArgument("--token-file " + path +
                                   ": empty (expected the token on the first line)");
  }
  return BearerToken(std::string(first_line));
}

bool BearerToken::Accepts(std::string_view authorization) const {
  constexpr std::string_view kScheme = "bearer ";
  if (authorization.size() < kScheme.size()) return false;
  for (size_t i = 0; i < kScheme.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(authorization[i])) != kScheme[i]) {
      return false;
    }
  }
  return ConstantTimeEquals(Trim(authorization.substr(kScheme.size())), token_);
}

}  // namespace storepulse::server

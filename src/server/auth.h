// Bearer-token access (--token-file): every route but /health then requires
// "Authorization: Bearer <token>". The comparison takes the same time whatever the
// guess, so response times do not leak the token.
#pragma once

#include <string>
#include <string_view>

#include "core/status.h"

namespace storepulse::server {

class BearerToken {
 public:
  // REQUIRES: !token.empty().
  explicit BearerToken(std::string token) : token_(std::move(token)) {}

  // Reads the token from the first line of `path` (surrounding whitespace dropped).
  // NotFound/IOError naming --token-file when the file cannot be read, InvalidArgument
  // when it holds no token.
  static Result<BearerToken> FromFile(const std::string& path);

  // Whether the Authorization header value carries this token ("Bearer <token>", the
  // scheme case-insensitive).
  bool Accepts(std::string_view authorization) const;

 private:
  std::string token_;
};

// Compares in time that depends on the lengths only, not on where they differ.
bool ConstantTimeEquals(std::string_view a, std::string_view b);

}  // namespace storepulse::server

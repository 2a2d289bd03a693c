// Parsing warehouse URLs (see OpenWarehouse in warehouse.h) and hiding their passwords.
#pragma once

#include <string>
#include <string_view>

#include "core/status.h"

namespace storepulse::storage {

enum class WarehouseScheme { kSqlite, kPostgres };

struct WarehouseUrl {
  WarehouseScheme scheme = WarehouseScheme::kSqlite;
  std::string sqlite_path;  // kSqlite: the database file, as given (relative or absolute)
  std::string conninfo;     // kPostgres: the URL for libpq, password included
  std::string display;      // the URL without any password, for url() and messages
};

// Splits `url`; InvalidArgument (naming the URL, without its password) when the scheme
// is unknown or the URL is malformed: no "scheme://", an SQLite URL without a path, a
// PostgreSQL port that is not a number from 1 to 65535.
Result<WarehouseUrl> ParseWarehouseUrl(std::string_view url);

// `url` without the password of its user info ("user:secret@") or of a password=
// parameter; text that is not a URL is shown only if it names no password.
std::string RedactPassword(std::string_view url);

}  // namespace storepulse::storage

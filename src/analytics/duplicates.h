// Exact duplicate rows of a Table: rows equal in every column. Counted as pandas'
// DataFrame.duplicated() counts them: every copy after the first.
#pragma once

#include <cstdint>

#include "core/table.h"

namespace storepulse::analytics {

uint64_t CountDuplicateRows(const Table& table);

}  // namespace storepulse::analytics

// Publishing files so that readers see the old content or the new, never half: write a
// temporary file beside the target, fsync it, rename it over the target.
#pragma once

#include <string>
#include <string_view>

#include "core/status.h"

namespace storepulse {

// On failure the target is unchanged and no temporary file is left behind.
Status WriteFileAtomically(const std::string& path, std::string_view content);

}  // namespace storepulse

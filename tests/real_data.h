// Where the real Online Retail export is: ../shared/data/OnlineRetail.csv beside the
// checkout (CI always has it). Tests that need it skip with a clear message without it.
#pragma once

#include <gtest/gtest.h>

#include <filesystem>
#include <string>

namespace storepulse::testing {

inline std::string RealDataPath() {
  return std::string(STOREPULSE_SOURCE_DIR) + "/../shared/data/OnlineRetail.csv";
}

}  // namespace storepulse::testing

#define SKIP_WITHOUT_REAL_DATA()                                                        \
  do {                                                                                  \
    if (!std::filesystem::exists(::storepulse::testing::RealDataPath())) {              \
      GTEST_SKIP() << "real data set absent: " << ::storepulse::testing::RealDataPath() \
                   << " (put OnlineRetail.csv in ../shared/data to run this test)";     \
    }                                                                                   \
  } while (false)

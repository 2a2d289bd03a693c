#include "core/number_format.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <limits>

namespace storepulse {
namespace {

TEST(GroupThousandsTest, GroupsFromTheRight) {
  EXPECT_EQ(GroupThousands(""), "");
  EXPECT_EQ(GroupThousands("0"), "0");
  EXPECT_EQ(GroupThousands("12"), "12");
  EXPECT_EQ(GroupThousands("123"), "123");
  EXPECT_EQ(GroupThousands("1234"), "1,234");
  EXPECT_EQ(GroupThousands("12345"), "12,345");
  EXPECT_EQ(GroupThousands("123456"), "123,456");
  EXPECT_EQ(GroupThousands("1234567"), "1,234,567");
  EXPECT_EQ(GroupThousands("100000000000000000000"), "100,000,000,000,000,000,000");
}

TEST(FormatCountTest, PositiveNegativeAndZero) {
  EXPECT_EQ(FormatCount(0), "0");
  EXPECT_EQ(FormatCount(999), "999");
  EXPECT_EQ(FormatCount(1'000), "1,000");
  EXPECT_EQ(FormatCount(541'909), "541,909");
  EXPECT_EQ(FormatCount(-1'200), "-1,200");
  EXPECT_EQ(FormatCount(-999), "-999");
  EXPECT_EQ(FormatCount(-1), "-1");
}

TEST(FormatCountTest, Extremes) {
  EXPECT_EQ(FormatCount(std::numeric_limits<int64_t>::max()),
            "9,223,372,036,854,775,807");
  EXPECT_EQ(FormatCount(std::numeric_limits<int64_t>::min()),
            "-9,223,372,036,854,775,808");
}

}  // namespace
}  // namespace storepulse

#include "core/short_strings.h"

#include <gtest/gtest.h>

#include <string>

namespace storepulse {
namespace {

// Every length up to 40 (the word, half-word and byte paths and their seams), equal and
// differing at each position in turn, against std::string_view's ==.
TEST(SameBytesTest, AgreesWithStringEqualityAtEveryLengthAndPosition) {
  for (size_t size = 0; size <= 40; ++size) {
    std::string a(size, 'x');
    for (size_t i = 0; i < size; ++i) a[i] = static_cast<char>('A' + (i * 7) % 26);
    const std::string b = a;
    EXPECT_TRUE(SameBytes(a, b)) << "size " << size;
    for (size_t i = 0; i < size; ++i) {
      std::string c = a;
      c[i] = static_cast<char>(c[i] ^ 0x01);
      EXPECT_FALSE(SameBytes(a, c)) << "size " << size << ", differing at " << i;
      EXPECT_FALSE(SameBytes(c, a)) << "size " << size << ", differing at " << i;
    }
  }
}

TEST(SameBytesTest, DifferentLengthsDiffer) {
  EXPECT_FALSE(SameBytes("ABC", "ABCD"));
  EXPECT_FALSE(SameBytes("", "A"));
  EXPECT_FALSE(SameBytes("85123A", "85123"));
  EXPECT_TRUE(SameBytes("", ""));
}

// Views inside a larger buffer: the bytes around them must not count.
TEST(SameBytesTest, ReadsOnlyTheViewedBytes) {
  const std::string left = "11WHITE HANGING HEART22";
  const std::string right = "33WHITE HANGING HEART44";
  EXPECT_TRUE(SameBytes(std::string_view(left).substr(2, 19),
                        std::string_view(right).substr(2, 19)));
  EXPECT_TRUE(SameBytes(std::string_view(left).substr(2, 5),
                        std::string_view(right).substr(2, 5)));
}

}  // namespace
}  // namespace storepulse

#include "core/string_dictionary.h"

#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace storepulse {
namespace {

TEST(StringDictionaryTest, CodesAreDenseInOrderOfFirstAppearance) {
  StringDictionary dictionary;
  EXPECT_EQ(dictionary.size(), 0u);
  EXPECT_EQ(dictionary.Intern("United Kingdom"), 0u);
  EXPECT_EQ(dictionary.Intern("France"), 1u);
  EXPECT_EQ(dictionary.Intern("United Kingdom"), 0u);
  EXPECT_EQ(dictionary.Intern("EIRE"), 2u);
  EXPECT_EQ(dictionary.Intern("France"), 1u);
  EXPECT_EQ(dictionary.size(), 3u);
  EXPECT_EQ(dictionary.Get(0), "United Kingdom");
  EXPECT_EQ(dictionary.Get(1), "France");
  EXPECT_EQ(dictionary.Get(2), "EIRE");
}

TEST(StringDictionaryTest, PrefixesEmptyAndBinaryStringsAreDistinct) {
  StringDictionary dictionary;
  const std::string with_nul("a\0b", 3);
  EXPECT_EQ(dictionary.Intern("ab"), 0u);
  EXPECT_EQ(dictionary.Intern("a"), 1u);
  EXPECT_EQ(dictionary.Intern(""), 2u);
  EXPECT_EQ(dictionary.Intern("abc"), 3u);
  EXPECT_EQ(dictionary.Intern(with_nul), 4u);
  EXPECT_EQ(dictionary.Intern("AB"), 5u);
  EXPECT_EQ(dictionary.Get(2), "");
  EXPECT_EQ(dictionary.Get(4), with_nul);
  EXPECT_EQ(dictionary.Intern(""), 2u);
  EXPECT_EQ(dictionary.Intern("a"), 1u);
}

// Every length class the hash treats apart (empty, 1-3, 4-7, 8-16 bytes, longer), with
// strings that differ in one byte anywhere: all distinct, all found again.
TEST(StringDictionaryTest, StringsOfEveryLengthDifferingInOneByte) {
  StringDictionary dictionary;
  std::vector<std::string> values;
  for (size_t length = 0; length <= 24; ++length) {
    const std::string base(length, 'a');
    values.push_back(base);
    for (size_t at = 0; at < length; ++at) {
      std::string changed = base;
      changed[at] = 'b';
      values.push_back(changed);
    }
  }
  for (size_t i = 0; i < values.size(); ++i) {
    ASSERT_EQ(dictionary.Intern(values[i]), i) << "'" << values[i] << "'";
  }
  for (size_t i = 0; i < values.size(); ++i) {
    ASSERT_EQ(dictionary.Find(values[i]), std::optional<uint32_t>(i)) << values[i];
    ASSERT_EQ(dictionary.Get(static_cast<uint32_t>(i)), values[i]);
  }
}

TEST(StringDictionaryTest, FindDoesNotAdd) {
  StringDictionary dictionary;
  dictionary.Intern("85123A");
  dictionary.Intern("71053");
  EXPECT_EQ(dictionary.Find("71053"), 1u);
  EXPECT_EQ(dictionary.Find("85123A"), 0u);
  EXPECT_EQ(dictionary.Find("85123a"), std::nullopt);
  EXPECT_EQ(dictionary.Find(""), std::nullopt);
  EXPECT_EQ(dictionary.size(), 2u);
}

TEST(StringDictionaryTest, SurvivesMoveConstruction) {
  StringDictionary original;
  original.Intern("a");
  original.Intern("b");
  StringDictionary moved(std::move(original));
  EXPECT_EQ(moved.size(), 2u);
  EXPECT_EQ(moved.Find("b"), 1u);
  EXPECT_EQ(moved.Intern("a"), 0u);
  EXPECT_EQ(moved.Intern("c"), 2u);
  // Enough new strings to regrow the arena and the index after the move.
  for (int i = 0; i < 1'000; ++i) moved.Intern("new-" + std::to_string(i));
  EXPECT_EQ(moved.Find("c"), 2u);
  EXPECT_EQ(moved.Find("new-999"), 1'002u);
  EXPECT_EQ(moved.Get(1), "b");
}

TEST(StringDictionaryTest, SurvivesMoveAssignment) {
  StringDictionary source;
  source.Intern("x");
  source.Intern("y");
  StringDictionary target;
  target.Intern("old");
  target = std::move(source);
  EXPECT_EQ(target.size(), 2u);
  EXPECT_EQ(target.Find("old"), std::nullopt);
  EXPECT_EQ(target.Find("y"), 1u);
  for (int i = 0; i < 1'000; ++i) target.Intern(std::to_string(i));
  EXPECT_EQ(target.Intern("x"), 0u);
  EXPECT_EQ(target.Find("500"), 502u);
}

TEST(StringDictionaryTest, CodesStayStableWhileTheArenaRegrows) {
  StringDictionary dictionary;
  std::vector<std::string> values;
  for (int i = 0; i < 100'000; ++i) {
    // Lengths vary so that offsets are not a fixed stride.
    values.push_back("stock-" + std::to_string(i) +
                     std::string(static_cast<size_t>(i % 13), '#'));
    ASSERT_EQ(dictionary.Intern(values.back()), static_cast<uint32_t>(i));
  }
  const size_t memory = dictionary.MemoryBytes();
  EXPECT_GT(memory, 100'000u * 6);
  for (uint32_t code = 0; code < values.size(); code += 97) {
    EXPECT_EQ(dictionary.Get(code), values[code]);
    EXPECT_EQ(dictionary.Find(values[code]), code);
    EXPECT_EQ(dictionary.Intern(values[code]), code);
  }
  EXPECT_EQ(dictionary.Get(99'999), values.back());
  EXPECT_EQ(dictionary.size(), 100'000u);
}

}  // namespace
}  // namespace storepulse

#include "ingest/encoding.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace storepulse::ingest {
namespace {

bool Valid(std::string_view text) { return IsValidUtf8Range(text, 0, text.size()); }

std::string Hex(std::string_view text) {
  std::string hex;
  for (char c : text) {
    static constexpr char kDigits[] = "0123456789ABCDEF";
    const auto byte = static_cast<unsigned char>(c);
    hex += kDigits[byte >> 4];
    hex += kDigits[byte & 15];
    hex += ' ';
  }
  return hex;
}

// UTF-8 texts: ASCII runs long enough for the eight-byte fast path, and sequences of
// every length at many offsets.
const std::vector<std::string>& ValidTexts() {
  static const std::vector<std::string> kTexts = {
      "",
      "plain ASCII text, long enough for the fast path",
      "Dotcomgiftshop Gift Voucher \xC2\xA3"
      "40.00",
      "CAF\xC3\x89 \xE2\x82\xAC"
      "5 \xF0\x9F\x98\x80!",
      "\xE2\x82\xAC\xE2\x82\xAC\xE2\x82\xAC\xC2\xA3\xF0\x9F\x98\x80\xF0\x9F\x98\x80",
      "abcdefg\xC3\xA9"
      "abcdefgh\xE2\x82\xAC"
      "abcdefgh\xF4\x8F\xBF\xBF"
      "abcdefgh",
      "\xEF\xBB\xBFInvoiceNo,StockCode",
      "\xED\x9F\xBF \xEE\x80\x80",  // U+D7FF and U+E000, either side of the surrogates
  };
  return kTexts;
}

// Texts that are not UTF-8, each for a different reason.
const std::vector<std::string>& InvalidTexts() {
  static const std::vector<std::string> kTexts = {
      "\xA3",  // Latin-1 pound sign: a lone continuation byte
      "Gift Voucher \xA3"
      "40.00",  // the same, after ASCII
      "abcdefgh\xA3"
      "abcdefgh",              // after an eight-byte ASCII run
      "\xC3\xA9\xA9",          // one continuation byte too many
      "ab\xE2\x82\xAC\x82xy",  // a stray continuation after a full sequence
      "\xC3x",                 // a lead byte without its continuation
      "ab\xE2\x82",            // a sequence cut by the end of the text
      "\xF0\x9F\x98",          // the same, four-byte form
      "\xC0\x80",              // overlong NUL
      "\xC1\xBF",              // overlong two-byte form
      "\xE0\x80\x80",          // overlong three-byte form
      "\xE0\x9F\xBF",          // overlong: U+07FF in three bytes
      "\xF0\x80\x80\x80",      // overlong four-byte form
      "\xF0\x8F\xBF\xBF",      // overlong: U+FFFF in four bytes
      "\xED\xA0\x80",          // surrogate U+D800
      "\xED\xBF\xBF",          // surrogate U+DFFF
      "\xF4\x90\x80\x80",      // U+110000, past the last code point
      "\xF5\x80\x80\x80",      // lead byte that never occurs
      "\xFF",
      "\xFE",
      "\xE9t\xE9",             // Latin-1 "été"
      "\xF0\x9F\x98\x80\x80",  // five bytes of a four-byte sequence
  };
  return kTexts;
}

TEST(IsValidUtf8RangeTest, WholeValidTexts) {
  for (const std::string& text : ValidTexts()) EXPECT_TRUE(Valid(text)) << Hex(text);
}

TEST(IsValidUtf8RangeTest, WholeInvalidTexts) {
  for (const std::string& text : InvalidTexts()) EXPECT_FALSE(Valid(text)) << Hex(text);
}

TEST(IsValidUtf8RangeTest, ValidTextSplitAnywhereGivesTwoValidHalves) {
  for (const std::string& text : ValidTexts()) {
    for (size_t split = 0; split <= text.size(); ++split) {
      EXPECT_TRUE(IsValidUtf8Range(text, 0, split)) << Hex(text) << "split at " << split;
      EXPECT_TRUE(IsValidUtf8Range(text, split, text.size()))
          << Hex(text) << "split at " << split;
    }
  }
}

TEST(IsValidUtf8RangeTest, ValidTextSplitIntoThreeGivesThreeValidParts) {
  const std::string& text = ValidTexts()[5];
  for (size_t first = 0; first <= text.size(); ++first) {
    for (size_t second = first; second <= text.size(); ++second) {
      EXPECT_TRUE(IsValidUtf8Range(text, 0, first) &&
                  IsValidUtf8Range(text, first, second) &&
                  IsValidUtf8Range(text, second, text.size()))
          << "splits at " << first << " and " << second;
    }
  }
}

// The contract: checking adjacent ranges this way checks their union. An invalid text
// must fail in at least one half wherever it is split (the CSV reader splits files at
// arbitrary bytes and decides between UTF-8 and Latin-1 from the halves).
TEST(IsValidUtf8RangeTest, InvalidTextSplitAnywhereFailsInSomeHalf) {
  for (const std::string& text : InvalidTexts()) {
    for (size_t split = 0; split <= text.size(); ++split) {
      EXPECT_FALSE(IsValidUtf8Range(text, 0, split) &&
                   IsValidUtf8Range(text, split, text.size()))
          << Hex(text) << "split at " << split << " passes in both halves";
    }
  }
}

TEST(IsValidUtf8RangeTest, LatinPoundAtTheStartOfARange) {
  // The shape of the Online Retail export: "... Voucher \xA3" "40.00 ...", split before
  // the pound sign. The byte before it is ASCII, so nothing can continue into it.
  const std::string text =
      "Voucher \xA3"
      "40.00";
  EXPECT_TRUE(IsValidUtf8Range(text, 0, 8));
  EXPECT_FALSE(IsValidUtf8Range(text, 8, text.size()));
}

TEST(IsValidUtf8RangeTest, ContinuationAtTheVeryStartIsInvalid) {
  EXPECT_FALSE(
      IsValidUtf8Range("\x80"
                       "abc",
                       0, 4));
}

TEST(IsValidUtf8RangeTest, SequenceStartingInsideRangeIsReadPastItsEnd) {
  const std::string text = "ab\xE2\x82\xAC";  // the euro sign starts at 2
  EXPECT_TRUE(IsValidUtf8Range(text, 0, 3));
  EXPECT_TRUE(IsValidUtf8Range(text, 3, 5));
  const std::string cut = "ab\xE2\x82";
  EXPECT_FALSE(IsValidUtf8Range(cut, 0, 3));
}

TEST(IsValidUtf8RangeTest, EmptyRangeIsValid) {
  EXPECT_TRUE(IsValidUtf8Range("\xFF", 1, 1));
  EXPECT_TRUE(IsValidUtf8Range("", 0, 0));
}

TEST(AppendLatin1AsUtf8Test, PoundSign) {
  std::string out;
  AppendLatin1AsUtf8("\xA3", &out);
  EXPECT_EQ(out, "£");
  EXPECT_EQ(out, "\xC2\xA3");
}

TEST(AppendLatin1AsUtf8Test, AsciiUnchangedAndAppended) {
  std::string out = "prefix:";
  AppendLatin1AsUtf8(
      "Gift Voucher \xA3"
      "40.00",
      &out);
  EXPECT_EQ(out, "prefix:Gift Voucher £40.00");
  std::string ascii;
  AppendLatin1AsUtf8("ABC 123,\"x\"\r\n", &ascii);
  EXPECT_EQ(ascii, "ABC 123,\"x\"\r\n");
}

TEST(AppendLatin1AsUtf8Test, EveryHighByteBecomesItsCodePoint) {
  std::string out;
  AppendLatin1AsUtf8("\x80\xBF\xC0\xE9\xFF", &out);
  EXPECT_EQ(out, "\xC2\x80\xC2\xBF\xC3\x80\xC3\xA9\xC3\xBF");
}

TEST(AppendLatin1AsUtf8Test, AllBytesGiveValidUtf8) {
  std::string latin1;
  for (int byte = 1; byte < 256; ++byte) latin1.push_back(static_cast<char>(byte));
  std::string out;
  AppendLatin1AsUtf8(latin1, &out);
  EXPECT_EQ(out.size(), 127u + 2 * 128u);
  EXPECT_TRUE(Valid(out));
  EXPECT_FALSE(Valid(latin1));
}

TEST(EncodingTest, NamesAndHighBytes) {
  EXPECT_EQ(TextEncodingName(TextEncoding::kAscii), "ascii");
  EXPECT_EQ(TextEncodingName(TextEncoding::kUtf8), "utf-8");
  EXPECT_EQ(TextEncodingName(TextEncoding::kLatin1), "iso-8859-1");
  EXPECT_FALSE(HasHighBytes("plain, \"text\"\r\n"));
  EXPECT_TRUE(HasHighBytes("\xA3"));
  EXPECT_TRUE(HasHighBytes("abc\xC2\xA3"));
  EXPECT_FALSE(HasHighBytes(""));
}

}  // namespace
}  // namespace storepulse::ingest

#include "ingest/csv_record.h"

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

namespace storepulse::ingest {
namespace {

// Scans the first record of `text` and keeps what a test looks at.
struct Scanned {
  std::vector<std::string> values;
  std::vector<uint32_t> raw_offsets;
  std::string raw;
  size_t next = 0;  // offset of the next record in `text`
  uint32_t line_breaks = 0;
  bool unterminated_quote = false;
  bool blank = false;
  bool high_bytes = false;
};

Scanned ScanFirst(const std::string& text) {
  RecordScanner scanner;
  const ScannedRecord record = scanner.Scan(text.data(), text.data() + text.size());
  Scanned scanned;
  for (const FieldRef& field : scanner.fields()) {
    scanned.values.emplace_back(scanner.Value(record, field));
    scanned.raw_offsets.push_back(field.raw_offset);
  }
  scanned.raw = std::string(record.raw());
  scanned.next = static_cast<size_t>(record.next - text.data());
  scanned.line_breaks = record.line_breaks;
  scanned.unterminated_quote = record.unterminated_quote;
  scanned.blank = record.blank;
  scanned.high_bytes = record.high_bytes;
  return scanned;
}

using Values = std::vector<std::string>;

TEST(RecordScannerTest, PlainFieldsEndAtLineFeed) {
  const Scanned s = ScanFirst("536365,85123A,6\nnext");
  EXPECT_EQ(s.values, (Values{"536365", "85123A", "6"}));
  EXPECT_EQ(s.raw, "536365,85123A,6");
  EXPECT_EQ(s.next, 16u);
  EXPECT_FALSE(s.blank);
  EXPECT_FALSE(s.unterminated_quote);
  EXPECT_EQ(s.line_breaks, 0u);
}

TEST(RecordScannerTest, EmptyFieldsAreKept) {
  EXPECT_EQ(ScanFirst("a,,c,\n").values, (Values{"a", "", "c", ""}));
  EXPECT_EQ(ScanFirst(",\n").values, (Values{"", ""}));
}

TEST(RecordScannerTest, QuotedFieldKeepsCommas) {
  const Scanned s = ScanFirst("1,\"SET 2 TEA TOWELS, I LOVE LONDON\",6\n");
  EXPECT_EQ(s.values, (Values{"1", "SET 2 TEA TOWELS, I LOVE LONDON", "6"}));
  EXPECT_EQ(s.raw_offsets, (std::vector<uint32_t>{0, 2, 36}));
}

TEST(RecordScannerTest, DoubledQuotesAreOneQuote) {
  const Scanned s = ScanFirst("\"12\"\" RULER\",\"\"\"quoted\"\"\",\"\"\n");
  EXPECT_EQ(s.values, (Values{"12\" RULER", "\"quoted\"", ""}));
  EXPECT_EQ(s.raw, "\"12\"\" RULER\",\"\"\"quoted\"\"\",\"\"");
}

TEST(RecordScannerTest, LineBreaksInsideQuotesAreDataAndCounted) {
  const std::string text = "1,\"first\nsecond\nthird\",2\nnext\n";
  const Scanned s = ScanFirst(text);
  EXPECT_EQ(s.values, (Values{"1", "first\nsecond\nthird", "2"}));
  EXPECT_EQ(s.line_breaks, 2u);
  EXPECT_EQ(s.raw, "1,\"first\nsecond\nthird\",2");
  EXPECT_EQ(text.substr(s.next), "next\n");
}

TEST(RecordScannerTest, CrlfInsideQuotesIsKept) {
  const Scanned s = ScanFirst("\"a\r\nb\",c\r\nnext");
  EXPECT_EQ(s.values, (Values{"a\r\nb", "c"}));
  EXPECT_EQ(s.line_breaks, 1u);
  EXPECT_EQ(s.next, 10u);
}

TEST(RecordScannerTest, CrlfAndLfEndRecordsAlike) {
  const Scanned crlf = ScanFirst("a,b\r\nc");
  const Scanned lf = ScanFirst("a,b\nc");
  EXPECT_EQ(crlf.values, (Values{"a", "b"}));
  EXPECT_EQ(lf.values, crlf.values);
  EXPECT_EQ(crlf.raw, "a,b");
  EXPECT_EQ(crlf.next, 5u);
  EXPECT_EQ(lf.next, 4u);
  const Scanned quoted_last = ScanFirst("a,\"b\"\r\nc");
  EXPECT_EQ(quoted_last.values, (Values{"a", "b"}));
  EXPECT_EQ(quoted_last.next, 7u);
}

TEST(RecordScannerTest, ALoneCrEndsTheRecord) {
  // As pandas and Python's csv module read it: classic Mac OS files end lines with CR.
  const Scanned s = ScanFirst("a\rb,c\r\n");
  EXPECT_EQ(s.values, (Values{"a"}));
  EXPECT_EQ(s.raw, "a");
  EXPECT_EQ(s.next, 2u);
  const Scanned mac = ScanFirst("a,b\rc,d\r");
  EXPECT_EQ(mac.values, (Values{"a", "b"}));
  EXPECT_EQ(mac.next, 4u);
  // Inside quotes it is data, and a line break for line numbers.
  const Scanned quoted = ScanFirst("\"a\rb\",c\n");
  EXPECT_EQ(quoted.values, (Values{"a\rb", "c"}));
  EXPECT_EQ(quoted.line_breaks, 1u);
  // CR CR LF: a record, then a blank one.
  const Scanned doubled = ScanFirst("a\r\r\nb");
  EXPECT_EQ(doubled.values, (Values{"a"}));
  EXPECT_EQ(doubled.next, 2u);
  EXPECT_TRUE(ScanFirst("\r\nb").blank);
  const Scanned after_quote = ScanFirst("\"a\"\rb");
  EXPECT_EQ(after_quote.values, (Values{"a"}));
  EXPECT_EQ(after_quote.next, 4u);
}

TEST(RecordScannerTest, FinalCrEndsTheLastRecord) {
  const Scanned s = ScanFirst("a,b\r");
  EXPECT_EQ(s.values, (Values{"a", "b"}));
  EXPECT_EQ(s.raw, "a,b");
  EXPECT_EQ(s.next, 4u);
}

TEST(RecordScannerTest, TrailingLineWithoutNewline) {
  const Scanned s = ScanFirst("a,b,\"c\"");
  EXPECT_EQ(s.values, (Values{"a", "b", "c"}));
  EXPECT_EQ(s.next, 7u);
  EXPECT_FALSE(s.unterminated_quote);
}

TEST(RecordScannerTest, QuoteInsideUnquotedFieldIsLiteral) {
  const Scanned s = ScanFirst("12\" RULER,ab\"c\"d,x\n");
  EXPECT_EQ(s.values, (Values{"12\" RULER", "ab\"c\"d", "x"}));
  EXPECT_FALSE(s.unterminated_quote);
}

TEST(RecordScannerTest, TextAfterClosingQuoteIsAppended) {
  EXPECT_EQ(ScanFirst("\"a\"b,c\n").values, (Values{"ab", "c"}));
  EXPECT_EQ(ScanFirst("\"a\"\"x\"yz,c\n").values, (Values{"a\"xyz", "c"}));
  EXPECT_EQ(ScanFirst("\"a\" \n").values, (Values{"a "}));
  EXPECT_EQ(ScanFirst("x,\"a\"b\"c\"\n").values, (Values{"x", "ab\"c\""}));
}

TEST(RecordScannerTest, UnterminatedQuoteRunsToTheEnd) {
  const std::string text = "1,\"never closed,2\nnext,line\n";
  const Scanned s = ScanFirst(text);
  EXPECT_TRUE(s.unterminated_quote);
  EXPECT_EQ(s.values, (Values{"1", "never closed,2\nnext,line\n"}));
  EXPECT_EQ(s.line_breaks, 2u);
  EXPECT_EQ(s.next, text.size());
  EXPECT_EQ(s.raw, text);
  const Scanned escaped = ScanFirst("\"a\"\"b");
  EXPECT_TRUE(escaped.unterminated_quote);
  EXPECT_EQ(escaped.values, (Values{"a\"b"}));
}

TEST(RecordScannerTest, BlankLines) {
  const Scanned lf = ScanFirst("\nabc");
  EXPECT_TRUE(lf.blank);
  EXPECT_EQ(lf.values, (Values{""}));
  EXPECT_EQ(lf.next, 1u);
  const Scanned crlf = ScanFirst("\r\nabc");
  EXPECT_TRUE(crlf.blank);
  EXPECT_EQ(crlf.next, 2u);
  EXPECT_FALSE(ScanFirst("\"\"\n").blank);
  EXPECT_FALSE(ScanFirst(" \n").blank);
  EXPECT_FALSE(ScanFirst(",\n").blank);
}

TEST(RecordScannerTest, HighBytesAreNoticedAnywhere) {
  EXPECT_FALSE(ScanFirst("plain,\"quoted\"\n").high_bytes);
  EXPECT_TRUE(ScanFirst("a\xA3,b\n").high_bytes);
  EXPECT_TRUE(ScanFirst("a,\"\xC2\xA3\"\n").high_bytes);
  EXPECT_TRUE(ScanFirst("\"a\"\xA3\n").high_bytes);
  EXPECT_TRUE(ScanFirst("\"a\"\"\xA3\"\n").high_bytes);
  // Bytes of the next record do not count.
  EXPECT_FALSE(ScanFirst("a,b\n\xA3").high_bytes);
}

TEST(RecordScannerTest, ScannerIsReusableAcrossRecords) {
  const std::string text = "\"x\"\"y\",1\nplain,2\n\"q\"tail,3\n";
  RecordScanner scanner;
  const char* p = text.data();
  const char* end = text.data() + text.size();
  std::vector<Values> records;
  while (p < end) {
    const ScannedRecord record = scanner.Scan(p, end);
    Values values;
    for (const FieldRef& field : scanner.fields()) {
      values.emplace_back(scanner.Value(record, field));
    }
    records.push_back(values);
    p = record.next;
  }
  EXPECT_EQ(records,
            (std::vector<Values>{{"x\"y", "1"}, {"plain", "2"}, {"qtail", "3"}}));
}

TEST(RecordScannerTest, LongUnquotedRecordsSplitAcrossBlocks) {
  // Records of 16 bytes and more, followed by more input, take the block-at-a-time path.
  const std::string first =
      "536365,85123A,WHITE HANGING HEART T-LIGHT HOLDER,6,12/1/2010 8:26,2.55,17850,"
      "United Kingdom";
  const std::string text = first + "\r\n" + first + "\n";
  const Scanned s = ScanFirst(text);
  EXPECT_EQ(s.values, (Values{"536365", "85123A", "WHITE HANGING HEART T-LIGHT HOLDER",
                              "6", "12/1/2010 8:26", "2.55", "17850", "United Kingdom"}));
  EXPECT_EQ(s.raw, first);
  EXPECT_EQ(s.next, first.size() + 2);
  EXPECT_FALSE(s.high_bytes);
  EXPECT_FALSE(s.blank);
}

TEST(RecordScannerTest, CrlfAtEveryOffsetOfABlock) {
  for (size_t length = 0; length < 40; ++length) {
    const std::string field(length, 'x');
    const std::string text = field + ",y\r\n" + std::string(40, 'z') + "\n";
    const Scanned s = ScanFirst(text);
    EXPECT_EQ(s.values, (Values{field, "y"})) << length;
    EXPECT_EQ(s.next, length + 4) << length;
    const Scanned lone_cr =
        ScanFirst(field + ",y\r" + field + ",y\n" + std::string(40, 'z'));
    EXPECT_EQ(lone_cr.values, (Values{field, "y"})) << length;
    EXPECT_EQ(lone_cr.next, length + 3) << length;
  }
}

TEST(RecordScannerTest, HighBytesOfTheNextRecordDoNotCountInLongInput) {
  const Scanned s = ScanFirst(
      "abc,def\n\xA3\xA3\xA3\xA3\xA3\xA3\xA3\xA3\xA3\xA3\xA3\xA3\xA3\xA3\xA3\xA3\n");
  EXPECT_FALSE(s.high_bytes);
  for (size_t offset = 0; offset < 40; ++offset) {
    std::string text = std::string(40, 'a') + "\n" + std::string(40, 'b');
    text[offset] = '\xA3';
    EXPECT_TRUE(ScanFirst(text).high_bytes) << offset;
  }
}

TEST(RecordScannerTest, BlankLineBeforeLongInput) {
  const Scanned s = ScanFirst("\r\n" + std::string(40, 'a') + "\n");
  EXPECT_TRUE(s.blank);
  EXPECT_EQ(s.next, 2u);
  EXPECT_EQ(s.values, (Values{""}));
}

TEST(RecordScannerTest, QuoteLateInALongRecord) {
  const std::string text = std::string(30, 'a') + ",\"b,\"\"c\"\"\nd\"," +
                           std::string(20, 'e') + "\n" + std::string(20, 'f');
  const Scanned s = ScanFirst(text);
  EXPECT_EQ(s.values, (Values{std::string(30, 'a'), "b,\"c\"\nd", std::string(20, 'e')}));
  EXPECT_EQ(s.line_breaks, 1u);
  EXPECT_EQ(text.substr(s.next), std::string(20, 'f'));
}

// The documented rules, written the slow and obvious way.
Scanned ReferenceScan(const std::string& text) {
  Scanned s;
  size_t pos = 0;
  auto ends_record = [&](size_t at) { return text[at] == '\n' || text[at] == '\r'; };
  while (true) {
    s.raw_offsets.push_back(static_cast<uint32_t>(pos));
    std::string value;
    if (pos < text.size() && text[pos] == '"') {
      ++pos;
      while (true) {
        if (pos == text.size()) {
          s.unterminated_quote = true;
          break;
        }
        if (text[pos] == '"') {
          if (pos + 1 < text.size() && text[pos + 1] == '"') {
            value += '"';
            pos += 2;
            continue;
          }
          ++pos;
          break;
        }
        s.line_breaks +=
            text[pos] == '\n' ||
            (text[pos] == '\r' && (pos + 1 == text.size() || text[pos + 1] != '\n'));
        value += text[pos++];
      }
    }
    while (pos < text.size() && text[pos] != ',' && !ends_record(pos))
      value += text[pos++];
    s.values.push_back(value);
    if (pos < text.size() && text[pos] == ',') {
      ++pos;
      continue;
    }
    s.raw = text.substr(0, pos);
    if (pos < text.size() && text[pos] == '\r') ++pos;
    if (pos < text.size() && text[pos] == '\n') ++pos;
    s.next = pos;
    break;
  }
  s.blank = s.raw.empty();
  for (char c : s.raw) s.high_bytes |= static_cast<unsigned char>(c) >= 0x80;
  return s;
}

TEST(RecordScannerTest, MatchesAReferenceReaderOnRandomText) {
  // Short and long texts, so that both the general and the sixteen-byte paths run, with
  // every special byte at every offset sooner or later.
  const std::vector<std::string> pieces = {"a",  "bc",   "0123456789", ",",  ",",
                                           "\"", "\"\"", "\n",         "\r", "\r\n",
                                           " ",  "\xA3", "\xC2\xA3"};
  std::mt19937 random(20101201);
  for (int iteration = 0; iteration < 20'000; ++iteration) {
    std::string text;
    const int count = 1 + static_cast<int>(random() % 40);
    for (int i = 0; i < count; ++i) {
      // Mostly plain text, so that records often run past sixteen bytes.
      const size_t piece = random() % 3 == 0 ? random() % pieces.size() : random() % 3;
      text += pieces[piece];
    }
    const Scanned expected = ReferenceScan(text);
    const Scanned actual = ScanFirst(text);
    ASSERT_EQ(actual.values, expected.values) << "text: " << text;
    ASSERT_EQ(actual.raw_offsets, expected.raw_offsets) << "text: " << text;
    ASSERT_EQ(actual.raw, expected.raw) << "text: " << text;
    ASSERT_EQ(actual.next, expected.next) << "text: " << text;
    ASSERT_EQ(actual.line_breaks, expected.line_breaks) << "text: " << text;
    ASSERT_EQ(actual.unterminated_quote, expected.unterminated_quote) << "text: " << text;
    ASSERT_EQ(actual.blank, expected.blank) << "text: " << text;
    ASSERT_EQ(actual.high_bytes, expected.high_bytes) << "text: " << text;
  }
}

TEST(PositionInRecordTest, CountsLinesAndColumnsFromOne) {
  EXPECT_EQ(PositionInRecord("abc,def", 0, 7).line, 7u);
  EXPECT_EQ(PositionInRecord("abc,def", 0, 7).column, 1u);
  EXPECT_EQ(PositionInRecord("abc,def", 4, 7).column, 5u);
  const TextPosition after_break = PositionInRecord("1,\"a\nbc\",x", 9, 10);
  EXPECT_EQ(after_break.line, 11u);
  EXPECT_EQ(after_break.column, 5u);
  const TextPosition two_breaks = PositionInRecord("\"\n\n\",y", 5, 1);
  EXPECT_EQ(two_breaks.line, 3u);
  EXPECT_EQ(two_breaks.column, 3u);
}

TEST(PositionInRecordTest, ColumnsCountCharactersNotBytes) {
  // "£" is two bytes in UTF-8 and one character.
  const TextPosition position = PositionInRecord("\xC2\xA3\x35,x", 4, 1);
  EXPECT_EQ(position.line, 1u);
  EXPECT_EQ(position.column, 4u);
}

// Rows longer than a machine word, with a line break or a two-byte character at every
// place before the offset: the word-at-a-time ASCII check must see each of them.
TEST(PositionInRecordTest, LongRowsWithABreakOrACharacterAnywhere) {
  const std::string plain(40, 'x');
  for (uint32_t offset : {0u, 7u, 8u, 9u, 16u, 33u, 40u}) {
    EXPECT_EQ(PositionInRecord(plain, offset, 3).line, 3u);
    EXPECT_EQ(PositionInRecord(plain, offset, 3).column, offset + 1);
  }
  for (uint32_t at = 0; at < 33; ++at) {
    for (const char line_break : {'\n', '\r'}) {
      std::string broken = plain;
      broken[at] = line_break;
      const TextPosition after_break = PositionInRecord(broken, 33, 3);
      EXPECT_EQ(after_break.line, 4u) << at;
      EXPECT_EQ(after_break.column, 33 - at) << at;
    }
    std::string crlf = plain;
    crlf.replace(at, 2, "\r\n");
    if (at + 2 <= 33) {
      EXPECT_EQ(PositionInRecord(crlf, 33, 3).line, 4u) << at;
    }

    std::string pound = plain;
    pound.replace(at, 2, "\xC2\xA3");
    if (at + 2 > 33) continue;
    EXPECT_EQ(PositionInRecord(pound, 33, 3).column, 33u) << at;
  }
}

TEST(PositionInRecordTest, OffsetPastTheEndStopsAtTheEnd) {
  EXPECT_EQ(PositionInRecord("ab", 100, 1).column, 3u);
}

}  // namespace
}  // namespace storepulse::ingest

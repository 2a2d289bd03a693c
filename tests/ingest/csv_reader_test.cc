#include "ingest/csv_reader.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <random>
#include <string>
#include <vector>

#include "ingest/read_test_util.h"
#include "test_util.h"

namespace storepulse::ingest {
namespace {

using testing::ExpectSameResult;
using testing::kCleanLine;
using testing::kCleanRowText;
using testing::OrderCsv;
using testing::QuarantineRows;
using testing::ReadCsv;
using testing::ReadOptions;
using testing::TableRows;

TEST(CsvReaderTest, CleanRowsLandInTheTableWithTheirValues) {
  const std::string csv = OrderCsv({
      kCleanLine,
      "536365,71053,WHITE METAL LANTERN,6,12/1/2010 8:26,3.39,17850,United Kingdom",
      "536370,22728,ALARM CLOCK BAKELIKE PINK,24,12/1/2010 8:45,3.75,12583,France",
      "581587,22138,BAKING SET 9 PIECE RETROSPOT ,3,12/9/2011 12:50,4.95,12680,France",
  });
  const IngestResult result = ReadCsv(csv);
  EXPECT_EQ(
      TableRows(result.table),
      (std::vector<std::string>{
          std::string(kCleanRowText),
          "536365|71053|WHITE METAL LANTERN|6|2010-12-01T08:26:00|33900|17850|United "
          "Kingdom",
          "536370|22728|ALARM CLOCK BAKELIKE PINK|24|2010-12-01T08:45:00|37500|12583|"
          "France",
          "581587|22138|BAKING SET 9 PIECE RETROSPOT|3|2011-12-09T12:50:00|49500|12680|"
          "France",
      }));
  EXPECT_TRUE(result.quarantine.empty());
  EXPECT_EQ(result.stats.source, "test.csv");
  EXPECT_EQ(result.stats.bytes, csv.size());
  EXPECT_EQ(result.stats.rows_read, 4u);
  EXPECT_EQ(result.stats.rows_clean, 4u);
  EXPECT_EQ(result.stats.rows_quarantined, 0u);
  EXPECT_EQ(result.stats.columns.field_count, 8u);
  EXPECT_EQ(result.table.invoices().size(), 3u);
  EXPECT_EQ(result.table.countries().size(), 2u);
}

// Plain records (no quote, ASCII, the header's field count) are split by a fast path of
// their own; the same rows with the last field quoted go through the general scanner.
// Quoting the last field changes no value and no position before it, so everything but
// the raw text must come out the same.
TEST(CsvReaderTest, PlainRecordsReadAsTheGeneralScannerReadsThem) {
  const std::vector<std::string> rows = {
      std::string(kCleanLine),
      "536365,71053,WHITE METAL LANTERN,6,12/1/2010 8:26,3.39,17850,France",
      " 536366 , 22633 ,  HAND WARMER  ,\t6\t,12/1/2010 8:28, 1.85 ,17850 ,EIRE",
      "C536379,D,Discount,-1,12/1/2010 9:41,27.5,14527,France",
      "536380,22961,JAM MAKING SET,-24,12/1/2010 9:41,1.45,17809,France",
      "536414,22139,,56,12/1/2010 11:52,0,,France",
      "536544,21773,ROSE BOTTLE,1,12/1/2010 14:32,2.51,,France",
      "536545,21774,BAD DATE,1,13/45/2010 14:32,2.51,13047,France",
      "536546,21775,BAD NUMBER,six,12/1/2010 14:32,2.51,13047,France",
      ",,,,,,,x",
      "1,2,3,4,5,6,7,8",
      "536547,21776,SEVEN FIELDS,1,12/1/2010 14:32,2.51,13047",
      "536548,21777,NINE FIELDS,1,12/1/2010 14:32,2.51,13047,France,extra",
      // A lone CR ends a line: two records, of 3 and 6 fields.
      "536549,21778,LONE\rCR,1,12/1/2010 14:33,2.51,13047,France",
      "",
      "536550,21779,CRLF ENDED,2,12/1/2010 14:34,1.00,13047,France\r",
      "536551,21780,LAST,3,12/1/2010 14:35,1.00,13047,France",
  };
  std::string plain =
      "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,"
      "CustomerID,Country\n";
  std::string quoted = plain;
  for (const std::string& row : rows) {
    plain += row + "\n";
    const size_t last_comma = row.rfind(',');
    if (row.empty() || last_comma == std::string::npos) {
      quoted += row + "\n";
      continue;
    }
    std::string last = row.substr(last_comma + 1);
    const bool crlf = !last.empty() && last.back() == '\r';
    if (crlf) last.pop_back();
    quoted +=
        row.substr(0, last_comma + 1) + "\"" + last + "\"" + (crlf ? "\r" : "") + "\n";
  }
  for (int threads : {1, 2}) {
    const IngestResult fast = ReadCsv(plain, ReadOptions(64, threads));
    const IngestResult general = ReadCsv(quoted, ReadOptions(64, threads));
    EXPECT_EQ(TableRows(fast.table), TableRows(general.table));
    EXPECT_EQ(fast.table.size(), 5u);
    auto without_raw = [](const Quarantine& quarantine) {
      std::vector<std::string> described;
      for (size_t i = 0; i < quarantine.size(); ++i) {
        described.push_back(quarantine.Describe(i) + " [" +
                            std::string(quarantine.value(i)) + "]");
      }
      return described;
    };
    EXPECT_EQ(without_raw(fast.quarantine), without_raw(general.quarantine));
    EXPECT_EQ(fast.quarantine.size(), 12u);
    EXPECT_EQ(fast.stats.rows_read, general.stats.rows_read);
    EXPECT_EQ(fast.stats.blank_lines, 1u);
    EXPECT_EQ(general.stats.blank_lines, 1u);
    EXPECT_EQ(fast.stats.quarantine_reasons, general.stats.quarantine_reasons);
    EXPECT_EQ(fast.stats.empty_values, general.stats.empty_values);
  }
}

TEST(CsvReaderTest, LinesEndedByCrAloneReadAsLfOnes) {
  // Excel's "CSV (Macintosh)" ends lines with CR; pandas reads such a file as any other.
  const std::string lf = OrderCsv({
      std::string(kCleanLine),
      "C536379,D,Discount,-1,12/1/2010 9:41,27.5,14527,France",
      "536366,22633,\"HAND, WARMER\",6,12/1/2010 8:28,1.85,17850,EIRE",
      "",
      "536544,21773,ROSE BOTTLE,1,12/1/2010 14:32,2.51,,France",
      "536551,21780,LAST,3,12/1/2010 14:35,1.00,13047,France",
  });
  std::string cr = lf;
  std::replace(cr.begin(), cr.end(), '\n', '\r');
  ASSERT_EQ(cr.find('\n'), std::string::npos);
  for (const size_t chunk_bytes : {0, 7, 64}) {
    const IngestResult from_lf = ReadCsv(lf, ReadOptions(chunk_bytes, 2));
    const IngestResult from_cr = ReadCsv(cr, ReadOptions(chunk_bytes, 2));
    EXPECT_EQ(from_cr.table.size(), 3u);
    EXPECT_EQ(TableRows(from_cr.table), TableRows(from_lf.table));
    EXPECT_EQ(QuarantineRows(from_cr.quarantine), QuarantineRows(from_lf.quarantine));
    EXPECT_EQ(from_cr.stats.blank_lines, 1u);
  }
}

// One row for each quarantine reason, then a quoted field left open to the end.
const std::string& EveryReasonCsv() {
  static const std::string kCsv = OrderCsv({
      kCleanLine,                                                      // 2
      "536365,71053,WHITE METAL LANTERN,6,12/1/2010 8:26,3.39,17850",  // 3
      ",22752,SET 7 BABUSHKA NESTING BOXES,2,12/1/2010 8:26,7.65,17850,United "
      "Kingdom",  // 4
      "536366,22633,HAND WARMER UNION JACK,six,12/1/2010 8:28,1.85,17850,United "
      "Kingdom",  // 5
      "536367,84879,ASSORTED COLOUR BIRD ORNAMENT,32,13/1/2010 "
      "8:34,1.69,13047,United "
      "Kingdom",                                                         // 6
      "C536379,D,Discount,-1,12/1/2010 9:41,27.5,14527,United Kingdom",  // 7
      "536380,22961,JAM MAKING SET PRINTED,-24,12/1/2010 9:41,1.45,17809,United "
      "Kingdom",                                             // 8
      "536414,22139,,56,12/1/2010 11:52,0,,United Kingdom",  // 9
      "536544,21773,DECORATIVE ROSE BATHROOM BOTTLE,1,12/1/2010 14:32,2.51,,United "
      "Kingdom",  // 10
      "536999,22086,\"PAPER CHAIN KIT 50'S CHRISTMAS ,12,12/1/2010 "
      "9:00,2.95,13047,UK",  // 11
  });
  return kCsv;
}

TEST(CsvReaderTest, EveryQuarantineReasonWithItsLineColumnAndValue) {
  const IngestResult result = ReadCsv(EveryReasonCsv());
  EXPECT_EQ(TableRows(result.table),
            std::vector<std::string>{std::string(kCleanRowText)});
  EXPECT_EQ(
      QuarantineRows(result.quarantine),
      (std::vector<std::string>{
          "3/3:0 wrong_field_count row [] "
          "536365,71053,WHITE METAL LANTERN,6,12/1/2010 8:26,3.39,17850",
          "4/4:1 missing_field InvoiceNo [] "
          ",22752,SET 7 BABUSHKA NESTING BOXES,2,12/1/2010 8:26,7.65,17850,United "
          "Kingdom",
          "5/5:37 malformed_number Quantity [six] "
          "536366,22633,HAND WARMER UNION JACK,six,12/1/2010 8:28,1.85,17850,United "
          "Kingdom",
          "6/6:47 unparseable_date InvoiceDate [13/1/2010 8:34] "
          "536367,84879,ASSORTED COLOUR BIRD ORNAMENT,32,13/1/2010 "
          "8:34,1.69,13047,United "
          "Kingdom",
          "7/7:1 cancellation InvoiceNo [C536379] "
          "C536379,D,Discount,-1,12/1/2010 9:41,27.5,14527,United Kingdom",
          "8/8:37 non_positive_quantity Quantity [-24] "
          "536380,22961,JAM MAKING SET PRINTED,-24,12/1/2010 9:41,1.45,17809,United "
          "Kingdom",
          "9/9:34 non_positive_price UnitPrice [0] "
          "536414,22139,,56,12/1/2010 11:52,0,,United Kingdom",
          "10/10:69 missing_customer CustomerID [] "
          "536544,21773,DECORATIVE ROSE BATHROOM BOTTLE,1,12/1/2010 14:32,2.51,,United "
          "Kingdom",
          "11/11:0 unterminated_quote row [] "
          "536999,22086,\"PAPER CHAIN KIT 50'S CHRISTMAS ,12,12/1/2010 "
          "9:00,2.95,13047,UK\n",
      }));
}

TEST(CsvReaderTest, DescribeSaysWhereAndWhy) {
  const IngestResult result = ReadCsv(EveryReasonCsv());
  ASSERT_EQ(result.quarantine.size(), 9u);
  const std::vector<std::string> expected = {
      "line 3: wrong_field_count: the row does not have as many fields as the header",
      "line 4, column 1 (InvoiceNo): missing_field: the field is empty",
      "line 5, column 37 (Quantity): malformed_number: 'six' is not a number in range",
      "line 6, column 47 (InvoiceDate): unparseable_date: '13/1/2010 8:34' is not a date "
      "(M/D/YYYY H:MM or YYYY-MM-DD HH:MM[:SS])",
      "line 7, column 1 (InvoiceNo): cancellation: invoice 'C536379' is a cancellation",
      "line 8, column 37 (Quantity): non_positive_quantity: quantity '-24' is not "
      "positive",
      "line 9, column 34 (UnitPrice): non_positive_price: unit price '0' is not positive",
      "line 10, column 69 (CustomerID): missing_customer: no CustomerID",
      "line 11: unterminated_quote: a quoted field is not closed before the end of the "
      "file",
  };
  for (size_t i = 0; i < expected.size(); ++i) {
    EXPECT_EQ(result.quarantine.Describe(i), expected[i]);
  }
}

TEST(CsvReaderTest, RowsReadIsCleanPlusQuarantined) {
  const IngestResult result = ReadCsv(EveryReasonCsv());
  const IngestStats& stats = result.stats;
  EXPECT_EQ(stats.rows_read, 10u);
  EXPECT_EQ(stats.rows_clean, 1u);
  EXPECT_EQ(stats.rows_quarantined, 9u);
  EXPECT_EQ(stats.rows_read, stats.rows_clean + stats.rows_quarantined);
  for (size_t reason = 0; reason < kQuarantineReasonCount; ++reason) {
    EXPECT_EQ(stats.quarantine_reasons[reason], 1u)
        << QuarantineReasonName(static_cast<QuarantineReason>(reason));
  }
}

TEST(CsvReaderTest, QuotedDescriptionsWithCommasQuotesAndLineBreaks) {
  const IngestResult result = ReadCsv(OrderCsv({
      "536365,21071,\"VINTAGE BILLBOARD, DRINK ME\",6,12/1/2010 8:26,1.06,17850,UK",
      "536366,22355,\"12\"\" RULER, \"\"BEST\"\"\",1,12/1/2010 8:28,0.85,17850,UK",
      "536367,22086,\"PAPER CHAIN\nKIT, 50'S\r\nCHRISTMAS\",3,12/1/2010 "
      "8:34,2.95,17850,UK",
      "\"536368\",\"22960\",\"\",\"6\",\"12/1/2010 8:34\",\"4.25\",\"13047\",\"UK\"",
  }));
  EXPECT_EQ(
      TableRows(result.table),
      (std::vector<std::string>{
          "536365|21071|VINTAGE BILLBOARD, DRINK ME|6|2010-12-01T08:26:00|10600|17850|UK",
          "536366|22355|12\" RULER, \"BEST\"|1|2010-12-01T08:28:00|8500|17850|UK",
          "536367|22086|PAPER CHAIN\nKIT, 50'S\r\nCHRISTMAS|3|2010-12-01T08:34:00|29500|"
          "17850|UK",
          "536368|22960||6|2010-12-01T08:34:00|42500|13047|UK",
      }));
}

TEST(CsvReaderTest, LineNumbersCountBreaksInsideQuotes) {
  const IngestResult result = ReadCsv(OrderCsv({
      "536365,85123A,\"WHITE HANGING\nHEART\",6,12/1/2010 8:26,2.55,17850,UK",      // 2-3
      "536366,22633,\"HAND\nWARMER\nUNION JACK\",-6,12/1/2010 8:28,1.85,17850,UK",  // 4-6
      "536367,84879,BIRD ORNAMENT,six,12/1/2010 8:34,1.69,13047,UK",                // 7
  }));
  EXPECT_EQ(result.table.size(), 1u);
  ASSERT_EQ(result.quarantine.size(), 2u);
  // The row starts on line 4; its Quantity is on line 6, after `UNION JACK",`.
  EXPECT_EQ(result.quarantine.Describe(0),
            "line 6, column 13 (Quantity): non_positive_quantity: quantity '-6' is not "
            "positive");
  EXPECT_EQ(result.quarantine.row(0).line, 4u);
  EXPECT_EQ(result.quarantine.row(1).line, 7u);
  EXPECT_EQ(result.quarantine.Position(1).line, 7u);
  EXPECT_EQ(result.quarantine.Position(1).column, 28u);
}

TEST(CsvReaderTest, Latin1IsConvertedToUtf8) {
  const std::string csv = OrderCsv({
      "536365,22728,ALARM CLOCK BAKELIKE PINK,24,12/1/2010 8:26,3.75,17850,United "
      "Kingdom",
      "536366,DOT,Dotcomgiftshop Gift Voucher \xA3"
      "40.00,1,12/1/2010 9:00,34.04,14096,United Kingdom",
      "536367,gift_0001_40,Dotcomgiftshop Gift Voucher \xA3"
      "40.00,x1,12/1/2010 9:00,34.04,,United Kingdom",
  });
  const IngestResult result = ReadCsv(csv);
  EXPECT_EQ(result.stats.encoding, TextEncoding::kLatin1);
  ASSERT_EQ(result.table.size(), 2u);
  EXPECT_EQ(result.table.Row(1).description, "Dotcomgiftshop Gift Voucher £40.00");
  ASSERT_EQ(result.quarantine.size(), 1u);
  EXPECT_EQ(
      result.quarantine.raw(0),
      "536367,gift_0001_40,Dotcomgiftshop Gift Voucher £40.00,x1,12/1/2010 9:00,34.04,,"
      "United Kingdom");
  EXPECT_EQ(result.quarantine.value(0), "x1");
  EXPECT_EQ(
      result.quarantine.Describe(0),
      "line 4, column 56 (Quantity): malformed_number: 'x1' is not a number in range");
}

// A file read in whole stays mapped, and its quarantined rows are views of it; a file
// read page by page (here: any file above 0 bytes) has them copied. Either way the rows
// read the same, converted rows included, after the reader has returned.
TEST(CsvReaderTest, QuarantinedRowsOfAFileReadTheSameViewedOrCopied) {
  const testing::TempDir dir;
  const std::string path =
      dir.Write("orders.csv", OrderCsv({
                                  "C536365,22728,CLOCK,-1,12/1/2010 8:26,3.75,17850,UK",
                                  "536366,DOT,Gift Voucher \xA3"
                                  "40.00,1,12/1/2010 9:00,34.04,,UK",
                                  "536367,22728,CLOCK,2,12/1/2010 9:00,3.75,17850,UK",
                              }));
  for (const size_t resident_bytes : {MappedFile::kPopulateBytes, size_t{0}}) {
    SCOPED_TRACE(resident_bytes);
    IngestOptions options;
    options.resident_file_bytes = resident_bytes;
    auto result = ReadOrderLinesFile(path, options);
    ASSERT_OK(result.status());
    ASSERT_EQ(result->quarantine.size(), 2u);
    EXPECT_EQ(result->quarantine.row(0).borrowed, resident_bytes > 0);
    EXPECT_EQ(result->quarantine.raw(0),
              "C536365,22728,CLOCK,-1,12/1/2010 8:26,3.75,17850,UK");
    EXPECT_EQ(result->quarantine.value(0), "C536365");
    EXPECT_FALSE(result->quarantine.row(1).borrowed);  // converted to UTF-8
    EXPECT_EQ(result->quarantine.raw(1),
              "536366,DOT,Gift Voucher £40.00,1,12/1/2010 9:00,34.04,,UK");
    EXPECT_EQ(result->quarantine.Position(1).column, 55u);
  }
}

TEST(CsvReaderTest, Latin1BytesInsideTheOffendingField) {
  const IngestResult result = ReadCsv(OrderCsv({
      "536365,22728,CLOCK,24,12/1/2010 8:26,\xA3"
      "3.75,17850,UK",
  }));
  EXPECT_EQ(result.stats.encoding, TextEncoding::kLatin1);
  ASSERT_EQ(result.quarantine.size(), 1u);
  EXPECT_EQ(result.quarantine.value(0), "£3.75");
  EXPECT_EQ(result.quarantine.raw(0),
            "536365,22728,CLOCK,24,12/1/2010 8:26,£3.75,17850,UK");
}

TEST(CsvReaderTest, Utf8IsKept) {
  const IngestResult result = ReadCsv(OrderCsv({
      "536365,DOT,Gift Voucher \xC2\xA3"
      "40.00,1,12/1/2010 9:00,34.04,14096,CAF\xC3\x89",
  }));
  EXPECT_EQ(result.stats.encoding, TextEncoding::kUtf8);
  EXPECT_FALSE(result.stats.byte_order_mark);
  ASSERT_EQ(result.table.size(), 1u);
  EXPECT_EQ(result.table.Row(0).description, "Gift Voucher £40.00");
  EXPECT_EQ(result.table.Row(0).country, "CAFÉ");
}

TEST(CsvReaderTest, Utf8WithByteOrderMark) {
  const std::string csv = "\xEF\xBB\xBF" + OrderCsv({
                                               "536365,DOT,Gift Voucher \xC2\xA3"
                                               "40.00,1,12/1/2010 9:00,34.04,14096,UK",
                                               "536366,DOT,x,0,12/1/2010 9:00,1,14096,UK",
                                           });
  const IngestResult result = ReadCsv(csv);
  EXPECT_EQ(result.stats.encoding, TextEncoding::kUtf8);
  EXPECT_TRUE(result.stats.byte_order_mark);
  ASSERT_EQ(result.table.size(), 1u);
  EXPECT_EQ(result.table.Row(0).invoice, "536365");
  EXPECT_EQ(result.table.Row(0).description, "Gift Voucher £40.00");
  ASSERT_EQ(result.quarantine.size(), 1u);
  EXPECT_EQ(result.quarantine.row(0).line, 3u);
  EXPECT_EQ(result.quarantine.raw(0), "536366,DOT,x,0,12/1/2010 9:00,1,14096,UK");
}

TEST(CsvReaderTest, ByteOrderMarkWithAsciiBodyIsUtf8) {
  const IngestResult result = ReadCsv("\xEF\xBB\xBF" + OrderCsv({kCleanLine}));
  EXPECT_EQ(result.stats.encoding, TextEncoding::kUtf8);
  EXPECT_TRUE(result.stats.byte_order_mark);
  EXPECT_EQ(result.table.size(), 1u);
}

TEST(CsvReaderTest, PureAsciiIsAscii) {
  const IngestResult result = ReadCsv(OrderCsv({kCleanLine}));
  EXPECT_EQ(result.stats.encoding, TextEncoding::kAscii);
  EXPECT_FALSE(result.stats.byte_order_mark);
}

TEST(CsvReaderTest, CrlfAndLfGiveTheSameResult) {
  const std::initializer_list<std::string_view> lines = {
      kCleanLine,
      "536366,22633,\"HAND\nWARMER\",-6,12/1/2010 8:28,1.85,17850,UK",
      "C536379,D,Discount,-1,12/1/2010 9:41,27.5,14527,United Kingdom",
  };
  const IngestResult lf = ReadCsv(OrderCsv(lines, "\n"));
  const IngestResult crlf = ReadCsv(OrderCsv(lines, "\r\n"));
  EXPECT_EQ(TableRows(crlf.table), TableRows(lf.table));
  EXPECT_EQ(QuarantineRows(crlf.quarantine), QuarantineRows(lf.quarantine));
  EXPECT_EQ(crlf.stats.rows_read, 3u);
  ASSERT_EQ(crlf.quarantine.size(), 2u);
  EXPECT_EQ(crlf.quarantine.raw(1),
            "C536379,D,Discount,-1,12/1/2010 9:41,27.5,14527,United Kingdom");
  EXPECT_EQ(crlf.quarantine.row(1).line, 5u);
}

TEST(CsvReaderTest, TrailingLineWithoutNewline) {
  std::string csv =
      OrderCsv({kCleanLine, "536366,71053,LANTERN,1,12/1/2010 8:26,3.39,17850,UK"});
  csv.pop_back();
  const IngestResult result = ReadCsv(csv);
  ASSERT_EQ(result.table.size(), 2u);
  EXPECT_EQ(result.table.Row(1).country, "UK");
  csv += "\r";  // a last line ended by a lone CR
  const IngestResult with_cr = ReadCsv(csv);
  ASSERT_EQ(with_cr.table.size(), 2u);
  EXPECT_EQ(with_cr.table.Row(1).country, "UK");
}

TEST(CsvReaderTest, EmptyFileIsCorruption) {
  const Result<IngestResult> result = ReadOrderLines("", "test.csv", ReadOptions(0, 1));
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.status().code(), StatusCode::kCorruption);
  EXPECT_EQ(result.status().message(),
            "test.csv: the file is empty; expected a header row and order lines");
}

TEST(CsvReaderTest, EmptyFirstLineIsCorruption) {
  const std::string csv = std::string("\n").append(OrderCsv({kCleanLine}));
  const Result<IngestResult> result = ReadOrderLines(csv, "test.csv", ReadOptions(0, 1));
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.status().code(), StatusCode::kCorruption);
  EXPECT_EQ(result.status().message().rfind("test.csv:1: the first line is empty", 0), 0u)
      << result.status().message();
}

TEST(CsvReaderTest, UnterminatedQuoteInTheHeaderIsCorruption) {
  const Result<IngestResult> result =
      ReadOrderLines("InvoiceNo,\"StockCode\n", "test.csv", ReadOptions(0, 1));
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.status().code(), StatusCode::kCorruption);
  EXPECT_EQ(result.status().message(),
            "test.csv:1: the header has a quoted field that is never closed");
}

TEST(CsvReaderTest, HeaderOnlyGivesNoRows) {
  for (const std::string& csv : {std::string(testing::kOrderHeader) + "\n",
                                 std::string(testing::kOrderHeader) + "\r\n",
                                 std::string(testing::kOrderHeader)}) {
    for (const size_t chunk_bytes : {0, 1}) {
      const IngestResult result = ReadCsv(csv, ReadOptions(chunk_bytes, 2));
      EXPECT_TRUE(result.table.empty());
      EXPECT_TRUE(result.quarantine.empty());
      EXPECT_EQ(result.stats.rows_read, 0u);
      EXPECT_EQ(result.stats.blank_lines, 0u);
      EXPECT_EQ(result.stats.columns.field_count, 8u);
    }
  }
}

TEST(CsvReaderTest, QuotedHeaderNamesAndOtherSpellings) {
  const IngestResult result = ReadCsv(
      "\"Invoice\",\"StockCode\",\"Description\",\"Quantity\",\"InvoiceDate\",\"Price\","
      "\"Customer ID\",\"Country\"\n" +
      std::string(kCleanLine) + "\n");
  EXPECT_EQ(TableRows(result.table),
            std::vector<std::string>{std::string(kCleanRowText)});
}

TEST(CsvReaderTest, ColumnsInAnotherOrderWithAnExtraOne) {
  const IngestResult result = ReadCsv(
      "country,customer_id,unit_price,invoice_date,quantity,description,stock_code,"
      "invoice_no,revenue\n"
      "UK,17850,2.55,12/1/2010 8:26,6,HEART,85123A,536365,15.30\n"
      "UK,17850,2.55,12/1/2010 8:26,6,HEART,85123A,536365\n");
  EXPECT_EQ(TableRows(result.table),
            std::vector<std::string>{
                "536365|85123A|HEART|6|2010-12-01T08:26:00|25500|17850|UK"});
  ASSERT_EQ(result.quarantine.size(), 1u);
  EXPECT_EQ(result.quarantine.row(0).reason, QuarantineReason::kWrongFieldCount);
}

TEST(CsvReaderTest, MissingColumnIsCorruptionNamingIt) {
  const Result<IngestResult> result = ReadOrderLines(
      "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,Country\n" +
          std::string(kCleanLine) + "\n",
      "test.csv", ReadOptions(0, 1));
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.status().code(), StatusCode::kCorruption);
  const std::string& message = result.status().message();
  EXPECT_EQ(
      message.rfind("test.csv:1: not an order-line CSV: missing column CustomerID", 0),
      0u)
      << message;
}

TEST(CsvReaderTest, OneMegabyteDescription) {
  std::string description;
  while (description.size() < (size_t{1} << 20))
    description += "LONG, \"\"QUOTED\"\" TEXT\n";
  const std::string csv = OrderCsv({
      "536365,85123A,\"" + description + "\",6,12/1/2010 8:26,2.55,17850,UK",
      "536366,85123A,after,-1,12/1/2010 8:26,2.55,17850,UK",
  });
  std::string expected;
  for (size_t i = 0; i < description.size(); ++i) {
    expected.push_back(description[i]);
    if (description[i] == '"') ++i;  // "" is one quote
  }
  const size_t lines_inside =
      static_cast<size_t>(std::count(description.begin(), description.end(), '\n'));
  for (const IngestOptions& options : {ReadOptions(0, 1), ReadOptions(4096, 2)}) {
    const IngestResult result = ReadCsv(csv, options);
    ASSERT_EQ(result.table.size(), 1u);
    EXPECT_EQ(result.table.Row(0).description.size(), expected.size());
    EXPECT_TRUE(result.table.Row(0).description == expected);
    ASSERT_EQ(result.quarantine.size(), 1u);
    EXPECT_EQ(result.quarantine.row(0).line, 3 + lines_inside);
  }
}

TEST(CsvReaderTest, BlankLinesAreCountedApart) {
  const IngestResult result = ReadCsv(OrderCsv({
      "",
      kCleanLine,
      "",
      "\r",
      "536366,22633,HAND WARMER,-6,12/1/2010 8:28,1.85,17850,UK",
      "",
  }));
  EXPECT_EQ(result.stats.blank_lines, 4u);
  EXPECT_EQ(result.stats.rows_read, 2u);
  EXPECT_EQ(result.table.size(), 1u);
  ASSERT_EQ(result.quarantine.size(), 1u);
  EXPECT_EQ(result.quarantine.row(0).line, 6u);
}

TEST(CsvReaderTest, WrongFieldCount) {
  const IngestResult result = ReadCsv(OrderCsv({
      "536365,85123A,HEART,6,12/1/2010 8:26,2.55,17850",              // 7 fields
      "536365,85123A,HEART,6,12/1/2010 8:26,2.55,17850,UK,extra",     // 9 fields
      "536365,85123A,\"HEART, RED\",6,12/1/2010 8:26,2.55,17850,UK",  // 8: the comma is
                                                                      // quoted
      "536365,85123A,HEART, RED,6,12/1/2010 8:26,2.55,17850,UK",      // 9: it is not
      " ",
  }));
  EXPECT_EQ(result.table.size(), 1u);
  EXPECT_EQ(
      result.stats
          .quarantine_reasons[static_cast<size_t>(QuarantineReason::kWrongFieldCount)],
      4u);
  ASSERT_EQ(result.quarantine.size(), 4u);
  EXPECT_EQ(result.quarantine.row(3).line, 6u);
  EXPECT_EQ(result.quarantine.row(3).column, kWholeRow);
  EXPECT_EQ(
      result.quarantine.Describe(1),
      "line 3: wrong_field_count: the row does not have as many fields as the header");
  EXPECT_EQ(result.quarantine.raw(1),
            "536365,85123A,HEART,6,12/1/2010 8:26,2.55,17850,UK,extra");
  // Rows of the wrong length are not counted in the empty-value statistics.
  EXPECT_EQ(result.stats.empty_values, (std::array<uint64_t, kOrderColumnCount>{}));
}

TEST(CsvReaderTest, UnterminatedQuoteAtTheEndSwallowsTheRest) {
  const std::string csv = OrderCsv({
      kCleanLine,
      "536366,22633,\"HAND WARMER,6,12/1/2010 8:28,1.85,17850,UK",
      "536367,84879,BIRD ORNAMENT,32,12/1/2010 8:34,1.69,13047,UK",
  });
  const IngestResult result = ReadCsv(csv);
  EXPECT_EQ(result.stats.rows_read, 2u);
  EXPECT_EQ(result.table.size(), 1u);
  ASSERT_EQ(result.quarantine.size(), 1u);
  EXPECT_EQ(result.quarantine.row(0).reason, QuarantineReason::kUnterminatedQuote);
  EXPECT_EQ(result.quarantine.row(0).line, 3u);
  EXPECT_EQ(result.quarantine.raw(0),
            "536366,22633,\"HAND WARMER,6,12/1/2010 8:28,1.85,17850,UK\n"
            "536367,84879,BIRD ORNAMENT,32,12/1/2010 8:34,1.69,13047,UK\n");
}

TEST(CsvReaderTest, EmptyValuesAreCountedPerColumn) {
  const IngestResult result = ReadCsv(OrderCsv({
      "536414,22139,,56,12/1/2010 11:52,0,,United Kingdom",
      "536415,22140, ,5,12/1/2010 11:52,1,,",
      kCleanLine,
  }));
  // InvoiceNo, StockCode, Description, Quantity, InvoiceDate, UnitPrice, CustomerID,
  // Country
  EXPECT_EQ(result.stats.empty_values,
            (std::array<uint64_t, kOrderColumnCount>{0, 0, 2, 0, 0, 0, 2, 1}));
}

TEST(CsvReaderTest, ProgressReachesTheBodySize) {
  const std::string csv = OrderCsv({kCleanLine, kCleanLine, kCleanLine, kCleanLine});
  const uint64_t body = csv.size() - testing::kOrderHeader.size() - 1;
  uint64_t last_done = 0;
  uint64_t last_total = 0;
  int calls = 0;
  IngestOptions options = ReadOptions(64, 1);
  options.progress = [&](uint64_t done, uint64_t total) {
    EXPECT_GE(done, last_done);
    last_done = done;
    last_total = total;
    ++calls;
  };
  ReadCsv(csv, options);
  EXPECT_GT(calls, 1);
  EXPECT_EQ(last_total, body);
  EXPECT_EQ(last_done, body);
}

TEST(CsvReaderTest, ReadOrderLinesFileReadsAFile) {
  const testing::TempDir dir;
  const std::string csv = std::string(EveryReasonCsv());
  const std::string path = dir.Write("orders.csv", csv);
  Result<IngestResult> from_file = ReadOrderLinesFile(path, ReadOptions(16, 2));
  ASSERT_OK(from_file.status());
  const IngestResult in_memory = ReadCsv(csv);
  EXPECT_EQ(from_file->stats.source, path);
  EXPECT_EQ(TableRows(from_file->table), TableRows(in_memory.table));
  EXPECT_EQ(QuarantineRows(from_file->quarantine), QuarantineRows(in_memory.quarantine));
}

TEST(CsvReaderTest, ReadOrderLinesFileErrors) {
  const testing::TempDir dir;
  const std::string missing = (dir.path() / "absent.csv").string();
  const Result<IngestResult> not_found = ReadOrderLinesFile(missing);
  EXPECT_EQ(not_found.status().code(), StatusCode::kNotFound);
  EXPECT_EQ(not_found.status().message(), missing + ": no such file");

  const Result<IngestResult> directory = ReadOrderLinesFile(dir.path().string());
  EXPECT_EQ(directory.status().code(), StatusCode::kIOError);
  EXPECT_NE(directory.status().message().find(dir.path().string()), std::string::npos);

  const std::string empty = dir.Write("empty.csv", "");
  const Result<IngestResult> empty_file = ReadOrderLinesFile(empty);
  EXPECT_EQ(empty_file.status().code(), StatusCode::kCorruption);
  EXPECT_EQ(empty_file.status().message().rfind(empty + ": the file is empty", 0), 0u);
}

}  // namespace
}  // namespace storepulse::ingest

#include "ingest/quarantine.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "ingest/csv_reader.h"
#include "ingest/csv_record.h"
#include "test_util.h"

namespace storepulse::ingest {
namespace {

using Records = std::vector<std::vector<std::string>>;

// Splits CSV text into records of field values.
Records ParseCsv(const std::string& text) {
  Records records;
  RecordScanner scanner;
  const char* p = text.data();
  const char* const end = text.data() + text.size();
  while (p < end) {
    const ScannedRecord record = scanner.Scan(p, end);
    EXPECT_FALSE(record.unterminated_quote);
    std::vector<std::string> values;
    for (const FieldRef& field : scanner.fields()) {
      values.emplace_back(scanner.Value(record, field));
    }
    records.push_back(values);
    p = record.next;
  }
  return records;
}

QuarantinedRow Row(uint64_t line, QuarantineReason reason, uint8_t column,
                   uint32_t value_offset, uint32_t value_length) {
  QuarantinedRow row;
  row.line = line;
  row.reason = reason;
  row.column = column;
  row.value_offset = value_offset;
  row.value_length = value_length;
  return row;
}

constexpr uint8_t kQuantity = static_cast<uint8_t>(OrderColumn::kQuantity);

TEST(QuarantineTest, AddKeepsRawTextAndValue) {
  Quarantine quarantine;
  quarantine.Add(Row(5, QuarantineReason::kNonPositiveQuantity, kQuantity, 6, 2),
                 "a,b,c,-6");
  quarantine.Add(Row(9, QuarantineReason::kWrongFieldCount, kWholeRow, 0, 0), "x,y");
  ASSERT_EQ(quarantine.size(), 2u);
  EXPECT_EQ(quarantine.raw(0), "a,b,c,-6");
  EXPECT_EQ(quarantine.value(0), "-6");
  EXPECT_EQ(quarantine.raw(1), "x,y");
  EXPECT_EQ(quarantine.Describe(0),
            "line 5, column 7 (Quantity): non_positive_quantity: quantity '-6' is not "
            "positive");
  EXPECT_EQ(
      quarantine.Describe(1),
      "line 9: wrong_field_count: the row does not have as many fields as the header");
  EXPECT_EQ(quarantine.Position(1).line, 9u);
  EXPECT_EQ(quarantine.Position(1).column, 0u);
}

TEST(QuarantineTest, AppendShiftsLinesAndKeepsText) {
  Quarantine first;
  first.Add(Row(0, QuarantineReason::kCancellation, 0, 0, 2), "C1,x");
  Quarantine second;
  second.Add(Row(0, QuarantineReason::kMissingCustomer, 6, 4, 0), "2,y,");
  second.Add(Row(3, QuarantineReason::kNonPositiveQuantity, kQuantity, 2, 2), "3,-1");
  Quarantine all;
  all.Append(std::move(first), 2);
  all.Append(std::move(second), 10);
  EXPECT_TRUE(first.empty());
  ASSERT_EQ(all.size(), 3u);
  EXPECT_EQ(all.row(0).line, 2u);
  EXPECT_EQ(all.row(1).line, 10u);
  EXPECT_EQ(all.row(2).line, 13u);
  EXPECT_EQ(all.raw(1), "2,y,");
  EXPECT_EQ(all.raw(2), "3,-1");
  EXPECT_EQ(all.value(2), "-1");
  EXPECT_EQ(all.value(0), "C1");
  // Rows added after an append go after the appended ones.
  all.Add(Row(20, QuarantineReason::kMissingCustomer, 6, 0, 0), "4,z,");
  EXPECT_EQ(all.size(), 4u);
  EXPECT_EQ(all.row(3).line, 20u);
  EXPECT_EQ(all.raw(3), "4,z,");
  EXPECT_EQ(all.CountByReason()[static_cast<size_t>(QuarantineReason::kMissingCustomer)],
            2u);
}

TEST(QuarantineTest, BorrowedInputIsViewedNotCopiedAndKeptAlive) {
  auto input = std::make_shared<const std::string>("h\nC1,x\n2,y,\n");
  std::weak_ptr<const std::string> watch = input;
  Quarantine all;
  {
    Quarantine chunk;
    chunk.Borrow(*input, input);
    const std::string_view text = *input;
    chunk.Add(Row(1, QuarantineReason::kCancellation, 0, 0, 2), text.substr(2, 4));
    // Text from elsewhere (a row converted to UTF-8) is copied, in the same segment.
    std::string converted = "3,\xC2\xA3,";
    chunk.Add(Row(3, QuarantineReason::kMissingCustomer, 6, 4, 0), converted);
    converted.assign("overwritten");
    chunk.Add(Row(2, QuarantineReason::kMissingCustomer, 6, 4, 0), text.substr(7, 4));
    all.Append(std::move(chunk), 1);
  }
  input.reset();
  ASSERT_FALSE(watch.expired()) << "the quarantine must keep its borrowed input alive";
  ASSERT_EQ(all.size(), 3u);
  EXPECT_TRUE(all.row(0).borrowed);
  EXPECT_EQ(all.raw(0).data(), watch.lock()->data() + 2);
  EXPECT_EQ(all.raw(0), "C1,x");
  EXPECT_EQ(all.value(0), "C1");
  EXPECT_FALSE(all.row(1).borrowed);
  EXPECT_EQ(all.raw(1), "3,\xC2\xA3,");
  EXPECT_TRUE(all.row(2).borrowed);
  EXPECT_EQ(all.raw(2), "2,y,");
  EXPECT_EQ(all.text_bytes(), 5u);
  all = Quarantine();
  EXPECT_TRUE(watch.expired());
}

TEST(QuarantineTest, BorrowingAnotherInputStartsANewSegment) {
  auto first = std::make_shared<const std::string>("C1,a");
  auto second = std::make_shared<const std::string>("C2,b");
  Quarantine quarantine;
  quarantine.Borrow(*first, first);
  quarantine.Add(Row(1, QuarantineReason::kCancellation, 0, 0, 2), *first);
  quarantine.Borrow(*second, second);
  quarantine.Add(Row(2, QuarantineReason::kCancellation, 0, 0, 2), *second);
  quarantine.Add(Row(3, QuarantineReason::kCancellation, 0, 0, 2), "C3,c");
  ASSERT_EQ(quarantine.size(), 3u);
  EXPECT_EQ(quarantine.raw(0), "C1,a");
  EXPECT_EQ(quarantine.raw(1), "C2,b");
  EXPECT_EQ(quarantine.raw(2), "C3,c");
  EXPECT_EQ(quarantine.row(2).line, 3u);
}

TEST(QuarantineTest, LongValuesAreShortenedInDescriptions) {
  Quarantine quarantine;
  const std::string value(100, '9');
  quarantine.Add(Row(2, QuarantineReason::kMalformedNumber, kQuantity, 0, 100), value);
  EXPECT_EQ(quarantine.Describe(0), "line 2, column 1 (Quantity): malformed_number: '" +
                                        std::string(60, '9') +
                                        "...' is not a number in range");
}

TEST(QuarantineTest, CountsByReasonAndDuplicates) {
  Quarantine quarantine;
  quarantine.Add(Row(2, QuarantineReason::kCancellation, 0, 0, 0), "C1,a");
  quarantine.Add(Row(3, QuarantineReason::kCancellation, 0, 0, 0), "C1,a");
  quarantine.Add(Row(4, QuarantineReason::kCancellation, 0, 0, 0), "C1,b");
  quarantine.Add(Row(5, QuarantineReason::kMissingCustomer, 6, 0, 0), "C1,a");
  const auto counts = quarantine.CountByReason();
  EXPECT_EQ(counts[static_cast<size_t>(QuarantineReason::kCancellation)], 3u);
  EXPECT_EQ(counts[static_cast<size_t>(QuarantineReason::kMissingCustomer)], 1u);
  EXPECT_EQ(counts[static_cast<size_t>(QuarantineReason::kWrongFieldCount)], 0u);
  EXPECT_EQ(quarantine.CountDuplicateRows(), 2u);
}

TEST(QuarantineTest, ReasonNames) {
  const std::vector<std::string> expected = {
      "unterminated_quote",    "wrong_field_count",  "missing_field",
      "malformed_number",      "unparseable_date",   "cancellation",
      "non_positive_quantity", "non_positive_price", "missing_customer"};
  ASSERT_EQ(expected.size(), kQuarantineReasonCount);
  for (size_t reason = 0; reason < kQuarantineReasonCount; ++reason) {
    EXPECT_EQ(QuarantineReasonName(static_cast<QuarantineReason>(reason)),
              expected[reason]);
  }
}

TEST(QuarantineWriteCsvTest, OutputParsesBack) {
  const std::string csv = testing::OrderCsv({
      "536365,85123A,\"WHITE, \"\"HANGING\"\"\nHEART\",-6,12/1/2010 8:26,2.55,17850,UK",
      "C536379,D,Discount,-1,12/1/2010 9:41,27.5,14527,United Kingdom",
      "536366,DOT,Voucher \xA3"
      "40,1,12/1/2010 9:00,34.04,,UK",
      "536367,71053,LANTERN,6,12/1/2010 8:26",
      "536368,22633,\"HAND WARMER,6,12/1/2010 8:28,1.85,17850,UK",
  });
  Result<IngestResult> read = ReadOrderLines(csv, "in.csv");
  ASSERT_OK(read.status());
  const Quarantine& quarantine = read->quarantine;
  ASSERT_EQ(quarantine.size(), 5u);

  const testing::TempDir dir;
  const std::string path = (dir.path() / "quarantine.csv").string();
  ASSERT_OK(quarantine.WriteCsv(path, "orders, December.csv"));
  const Records records = ParseCsv(testing::ReadWholeFile(path));
  ASSERT_EQ(records.size(), 6u);
  EXPECT_EQ(records[0], (std::vector<std::string>{"source", "line", "column", "field",
                                                  "reason", "detail", "raw_row"}));
  EXPECT_EQ(records[1], (std::vector<std::string>{
                            "orders, December.csv", "3", "8", "Quantity",
                            "non_positive_quantity", "quantity '-6' is not positive",
                            "536365,85123A,\"WHITE, "
                            "\"\"HANGING\"\"\nHEART\",-6,12/1/2010 8:26,2.55,17850,UK"}));
  EXPECT_EQ(records[2],
            (std::vector<std::string>{
                "orders, December.csv", "4", "1", "InvoiceNo", "cancellation",
                "invoice 'C536379' is a cancellation",
                "C536379,D,Discount,-1,12/1/2010 9:41,27.5,14527,United Kingdom"}));
  EXPECT_EQ(records[3],
            (std::vector<std::string>{
                "orders, December.csv", "5", "47", "CustomerID", "missing_customer",
                "no CustomerID", "536366,DOT,Voucher £40,1,12/1/2010 9:00,34.04,,UK"}));
  EXPECT_EQ(records[4], (std::vector<std::string>{
                            "orders, December.csv", "6", "0", "", "wrong_field_count",
                            "the row does not have as many fields as the header",
                            "536367,71053,LANTERN,6,12/1/2010 8:26"}));
  EXPECT_EQ(records[5],
            (std::vector<std::string>{
                "orders, December.csv", "7", "0", "", "unterminated_quote",
                "a quoted field is not closed before the end of the file",
                "536368,22633,\"HAND WARMER,6,12/1/2010 8:28,1.85,17850,UK\n"}));
  // Every raw_row is the quarantine's raw text, byte for byte.
  for (size_t i = 0; i < quarantine.size(); ++i) {
    EXPECT_EQ(records[i + 1][6], quarantine.raw(i));
  }
  // Published by rename: no temporary file is left beside it.
  size_t files = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir.path())) {
    ++files;
    EXPECT_EQ(entry.path().filename(), "quarantine.csv");
  }
  EXPECT_EQ(files, 1u);
}

// The batch's way: the replaced quarantine.csv is set aside, then removed.
TEST(QuarantineWriteCsvTest, TheReplacedFileCanBeSetAside) {
  Result<IngestResult> read = ReadOrderLines(
      testing::OrderCsv({"C1,D,Discount,-1,12/1/2010 9:41,27.5,1,UK"}), "in.csv");
  ASSERT_OK(read.status());
  const testing::TempDir dir;
  const std::string path = dir.Write("quarantine.csv", "the previous run's");
  ASSERT_OK(read->quarantine.WriteCsv(path, "in.csv", AtomicFile::Replaced::kSetAside));
  EXPECT_EQ(testing::ReadWholeFile((dir.path() / ".quarantine.csv.replaced").string()),
            "the previous run's");
  EXPECT_EQ(ParseCsv(testing::ReadWholeFile(path)).size(), 2u);
  AtomicFile::RemoveSetAside(path);
  EXPECT_FALSE(std::filesystem::exists(dir.path() / ".quarantine.csv.replaced"));
}

TEST(QuarantineWriteCsvTest, EmptyQuarantineWritesTheHeader) {
  const testing::TempDir dir;
  const std::string path = (dir.path() / "q.csv").string();
  ASSERT_OK(Quarantine().WriteCsv(path, "in.csv"));
  EXPECT_EQ(testing::ReadWholeFile(path),
            "source,line,column,field,reason,detail,raw_row\n");
}

TEST(QuarantineWriteCsvTest, UnwritableDirectoryIsIOError) {
  const testing::TempDir dir;
  const std::string path = (dir.path() / "absent" / "q.csv").string();
  const Status status = Quarantine().WriteCsv(path, "in.csv");
  EXPECT_EQ(status.code(), StatusCode::kIOError);
  EXPECT_NE(status.message().find(path), std::string::npos) << status.message();
  EXPECT_FALSE(std::filesystem::exists(path));
}

}  // namespace
// Many segments and more formatting blocks than are in flight at once (so buffers are
// formatted into again): rows come out complete and in order. Reserved room, and a
// reserved segment left empty, change nothing.
TEST(QuarantineTest, WritesManySegmentsInOrder) {
  constexpr int kSegments = 7;
  constexpr int kRowsPerSegment = 24000;
  Quarantine all;
  uint64_t line = 2;
  for (int segment = 0; segment < kSegments; ++segment) {
    Quarantine part;
    part.Reserve(segment % 2 == 0 ? 16 : kRowsPerSegment, 1 << 20);
    for (int i = 0; i < kRowsPerSegment; ++i) {
      const std::string raw = fmt::format("C{},x", segment * kRowsPerSegment + i);
      part.Add(Row(static_cast<uint64_t>(i), QuarantineReason::kCancellation, 0, 0,
                   raw.find(',')),
               raw);
    }
    all.Append(std::move(part), line);
    line += kRowsPerSegment;
    Quarantine empty;
    empty.Reserve(100, 100);
    all.Append(std::move(empty), line);
  }
  const size_t rows = size_t{kSegments} * kRowsPerSegment;
  ASSERT_EQ(all.size(), rows);
  const testing::TempDir dir;
  const std::string path = (dir.path() / "quarantine.csv").string();
  ASSERT_OK(all.WriteCsv(path, "s.csv"));
  const Records records = ParseCsv(testing::ReadWholeFile(path));
  ASSERT_EQ(records.size(), rows + 1);
  for (size_t i = 0; i < all.size(); ++i) {
    ASSERT_EQ(records[i + 1][0], "s.csv") << i;
    ASSERT_EQ(records[i + 1][1], std::to_string(2 + i)) << i;
    ASSERT_EQ(records[i + 1][6], fmt::format("C{},x", i)) << i;
  }
}

}  // namespace storepulse::ingest

#include "ingest/chunk_parser.h"

#include <gtest/gtest.h>

#include <string>

#include "ingest/order_columns.h"
#include "test_util.h"

namespace storepulse::ingest {
namespace {

ColumnMap OrderColumns() {
  auto columns = MapColumns({"InvoiceNo", "StockCode", "Description", "Quantity",
                             "InvoiceDate", "UnitPrice", "CustomerID", "Country"});
  EXPECT_TRUE(columns.ok());
  columns->field_count = 8;
  return *columns;
}

// A chunk started in the wrong place reads a closing quote as an opening one: the record
// would run to the end of the data. Given a point to give up at, the chunk stops there
// and keeps nothing (the reader reads it again from its real start).
TEST(ParseChunkTest, GivesUpOnARecordThatRunsPastTheGivenPoint) {
  std::string data = "\",1,12/1/2010 8:26,2.55,17850,UK\n";
  const size_t next_record = data.size();
  for (int i = 0; i < 100; ++i) {
    data += "536365,85123A,HEART,6,12/1/2010 8:26,2.55,17850,United Kingdom\n";
  }
  const ColumnMap columns = OrderColumns();
  const ChunkContext context{data, &columns, TextEncoding::kAscii, nullptr};

  const ChunkResult cut = ParseChunk(context, 0, 1, /*give_up_at=*/200);
  EXPECT_TRUE(cut.gave_up);
  EXPECT_TRUE(cut.status.ok());
  EXPECT_EQ(cut.quarantine.size(), 0u);
  EXPECT_EQ(cut.rows_read, 0u);

  // Without the point: one quarantined record to the end of the data.
  const ChunkResult whole = ParseChunk(context, 0, 1);
  EXPECT_FALSE(whole.gave_up);
  EXPECT_EQ(whole.end, data.size());
  ASSERT_EQ(whole.quarantine.size(), 1u);
  EXPECT_EQ(whole.quarantine.raw(0).size(), data.size());  // the quote never closes

  // A record that ends before the point is read as usual, and so are those after it.
  const ChunkResult fine = ParseChunk(context, next_record, next_record + 1, 1000);
  EXPECT_FALSE(fine.gave_up);
  EXPECT_EQ(fine.rows_read, 1u);
  EXPECT_EQ(fine.table.size(), 1u);
}

TEST(ParseChunkTest, ARecordEndingExactlyAtThePointIsNotCut) {
  const std::string row = "536365,85123A,HEART,6,12/1/2010 8:26,2.55,17850,UK\r\n";
  const std::string data = row + row + row;
  const ColumnMap columns = OrderColumns();
  const ChunkContext context{data, &columns, TextEncoding::kAscii, nullptr};
  const ChunkResult result = ParseChunk(context, 0, 1, /*give_up_at=*/row.size());
  EXPECT_FALSE(result.gave_up);
  EXPECT_EQ(result.end, row.size());
  EXPECT_EQ(result.table.size(), 1u);
  // Cut between its CR and LF, the record cannot be told to have ended.
  const ChunkResult split = ParseChunk(context, 0, 1, row.size() - 1);
  EXPECT_TRUE(split.gave_up);
}

}  // namespace
}  // namespace storepulse::ingest

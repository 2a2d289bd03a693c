#include "core/csv_writer.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <limits>
#include <string>

namespace storepulse {
namespace {

std::string Field(std::string_view value) {
  std::string out;
  AppendCsvField(value, &out);
  return out;
}

TEST(AppendCsvFieldTest, QuotesOnlyWhenNeeded) {
  EXPECT_EQ(Field("plain text"), "plain text");
  EXPECT_EQ(Field(""), "");
  EXPECT_EQ(Field("£40.00"), "£40.00");
  EXPECT_EQ(Field("a,b"), "\"a,b\"");
  EXPECT_EQ(Field("12\" RULER"), "\"12\"\" RULER\"");
  EXPECT_EQ(Field("\""), "\"\"\"\"");
  EXPECT_EQ(Field("two\nlines"), "\"two\nlines\"");
  EXPECT_EQ(Field("cr\r"), "\"cr\r\"");
  // Each special byte alone, at either end and in the middle of a long field.
  const std::string long_field(200, 'x');
  for (const char special : {',', '"', '\r', '\n'}) {
    for (const size_t at : {size_t{0}, size_t{100}, size_t{199}}) {
      std::string value = long_field;
      value[at] = special;
      const std::string quoted = Field(value);
      EXPECT_EQ(quoted.front(), '"') << int{special} << " at " << at;
      EXPECT_EQ(quoted.size(), value.size() + 2 + (special == '"')) << at;
    }
  }
  EXPECT_EQ(Field(long_field), long_field);
}

TEST(AppendCsvFieldTest, AppendsToWhatIsThere) {
  std::string out = "x,";
  AppendCsvField("a,b", &out);
  EXPECT_EQ(out, "x,\"a,b\"");
}

TEST(WriteCsvFieldTest, StaysWithinTheBoundAndReturnsTheEnd) {
  // Only quotes: the worst case, every byte doubled and the whole quoted.
  for (const std::string& value :
       {std::string(""), std::string("\""), std::string(50, '"'),
        std::string("a\"b\"\"c,"), std::string("plain")}) {
    std::string buffer(CsvFieldBound(value.size()) + 1, '#');
    char* const end = WriteCsvField(value, buffer.data());
    const size_t written = static_cast<size_t>(end - buffer.data());
    ASSERT_LE(written, CsvFieldBound(value.size())) << value;
    EXPECT_EQ(buffer.back(), '#') << "wrote past the bound for " << value;
    EXPECT_EQ(buffer.substr(0, written), Field(value));
  }
  EXPECT_EQ(Field(std::string(50, '"')).size(), CsvFieldBound(50));
}

TEST(CsvWriterTest, RowsOfMixedFields) {
  CsvWriter writer;
  writer.Field("country").Field("orders").Field("revenue").EndRow();
  writer.Field("United Kingdom").Field(int64_t{16'649}).Field(7'308'391.554, 2).EndRow();
  writer.Field("Channel Islands, The").Field(uint64_t{33}).Field(1234.5678, 2).EndRow();
  writer.Field(-3).Field("").Field(2.6, 0).EndRow();
  EXPECT_EQ(writer.text(),
            "country,orders,revenue\n"
            "United Kingdom,16649,7308391.55\n"
            "\"Channel Islands, The\",33,1234.57\n"
            "-3,,3\n");
}

TEST(CsvWriterTest, IntegerExtremes) {
  CsvWriter writer;
  writer.Field(std::numeric_limits<int64_t>::min())
      .Field(std::numeric_limits<uint64_t>::max())
      .EndRow();
  EXPECT_EQ(writer.text(), "-9223372036854775808,18446744073709551615\n");
}

TEST(CsvWriterTest, EmptyRowsAndTake) {
  CsvWriter writer;
  writer.EndRow().Field("a").EndRow();
  EXPECT_EQ(writer.Take(), "\na\n");
}

}  // namespace
}  // namespace storepulse

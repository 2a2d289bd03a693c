// Chunked, parallel reading gives exactly the sequential result: rows, quarantine,
// line numbers and statistics, whatever the chunk size and thread count.
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

using testing::Escaped;
using testing::ExpectSameResult;
using testing::kCleanLine;
using testing::kCleanRowText;
using testing::OrderCsv;
using testing::QuarantineRows;
using testing::ReadCsv;
using testing::ReadOptions;
using testing::TableRows;

// Inputs whose chunked, parallel reading must equal a sequential one.
std::vector<std::string> ParallelInputs() {
  std::vector<std::string> inputs;
  // 1. A mixed file: quoted fields with commas, quotes and line breaks, every reason,
  // blank lines, CRLF and LF, no newline at the end.
  {
    std::string csv = std::string(testing::kOrderHeader) + "\r\n";
    for (int i = 0; i < 12; ++i) {
      const std::string n = std::to_string(536365 + i);
      csv +=
          n +
          ",85123A,\"WHITE, \"\"HANGING\"\"\nHEART\",6,12/1/2010 8:26,2.55,17850,UK\r\n";
      csv += n + ",71053,WHITE METAL LANTERN,-6,12/1/2010 8:26,3.39,17850,UK\n";
      csv += "C" + n + ",D,\"Discount\r\n\r\nline\",-1,12/1/2010 9:41,27.5,14527,UK\n";
      csv += "\n";
      csv += n + ",22633,,6,13/1/2010 8:28,1.85,,France\r\n";
      csv += n + ",22634,HAND WARMER,6,12/1/2010 8:28,0,,France,extra\n";
      csv += n + ",22635,\"\",six,12/1/2010 8:28,1.85,,France\n";
    }
    csv += "581587,22138,LAST LINE,3,12/9/2011 12:50,4.95,12680,France";
    inputs.push_back(csv);
  }
  // 2. Stray quotes inside unquoted fields: quote parity is wrong at most seams.
  {
    std::string csv = std::string(testing::kOrderHeader) + "\n";
    for (int i = 0; i < 10; ++i) {
      csv += "536365,22355,12\" RULER,6,12/1/2010 8:26,0.85,17850,UK\n";
      csv +=
          "536366,22356,\"TAPE \"\"1\"\", MULTI\nLINE\",1,12/1/2010 8:26,0.85,17850,UK\n";
      csv += "536367,22357,ab\"c\"d\"e,1,12/1/2010 8:26,0.85,17850,UK\n";
      csv += "536368,22358,\"closed\"tail\",x,12/1/2010 8:26,0.85,17850,UK\n";
    }
    inputs.push_back(csv);
  }
  // 3. A quote left open near the end.
  inputs.push_back(
      OrderCsv({kCleanLine, kCleanLine,
                "536366,22633,\"HAND, WARMER\n,6,12/1/2010 8:28,1.85,17850,UK",
                kCleanLine, "", kCleanLine}));
  // 4. UTF-8 without a BOM, multi-byte characters at every offset.
  {
    std::string csv = std::string(testing::kOrderHeader) + "\n";
    for (int i = 0; i < 10; ++i) {
      csv += "536365,DOT,Gift Voucher \xC2\xA3" + std::to_string(i) + "0.00 " +
             std::string(static_cast<size_t>(i), '.') +
             "\xE2\x82\xAC\xF0\x9F\x98\x80,1,12/1/2010 9:00,34.04,14096,CAF\xC3\x89\n";
    }
    inputs.push_back(csv);
  }
  // 5. A BOM, then UTF-8 and a quarantined row.
  inputs.push_back(
      "\xEF\xBB\xBF" +
      OrderCsv({kCleanLine, "536366,DOT,\xC2\xA3,x,12/1/2010 9:00,1,1,UK", kCleanLine}));
  return inputs;
}

void ExpectParallelMatchesSequential(const std::string& csv, const std::string& name) {
  const IngestResult sequential = ReadCsv(csv, ReadOptions(0, 1));
  ASSERT_EQ(sequential.stats.rows_read,
            sequential.stats.rows_clean + sequential.stats.rows_quarantined);
  for (const size_t chunk_bytes : {1, 7, 64, 1000}) {
    for (const int threads : {1, 2, 4}) {
      const std::string label = name + " chunk_bytes=" + std::to_string(chunk_bytes) +
                                " threads=" + std::to_string(threads);
      const IngestResult parallel = ReadCsv(csv, ReadOptions(chunk_bytes, threads));
      ExpectSameResult(sequential, parallel, label);
    }
  }
}

TEST(CsvReaderParallelTest, ParallelChunksGiveTheSequentialResult) {
  const std::vector<std::string> inputs = ParallelInputs();
  for (size_t i = 0; i < inputs.size(); ++i) {
    ExpectParallelMatchesSequential(inputs[i], "input " + std::to_string(i + 1));
    // The same with every LF made a CR (classic Mac OS line endings).
    std::string mac = inputs[i];
    std::replace(mac.begin(), mac.end(), '\n', '\r');
    ExpectParallelMatchesSequential(mac, "input " + std::to_string(i + 1) + " with CRs");
  }
}

TEST(CsvReaderParallelTest, ParallelChunksGiveTheSequentialResultForLatin1) {
  // Latin-1 "£" bytes at every offset relative to the seams.
  std::string csv = std::string(testing::kOrderHeader) + "\r\n";
  for (int i = 0; i < 8; ++i) {
    csv += "536365,DOT,Dotcomgiftshop Gift Voucher \xA3" + std::to_string(i) + "0.00" +
           std::string(static_cast<size_t>(i), ' ') +
           ",1,12/1/2010 9:00,34.04,14096,UK\r\n";
    csv += "536366,DOT,\"Voucher \xA3" + std::to_string(i) +
           "\",x,12/1/2010 9:00,34.04,14096,UK\r\n";
  }
  const IngestResult sequential = ReadCsv(csv, ReadOptions(0, 1));
  ASSERT_EQ(sequential.stats.encoding, TextEncoding::kLatin1);
  ASSERT_EQ(sequential.table.Row(0).description, "Dotcomgiftshop Gift Voucher £00.00");
  ExpectParallelMatchesSequential(csv, "latin-1");
}

TEST(CsvReaderParallelTest, EncodingDoesNotDependOnWhereChunksStart) {
  // The export's own shape: a Latin-1 pound sign after ASCII. Whatever byte a chunk
  // starts on, the file is Latin-1 and the description reads "£40.00".
  const std::string csv = OrderCsv({
      "536366,DOT,Dotcomgiftshop Gift Voucher \xA3"
      "40.00,1,12/1/2010 9:00,34.04,14096,United Kingdom",
  });
  std::vector<size_t> misread;
  for (size_t chunk_bytes = 1; chunk_bytes <= 64; ++chunk_bytes) {
    const IngestResult result = ReadCsv(csv, ReadOptions(chunk_bytes, 1));
    if (result.stats.encoding != TextEncoding::kLatin1 || result.table.size() != 1 ||
        result.table.Row(0).description != "Dotcomgiftshop Gift Voucher £40.00") {
      misread.push_back(chunk_bytes);
    }
  }
  EXPECT_EQ(misread, std::vector<size_t>{}) << "chunk sizes that read the file as UTF-8";
}

TEST(CsvReaderParallelTest, WellFormedInputIsReadInParallelChunks) {
  // Without stray quotes the seams agree, so the chunked path is the one that ran.
  const std::string csv = ParallelInputs()[0];
  const IngestResult result = ReadCsv(csv, ReadOptions(64, 2));
  EXPECT_GT(result.stats.chunks, 10u);
  EXPECT_EQ(result.stats.chunks_read_again, 0u);
}

TEST(CsvReaderParallelTest, NoCleanRowInAnyChunk) {
  const std::string csv = OrderCsv({
      "C536379,D,Discount,-1,12/1/2010 9:41,27.5,14527,United Kingdom",
      "C536380,D,Discount,-1,12/1/2010 9:41,27.5,14527,United Kingdom",
  });
  for (const size_t chunk_bytes : {0, 16}) {
    const IngestResult result = ReadCsv(csv, ReadOptions(chunk_bytes, 2));
    EXPECT_TRUE(result.table.empty());
    EXPECT_EQ(result.quarantine.size(), 2u);
  }
}

TEST(CsvReaderParallelTest, QuoteCountsStayRightAcrossLargeChunks) {
  // Chunks of thousands of bytes full of quotes and quoted line breaks: each chunk's
  // first record is found where it starts, so no chunk is read twice.
  std::string csv = std::string(testing::kOrderHeader) + "\n";
  for (int i = 0; csv.size() < 200'000; ++i) {
    csv += std::to_string(536365 + i) +
           ",85123A,\"\"\"QUOTED\"\", \"\"AGAIN\"\"\nAND \"\"MORE\"\"\",6,12/1/2010 "
           "8:26,2.55,"
           "17850,\"United Kingdom\"\n";
  }
  const IngestResult sequential = ReadCsv(csv, ReadOptions(0, 1));
  ASSERT_GT(sequential.table.size(), 1'000u);
  EXPECT_EQ(sequential.table.Row(0).description, "\"QUOTED\", \"AGAIN\"\nAND \"MORE\"");
  for (const size_t chunk_bytes : {4'000, 4'097, 5'003, 16'384, 65'536}) {
    const IngestResult parallel = ReadCsv(csv, ReadOptions(chunk_bytes, 2));
    EXPECT_EQ(parallel.stats.chunks_read_again, 0u) << chunk_bytes;
    EXPECT_GT(parallel.stats.chunks, 1u) << chunk_bytes;
    ExpectSameResult(sequential, parallel, "chunk_bytes=" + std::to_string(chunk_bytes));
  }
}

TEST(CsvReaderParallelTest, StrayQuotesLeaveNoChunkToReadAgain) {
  // Inch marks in unquoted descriptions among quoted ones: each chunk's guessed start is
  // right, so no chunk is read twice. (That a start is found near each chunk's first
  // byte at all, rather than none after the first inch mark, is FindRecordStartTest's.)
  std::string csv = std::string(testing::kOrderHeader) + "\n";
  for (int i = 0; csv.size() < 100'000; ++i) {
    csv +=
        std::to_string(536365 + i) + ",22355,12\" RULER,6,12/1/2010 8:26,0.85,17850,UK\n";
    csv += std::to_string(536365 + i) +
           ",22356,\"TAPE, \"\"MULTI\"\"\",1,12/1/2010 8:26,0.85,17850,UK\n";
  }
  const IngestResult sequential = ReadCsv(csv, ReadOptions(0, 1));
  ASSERT_GT(sequential.table.size(), 1'000u);
  const IngestResult parallel = ReadCsv(csv, ReadOptions(4'096, 2));
  EXPECT_GT(parallel.stats.chunks, 20u);
  EXPECT_EQ(parallel.stats.chunks_read_again, 0u);
  ExpectSameResult(sequential, parallel, "chunk_bytes=4096");
}

TEST(CsvReaderParallelTest, AChunkThatStartedInsideALongQuotedFieldIsReadAgain) {
  // A description of 3 MiB with line breaks and no quote: from inside it, where records
  // start cannot be told within FindRecordStart's look-ahead, so chunk starts there are
  // guessed wrong; those chunks are read again from where the chunk before them ended.
  std::string description;
  while (description.size() < (size_t{3} << 20))
    description += std::string(99, 'x') + "\n";
  const std::string csv = OrderCsv(
      {kCleanLine, "536366,22633,\"" + description + "\",6,12/1/2010 8:28,1.85,17850,UK",
       kCleanLine, kCleanLine});
  const IngestResult sequential = ReadCsv(csv, ReadOptions(0, 1));
  ASSERT_EQ(sequential.table.size(), 4u);
  const IngestResult parallel = ReadCsv(csv, ReadOptions(size_t{1} << 20, 2));
  EXPECT_GT(parallel.stats.chunks_read_again, 0u);
  ExpectSameResult(sequential, parallel, "chunk_bytes=1 MiB");
}

TEST(CsvReaderParallelTest, ParallelChunksGiveTheSequentialResultOnRandomFiles) {
  // Rows assembled from field pieces, some of them broken on purpose (stray and
  // unbalanced quotes, missing fields, line breaks). Bytes >= 0x80 come as whole UTF-8
  // sequences here; Latin-1 has its own test above.
  const std::vector<std::string> pieces = {"536365",
                                           "C536379",
                                           "85123A",
                                           "\"A, B\"",
                                           "\"say \"\"hi\"\"\"",
                                           "\"multi\nline\"",
                                           "\"multi\r\nline\"",
                                           "ab\"c",
                                           "\"x\"y",
                                           "6",
                                           "-6",
                                           "6.0",
                                           "abc",
                                           "12/1/2010 8:26",
                                           "2011-12-09 12:50",
                                           "2.55",
                                           "0",
                                           "",
                                           "17850",
                                           "United Kingdom",
                                           "\xC2\xA3",
                                           "\xE2\x82\xAC\xF0\x9F\x98\x80",
                                           "\"",
                                           "\r",
                                           " "};
  std::mt19937 random(541909);
  for (int file = 0; file < 60; ++file) {
    std::string csv = std::string(testing::kOrderHeader) + "\n";
    const int rows = static_cast<int>(random() % 12);
    for (int row = 0; row < rows; ++row) {
      const int fields = random() % 8 == 0 ? static_cast<int>(random() % 10) : 8;
      for (int field = 0; field < fields; ++field) {
        if (field > 0) csv += ',';
        csv += pieces[random() % pieces.size()];
      }
      const unsigned ending = random() % 4;
      csv += ending == 0 ? "\r\n" : ending == 1 ? "\n\n" : "\n";
    }
    if (random() % 3 == 0) csv.pop_back();
    const Result<IngestResult> sequential =
        ReadOrderLines(csv, "test.csv", ReadOptions(0, 1));
    ASSERT_OK(sequential.status());
    for (const size_t chunk_bytes : {1, 5, 16, 100}) {
      for (const int threads : {1, 2}) {
        const IngestResult parallel = ReadCsv(csv, ReadOptions(chunk_bytes, threads));
        ExpectSameResult(*sequential, parallel,
                         "file " + std::to_string(file) +
                             " chunk_bytes=" + std::to_string(chunk_bytes) +
                             " threads=" + std::to_string(threads) + "\n" + Escaped(csv));
      }
    }
  }
}

TEST(CsvReaderParallelTest, DefaultThreadsGiveTheSameResult) {
  const std::string csv = ParallelInputs()[0];
  ExpectSameResult(ReadCsv(csv, ReadOptions(0, 1)), ReadCsv(csv, ReadOptions(0, 0)),
                   "threads=0");
  ExpectSameResult(ReadCsv(csv, ReadOptions(0, 1)), ReadCsv(csv, ReadOptions(3, 0)),
                   "threads=0 chunk=3");
}

}  // namespace
// A file too big to be read in whole is paged in chunk by chunk and its pages are
// dropped after each pass; resident_file_bytes = 0 takes that path on small files.
TEST(CsvReaderParallelTest, PagedFilesGiveTheSameResult) {
  testing::TempDir dir;
  const std::vector<std::string> inputs = ParallelInputs();
  for (size_t i = 0; i < inputs.size(); ++i) {
    // Repeated so that chunks span many pages, with seams inside pages.
    std::string csv = inputs[i];
    const size_t body = csv.find('\n') + 1;
    while (csv.size() < (size_t{1} << 20)) {
      if (csv.back() != '\n') csv += '\n';
      csv += inputs[i].substr(body);
    }
    const std::string path = dir.Write("input" + std::to_string(i) + ".csv", csv);
    Result<IngestResult> in_memory = ingest::ReadOrderLines(csv, path, ReadOptions(0, 1));
    ASSERT_OK(in_memory.status());
    for (const size_t chunk_bytes : {size_t{10000}, size_t{65536}}) {
      IngestOptions options = ReadOptions(chunk_bytes, 2);
      options.resident_file_bytes = 0;
      Result<IngestResult> paged = ingest::ReadOrderLinesFile(path, options);
      ASSERT_OK(paged.status());
      ExpectSameResult(*in_memory, *paged,
                       "input " + std::to_string(i + 1) +
                           " paged, chunk_bytes=" + std::to_string(chunk_bytes));
    }
  }
}

}  // namespace storepulse::ingest

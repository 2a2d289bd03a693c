#include "ingest/record_seams.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "ingest/csv_record.h"
#include "ingest/read_test_util.h"

namespace storepulse::ingest {
namespace {

using testing::Escaped;

// Where a reading from the top starts each record (and the end of the text).
std::set<size_t> RecordStarts(const std::string& text) {
  std::set<size_t> starts = {0, text.size()};
  RecordScanner scanner;
  for (const char* p = text.data(); p < text.data() + text.size();) {
    p = scanner.Scan(p, text.data() + text.size()).next;
    starts.insert(static_cast<size_t>(p - text.data()));
  }
  return starts;
}

// Rows of field pieces: quoted fields with commas, "" and line breaks, quotes inside
// unquoted fields, text after a closing quote, LF, CRLF and CR endings, blank lines.
// Every quote that opens a field is closed.
std::string RandomCsv(std::mt19937& random) {
  const std::vector<std::string> pieces = {"536365",
                                           "85123A",
                                           "\"A, B\"",
                                           "\"say \"\"hi\"\"\"",
                                           "\"multi\nline\"",
                                           "\"multi\r\nline, \"\"too\"\"\"",
                                           "12\" RULER",
                                           "ab\"c\"d",
                                           "\"x\"y",
                                           "",
                                           "12/1/2010 8:26",
                                           "\r",
                                           " ",
                                           "\"\"",
                                           "\"\"\"\""};
  std::string csv;
  const int rows = 1 + static_cast<int>(random() % 12);
  for (int row = 0; row < rows; ++row) {
    const int fields = 1 + static_cast<int>(random() % 8);
    for (int field = 0; field < fields; ++field) {
      if (field > 0) csv += ',';
      csv += pieces[random() % pieces.size()];
    }
    const unsigned ending = random() % 5;
    csv += ending == 0 ? "\r\n" : ending == 1 ? "\n\n" : ending == 2 ? "\r" : "\n";
  }
  if (random() % 3 == 0) csv.pop_back();
  return csv;
}

TEST(FindRecordStartTest, FindsARecordStartFromEveryByte) {
  std::mt19937 random(20261126);
  for (int file = 0; file < 300; ++file) {
    const std::string csv = RandomCsv(random);
    const std::set<size_t> starts = RecordStarts(csv);
    for (size_t from = 1; from <= csv.size(); ++from) {
      const size_t found = FindRecordStart(csv, from);
      ASSERT_GE(found, from) << Escaped(csv);
      ASSERT_TRUE(starts.count(found) == 1)
          << "from " << from << " found " << found << " in\n"
          << Escaped(csv);
    }
  }
}

TEST(FindRecordStartTest, AStrayQuoteDoesNotHideTheRecordsAfterIt) {
  // An inch mark flips the count of quotes before every later byte, and each later row
  // holds an even number: counting quotes from the top finds no start after it at all.
  std::string csv = "536365,22355,12\" RULER,6\n";
  for (int i = 0; i < 100; ++i) csv += "536366,22356,\"TAPE, MULTI\",1\n";
  const std::set<size_t> starts = RecordStarts(csv);
  ASSERT_EQ(starts.size(), 102u);
  for (size_t from = 30; from < csv.size() - 100; from += 7) {
    const size_t found = FindRecordStart(csv, from);
    EXPECT_TRUE(starts.count(found) == 1) << from;
    EXPECT_LT(found, from + 2 * 28) << "from " << from << ": a start within two rows";
  }
}

TEST(FindRecordStartTest, WithoutQuotesTheNextLineStarts) {
  const std::string csv = "a,b\nc,d\r\ne,f";
  EXPECT_EQ(FindRecordStart(csv, 1), 4u);
  EXPECT_EQ(FindRecordStart(csv, 4), 9u);
  EXPECT_EQ(FindRecordStart(csv, 10), csv.size());
  EXPECT_EQ(FindRecordStart(csv, csv.size()), csv.size());
}

TEST(FindRecordStartTest, InsideAQuotedFieldTheLineBreaksAreSkipped) {
  const std::string csv = "a,\"one\ntwo\nthree\",b\nnext,row\n";
  const size_t next = csv.find("next");
  const size_t closing_quote = csv.find("\",b");
  for (size_t from = 3; from < closing_quote; ++from) {
    EXPECT_EQ(FindRecordStart(csv, from), next) << from;
  }
}

TEST(FindRecordStartTest, BeyondTheWindowTheByteIsTakenToBeOutsideQuotes) {
  // A quoted field longer than the window: from inside it the guess is the next line,
  // which the reader then finds wrong (the chunk before ends elsewhere) and reads again.
  const std::string csv =
      "a,\"" + std::string(40, 'x') + "\n" + std::string(40, 'y') + "\",b\nnext,row\n";
  const size_t from = 10;
  EXPECT_EQ(FindRecordStart(csv, from, /*window=*/48), csv.find('\n') + 1);
  EXPECT_EQ(FindRecordStart(csv, from), csv.find("next"));
  // No line break within the window at all: no start (the chunk joins the one before).
  EXPECT_EQ(FindRecordStart(csv, from, /*window=*/16), csv.size());
}

TEST(FindRecordStartTest, QuotePairsAloneAreTakenToBeOutsideQuotes) {
  // "" reads alike inside a quoted field (a quote) and outside (an empty field), so the
  // runs never meet; the guess, outside, is right for files written this way.
  std::string csv;
  for (int i = 0; i < 200; ++i) csv += "536365,\"\",12\"\" RULER,\"\"\n";
  const std::set<size_t> starts = RecordStarts(csv);
  for (size_t from = 1; from < csv.size(); from += 5) {
    EXPECT_TRUE(starts.count(FindRecordStart(csv, from)) == 1) << from;
  }
}

}  // namespace
}  // namespace storepulse::ingest

// The generated file as a reader sees it: format, determinism and the shapes that make
// it look like the real Online Retail export.
#include "synth/generator.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <map>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/civil_time.h"
#include "core/money.h"
#include "synth/countries.h"
#include "synth/test_csv.h"

namespace storepulse::synth {
namespace {

using testing::CsvReader;

constexpr uint64_t kYearOfRows = 541'909;  // the real export's size

GeneratorOptions Options(uint64_t rows, uint64_t seed = 42, int threads = 0) {
  GeneratorOptions options;
  options.rows = rows;
  options.seed = seed;
  options.threads = threads;
  return options;
}

// Strings interned to small numbers, so a year of rows stays small in memory.
class Interner {
 public:
  uint32_t Intern(const std::string& text) {
    const auto [it, added] = ids_.emplace(text, static_cast<uint32_t>(texts_.size()));
    if (added) texts_.push_back(text);
    return it->second;
  }
  const std::string& text(uint32_t id) const { return texts_[id]; }
  size_t size() const { return texts_.size(); }

 private:
  std::unordered_map<std::string, uint32_t> ids_;
  std::vector<std::string> texts_;
};

struct Row {
  uint64_t invoice = 0;
  bool cancellation = false;
  uint32_t code = 0;
  uint32_t description = 0;
  int64_t quantity = 0;
  Timestamp time = 0;
  int64_t price_cents = 0;
  uint32_t customer = 0;  // 0: none
  uint32_t country = 0;
};

struct ParsedFile {
  std::string header;
  std::vector<Row> rows;
  Interner codes;
  Interner descriptions;
  Interner countries;
  std::vector<std::string> errors;  // the first few problems, with line numbers
  size_t descriptions_with_comma = 0;
  size_t descriptions_with_quote = 0;
  size_t pound_signs = 0;
};

bool IsDigits(std::string_view text) {
  return !text.empty() && std::all_of(text.begin(), text.end(),
                                      [](char c) { return c >= '0' && c <= '9'; });
}

template <typename Int>
bool ParseInt(std::string_view text, Int* value) {
  const auto [end, error] =
      std::from_chars(text.data(), text.data() + text.size(), *value);
  return error == std::errc() && end == text.data() + text.size();
}

// The export's date form exactly: M/D/YYYY H:MM, no zero padding but the minutes.
bool IsExportDate(const std::string& text, Timestamp* time) {
  return ParseDateTime(text, time) && FormatExportDateTime(*time) == text;
}

// The export's price form: "2.55", "2.1", "25", "0": no trailing zero decimals.
bool IsExportPrice(const std::string& text, int64_t* cents) {
  Money money;
  if (ParseMoney(text, &money) != DecimalParse::kOk || money.units() < 0) return false;
  if (money.units() % Money::kUnitsPerCent != 0) return false;
  *cents = money.units() / Money::kUnitsPerCent;
  const size_t dot = text.find('.');
  if (dot == std::string::npos) return IsDigits(text);
  return IsDigits(text.substr(0, dot)) && text.size() - dot - 1 <= 2 &&
         text.back() != '0';
}

// The only non-ASCII byte allowed: ISO-8859-1 '£' in gift voucher names.
bool HasOnlyAllowedBytes(const std::string& description, size_t* pounds) {
  for (size_t i = 0; i < description.size(); ++i) {
    const auto byte = static_cast<unsigned char>(description[i]);
    if (byte < 0x80) continue;
    if (byte != 0xA3 || description.rfind("Dotcomgiftshop Gift Voucher ", 0) != 0) {
      return false;
    }
    ++*pounds;
  }
  return true;
}

ParsedFile Parse(const std::string& csv) {
  ParsedFile file;
  CsvReader reader(csv);
  std::vector<std::string> fields;
  const auto problem = [&](const std::string& what) {
    if (file.errors.size() < 10) {
      file.errors.push_back("line " + std::to_string(reader.line()) + ": " + what);
    }
  };
  if (!reader.Next(&fields)) {
    file.errors.push_back("no header: " + reader.error());
    return file;
  }
  for (size_t i = 0; i < fields.size(); ++i) file.header += (i ? "," : "") + fields[i];
  while (reader.Next(&fields)) {
    if (fields.size() != 8) {
      problem(std::to_string(fields.size()) + " fields");
      continue;
    }
    Row row;
    std::string_view invoice = fields[0];
    row.cancellation = !invoice.empty() && invoice.front() == 'C';
    if (row.cancellation) invoice.remove_prefix(1);
    if (!IsDigits(invoice) || invoice.size() < 6 || !ParseInt(invoice, &row.invoice)) {
      problem("bad InvoiceNo " + fields[0]);
    }
    if (fields[1].empty() || fields[1].find(' ') != std::string::npos) {
      problem("bad StockCode '" + fields[1] + "'");
    }
    row.code = file.codes.Intern(fields[1]);
    if (fields[2].find(',') != std::string::npos) ++file.descriptions_with_comma;
    if (fields[2].find('"') != std::string::npos) ++file.descriptions_with_quote;
    if (!HasOnlyAllowedBytes(fields[2], &file.pound_signs)) {
      problem("non-ASCII description " + fields[2]);
    }
    row.description = file.descriptions.Intern(fields[2]);
    if (!ParseInt(fields[3], &row.quantity) || row.quantity == 0) {
      problem("bad Quantity " + fields[3]);
    }
    if (!IsExportDate(fields[4], &row.time)) problem("bad InvoiceDate " + fields[4]);
    if (!IsExportPrice(fields[5], &row.price_cents))
      problem("bad UnitPrice " + fields[5]);
    if (!fields[6].empty() &&
        (fields[6].size() != 5 || !ParseInt(fields[6], &row.customer) ||
         row.customer < 12'346)) {
      problem("bad CustomerID " + fields[6]);
    }
    CountryIndex country;
    if (!FindCountry(fields[7], &country)) problem("unknown Country " + fields[7]);
    row.country = file.countries.Intern(fields[7]);
    file.rows.push_back(row);
  }
  if (!reader.error().empty()) file.errors.push_back(reader.error());
  return file;
}

int64_t DayOfRow(const Row& row) { return DayOf(row.time); }

bool IsClean(const Row& row) {
  return row.quantity > 0 && row.price_cents > 0 && row.customer != 0;
}

TEST(GeneratorTest, WritesTheExportHeaderAndCrlfLineEnds) {
  const std::string csv = GenerateCsv(Options(2'000));
  ASSERT_EQ(csv.rfind(std::string(kCsvHeader) + "\r\n", 0), 0u);
  EXPECT_EQ(csv.substr(csv.size() - 2), "\r\n");
  for (size_t i = 0; i < csv.size(); ++i) {
    if (csv[i] == '\n') {
      ASSERT_EQ(csv[i - 1], '\r') << "bare LF at byte " << i;
    }
    if (csv[i] == '\r') {
      ASSERT_EQ(csv[i + 1], '\n') << "bare CR at byte " << i;
    }
  }
}

TEST(GeneratorTest, WritesExactlyTheRequestedRows) {
  for (const uint64_t rows : {1, 2, 17, 1'000, 4'097, 20'000}) {
    const ParsedFile file = Parse(GenerateCsv(Options(rows)));
    EXPECT_TRUE(file.errors.empty()) << file.errors.front();
    EXPECT_EQ(file.rows.size(), rows);
  }
}

TEST(GeneratorTest, ZeroRowsGiveTheHeaderAlone) {
  EXPECT_EQ(GenerateCsv(Options(0)), std::string(kCsvHeader) + "\r\n");
}

TEST(GeneratorTest, SameSeedGivesSameBytesWhateverTheThreads) {
  const std::string one_thread = GenerateCsv(Options(60'000, 7, 1));
  EXPECT_EQ(GenerateCsv(Options(60'000, 7, 2)), one_thread);
  EXPECT_EQ(GenerateCsv(Options(60'000, 7, 0)), one_thread);
  EXPECT_EQ(GenerateCsv(Options(60'000, 7, 64)), one_thread);
}

TEST(GeneratorTest, DifferentSeedsGiveDifferentFiles) {
  const std::string first = GenerateCsv(Options(5'000, 1));
  const std::string second = GenerateCsv(Options(5'000, 2));
  EXPECT_NE(first, second);
  // Not just a shifted tail: the very first rows differ.
  EXPECT_NE(first.substr(0, 2'000), second.substr(0, 2'000));
}

TEST(GeneratorTest, StartsOnTheFirstTradingDayFromTheStart) {
  GeneratorOptions options = Options(10);
  options.start_day = DaysFromCivil({2011, 3, 5});  // a Saturday: closed
  ParsedFile file = Parse(GenerateCsv(options));
  ASSERT_FALSE(file.rows.empty());
  EXPECT_EQ(CivilFromDays(DayOfRow(file.rows.front())), (CivilDate{2011, 3, 6}));

  options.start_day = DaysFromCivil({2011, 12, 24});  // closed until 4 January
  file = Parse(GenerateCsv(options));
  ASSERT_FALSE(file.rows.empty());
  EXPECT_EQ(CivilFromDays(DayOfRow(file.rows.front())), (CivilDate{2012, 1, 4}));
}

TEST(GeneratorTest, ValidateOptionsNamesTheBadOption) {
  EXPECT_TRUE(ValidateOptions(Options(1)).ok());
  Status status = ValidateOptions(Options(0));
  EXPECT_EQ(status.code(), StatusCode::kInvalidArgument);
  EXPECT_NE(status.message().find("rows"), std::string::npos);
  EXPECT_FALSE(ValidateOptions(Options(kMaxRows + 1)).ok());
  status = ValidateOptions(Options(10, 42, -1));
  EXPECT_NE(status.message().find("threads"), std::string::npos);
  GeneratorOptions options = Options(10);
  options.start_day = DaysFromCivil({9000, 1, 1});
  status = ValidateOptions(options);
  EXPECT_NE(status.message().find("start"), std::string::npos);
}

// A year of rows, generated and parsed once for all the shape tests.
class YearOfOrdersTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    file_ = new ParsedFile(Parse(GenerateCsv(Options(kYearOfRows))));
  }
  static void TearDownTestSuite() {
    delete file_;
    file_ = nullptr;
  }

  static const std::vector<Row>& rows() { return file_->rows; }
  static double Share(size_t count) {
    return static_cast<double>(count) / static_cast<double>(rows().size());
  }
  template <typename Predicate>
  static double ShareOf(Predicate predicate) {
    return Share(
        static_cast<size_t>(std::count_if(rows().begin(), rows().end(), predicate)));
  }

  static ParsedFile* file_;
};

ParsedFile* YearOfOrdersTest::file_ = nullptr;

TEST_F(YearOfOrdersTest, EveryRowParsesIntoTheExportsEightFields) {
  EXPECT_EQ(file_->header, kCsvHeader);
  EXPECT_TRUE(file_->errors.empty()) << file_->errors.front();
  EXPECT_EQ(rows().size(), kYearOfRows);
}

TEST_F(YearOfOrdersTest, InvoiceNumbersStartAtTheExportsAndIncrease) {
  ASSERT_FALSE(rows().empty());
  EXPECT_EQ(rows().front().invoice, kFirstInvoiceNumber);
  size_t invoices = 1;
  for (size_t i = 1; i < rows().size(); ++i) {
    const Row& previous = rows()[i - 1];
    const Row& row = rows()[i];
    if (row.invoice == previous.invoice) {
      ASSERT_EQ(row.cancellation, previous.cancellation) << "row " << i;
      continue;
    }
    // Every invoice, cancellations too, takes the next number.
    ASSERT_EQ(row.invoice, previous.invoice + 1) << "row " << i;
    ++invoices;
  }
  const double lines_per_invoice = static_cast<double>(rows().size()) / invoices;
  EXPECT_GT(lines_per_invoice, 15.0);
  EXPECT_LT(lines_per_invoice, 27.0);
}

TEST_F(YearOfOrdersTest, RowsOfAnInvoiceShareCustomerTimeAndCountry) {
  size_t longest = 0;
  size_t run = 1;
  for (size_t i = 1; i < rows().size(); ++i) {
    const Row& previous = rows()[i - 1];
    const Row& row = rows()[i];
    if (row.invoice != previous.invoice) {
      longest = std::max(longest, run);
      run = 1;
      continue;
    }
    ++run;
    ASSERT_EQ(row.customer, previous.customer) << "row " << i;
    ASSERT_EQ(row.time, previous.time) << "row " << i;
    ASSERT_EQ(row.country, previous.country) << "row " << i;
  }
  EXPECT_LE(std::max(longest, run), 500u);
  EXPECT_GE(std::max(longest, run), 100u);  // a heavy tail of big orders
}

TEST_F(YearOfOrdersTest, TimeNeverGoesBackAndTheShopIsClosedOnSaturdays) {
  std::map<int, size_t> lines_by_hour;
  for (size_t i = 0; i < rows().size(); ++i) {
    const Row& row = rows()[i];
    if (i > 0) {
      ASSERT_GE(row.time, rows()[i - 1].time) << "row " << i;
    }
    ASSERT_NE(WeekdayOf(row.time), 5) << "a Saturday order at row " << i;
    ++lines_by_hour[HourOf(row.time)];
  }
  EXPECT_GE(lines_by_hour.begin()->first, 7);
  EXPECT_LE(lines_by_hour.rbegin()->first, 20);
  const auto peak =
      std::max_element(lines_by_hour.begin(), lines_by_hour.end(),
                       [](auto& a, auto& b) { return a.second < b.second; });
  EXPECT_GE(peak->first, 10);
  EXPECT_LE(peak->first, 15);
}

TEST_F(YearOfOrdersTest, AYearOfRowsSpansAboutAYearWithTheSeasons) {
  const int64_t first = DayOfRow(rows().front());
  const int64_t last = DayOfRow(rows().back());
  EXPECT_GE(last - first, 320);
  EXPECT_LE(last - first, 400);

  std::map<int64_t, size_t> lines_by_day;
  for (const Row& row : rows()) ++lines_by_day[DayOfRow(row)];
  // Mean lines per trading day by weekday and by month.
  double weekday_lines[7] = {};
  double weekday_days[7] = {};
  double month_lines[13] = {};
  double month_days[13] = {};
  for (const auto& [day, lines] : lines_by_day) {
    weekday_lines[WeekdayOfDay(day)] += lines;
    ++weekday_days[WeekdayOfDay(day)];
    const int month = CivilFromDays(day).month;
    month_lines[month] += lines;
    ++month_days[month];
  }
  const auto per_day = [](double lines, double days) {
    return days > 0 ? lines / days : 0;
  };
  EXPECT_LT(per_day(weekday_lines[6], weekday_days[6]),
            0.85 * per_day(weekday_lines[3], weekday_days[3]));  // Sunday < Thursday
  EXPECT_LT(per_day(weekday_lines[4], weekday_days[4]),
            per_day(weekday_lines[3], weekday_days[3]));  // Friday < Thursday
  EXPECT_GT(per_day(month_lines[11], month_days[11]),
            1.5 * per_day(month_lines[2], month_days[2]));  // November > February
}

TEST_F(YearOfOrdersTest, DirtIsAsCommonAsInTheRealExport) {
  const double cancelled = ShareOf([](const Row& row) { return row.cancellation; });
  const double guests = ShareOf([](const Row& row) { return row.customer == 0; });
  const double free = ShareOf([](const Row& row) { return row.price_cents == 0; });
  const double clean = ShareOf(IsClean);
  EXPECT_GT(cancelled, 0.012);
  EXPECT_LT(cancelled, 0.022);
  EXPECT_GT(guests, 0.20);
  EXPECT_LT(guests, 0.27);
  EXPECT_GT(free, 0.003);
  EXPECT_LT(free, 0.008);
  EXPECT_GT(clean, 0.70);
  EXPECT_LT(clean, 0.77);

  // Stock adjustments: negative quantities outside cancellations, never a customer's.
  size_t adjustments = 0;
  for (const Row& row : rows()) {
    if (row.cancellation) {
      EXPECT_LT(row.quantity, 0);
      EXPECT_NE(row.customer, 0u);
    } else if (row.quantity < 0) {
      ++adjustments;
      EXPECT_EQ(row.customer, 0u);
      EXPECT_EQ(row.price_cents, 0);
    }
  }
  EXPECT_GT(Share(adjustments), 0.001);
  EXPECT_LT(Share(adjustments), 0.005);
}

TEST_F(YearOfOrdersTest, CancellationsUsuallyUndoAnEarlierSaleOfTheSameCustomer) {
  // For each invoice: customer and the (code, price, quantity) of its lines.
  struct Invoice {
    uint32_t customer = 0;
    bool cancellation = false;
    std::vector<const Row*> lines;
  };
  std::vector<Invoice> invoices;
  for (const Row& row : rows()) {
    if (invoices.empty() || invoices.back().lines.front()->invoice != row.invoice) {
      invoices.push_back({row.customer, row.cancellation, {}});
    }
    invoices.back().lines.push_back(&row);
  }
  std::unordered_map<uint32_t, std::vector<size_t>> sales_by_customer;
  size_t cancellations = 0;
  size_t matched = 0;
  for (size_t i = 0; i < invoices.size(); ++i) {
    const Invoice& invoice = invoices[i];
    if (!invoice.cancellation) {
      if (invoice.customer != 0) sales_by_customer[invoice.customer].push_back(i);
      continue;
    }
    ++cancellations;
    const auto undoes = [&](size_t sale) {
      for (const Row* line : invoice.lines) {
        const bool found = std::any_of(invoices[sale].lines.begin(),
                                       invoices[sale].lines.end(), [&](const Row* sold) {
                                         return sold->code == line->code &&
                                                sold->price_cents == line->price_cents &&
                                                sold->quantity >= -line->quantity;
                                       });
        if (!found) return false;
      }
      return true;
    };
    const std::vector<size_t>& sales = sales_by_customer[invoice.customer];
    if (std::any_of(sales.begin(), sales.end(), undoes)) ++matched;
  }
  ASSERT_GT(cancellations, 500u);
  EXPECT_GT(static_cast<double>(matched) / cancellations, 0.8);
}

TEST_F(YearOfOrdersTest, CustomersAreFewHeavyBuyersAndManyOccasionalOnes) {
  std::unordered_map<uint32_t, std::set<uint64_t>> invoices_by_customer;
  std::unordered_map<uint32_t, uint32_t> country_of;
  for (const Row& row : rows()) {
    if (row.customer == 0) continue;
    if (!row.cancellation) invoices_by_customer[row.customer].insert(row.invoice);
    const auto [it, added] = country_of.emplace(row.customer, row.country);
    ASSERT_EQ(it->second, row.country) << "customer " << row.customer << " moved";
  }
  const double customers = static_cast<double>(country_of.size());
  EXPECT_GT(customers, kYearOfRows / 160.0);
  EXPECT_LT(customers, kYearOfRows / 90.0);
  std::vector<size_t> counts;
  for (const auto& [customer, invoices] : invoices_by_customer) {
    counts.push_back(invoices.size());
  }
  std::sort(counts.begin(), counts.end());
  const size_t median = counts[counts.size() / 2];
  EXPECT_GE(counts.back(), 20 * median);
  EXPECT_GT(std::count(counts.begin(), counts.end(), 1),
            static_cast<long>(counts.size() / 5));
}

TEST_F(YearOfOrdersTest, TheUnitedKingdomDominatesALongTailOfCountries) {
  const uint32_t uk = file_->countries.Intern("United Kingdom");
  const double british = ShareOf([&](const Row& row) { return row.country == uk; });
  EXPECT_GT(british, 0.80);
  EXPECT_LT(british, 0.95);
  EXPECT_GE(file_->countries.size(), 28u);
}

TEST_F(YearOfOrdersTest, ProductsKeepOneNameAndOnePrice) {
  std::unordered_map<uint32_t, std::pair<uint32_t, int64_t>> product;
  size_t postage = 0;
  size_t products = 0;
  for (const Row& row : rows()) {
    const std::string& code = file_->codes.text(row.code);
    if (code == "POST") ++postage;
    const bool is_product =
        code.size() >= 5 && IsDigits(code.substr(0, 5)) &&
        (code.size() == 5 || (code.size() == 6 && std::isupper(code[5])));
    if (!is_product) {
      EXPECT_TRUE(code == "POST" || code == "DOT" || code == "M" ||
                  code.rfind("gift_0001_", 0) == 0)
          << code;
      continue;
    }
    // Stock adjustments carry notes instead of names and no price; skip them.
    if (row.customer == 0 && row.price_cents == 0) continue;
    const auto [it, added] =
        product.emplace(row.code, std::pair(row.description, row.price_cents));
    if (added) ++products;
    ASSERT_EQ(it->second.first, row.description) << code;
    if (row.price_cents != 0 && it->second.second != 0) {
      ASSERT_EQ(it->second.second, row.price_cents) << code;
    }
  }
  EXPECT_GT(products, 2'000u);
  EXPECT_LT(products, 5'000u);
  EXPECT_GT(Share(postage), 0.001);
  EXPECT_LT(Share(postage), 0.004);
}

TEST_F(YearOfOrdersTest, SomeNamesNeedQuotingAndVouchersCarryAPoundSign) {
  EXPECT_GT(Share(file_->descriptions_with_comma), 0.003);
  EXPECT_GT(file_->descriptions_with_quote, 100u);
  EXPECT_GT(file_->pound_signs, 5u);
}

TEST_F(YearOfOrdersTest, QuantitiesAreMostlySmallWithPacksAndAHeavyTail) {
  std::map<int64_t, size_t> by_quantity;
  int64_t largest = 0;
  for (const Row& row : rows()) {
    if (row.quantity <= 0) continue;
    ++by_quantity[row.quantity];
    largest = std::max(largest, row.quantity);
  }
  size_t small = 0;
  for (int64_t quantity = 1; quantity <= 24; ++quantity) small += by_quantity[quantity];
  EXPECT_GT(Share(small), 0.80);
  EXPECT_GT(by_quantity[12], by_quantity[11] * 10);  // packs of a dozen
  EXPECT_GT(by_quantity[48], by_quantity[47] * 10);
  EXPECT_GE(largest, 1'000);
}

}  // namespace
}  // namespace storepulse::synth

// The contract every storage::Warehouse backend passes, run against real databases:
// SQLite files and a real PostgreSQL server (warehouse_backends.h). A backend is done
// when it passes this suite unchanged.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <thread>

#include <map>
#include <string>
#include <vector>

#include "failing_warehouse.h"
#include "storage/migrations.h"
#include "storage/schema.h"
#include "storage/warehouse.h"
#include "test_util.h"
#include "warehouse_backends.h"
#include "warehouse_test_data.h"

namespace storepulse::testing {
namespace {

using storage::BatchLoad;
using storage::OpenWarehouse;
using storage::Warehouse;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

constexpr char kLineColumns[] =
    "row_index, invoice_no, stock_code, description, quantity, invoice_date, unit_price, "
    "customer_id, country, revenue";

template <typename Backend>
class WarehouseContractTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { Backend::SetUpSuite(); }
  static void TearDownTestSuite() { Backend::TearDownSuite(); }

  void SetUp() override {
    ASSERT_OK(Backend::SuiteStatus());
    url_ = backend_.NewDatabaseUrl();
    auto opened = OpenWarehouse(url_);
    ASSERT_OK(opened.status());
    warehouse_ = std::move(opened).value();
  }

  // BeginRun, Load and FinishRun as a batch does; returns Load's status.
  Status RunLoad(Warehouse& warehouse, const BatchLoad& load) {
    auto run = warehouse.BeginRun(load.source, "hash-" + load.source);
    if (!run.ok()) return run.status();
    Status loaded = warehouse.Load(*run, load);
    const uint64_t rows = load.lines != nullptr ? load.lines->size() : 0;
    Status finished = warehouse.FinishRun(*run, loaded.ok(), rows, loaded.message());
    return loaded.ok() ? finished : loaded;
  }

  std::vector<std::string> Rows(const std::string& sql) {
    return QueryRows(*warehouse_, sql);
  }

  Backend backend_;
  std::string url_;
  std::unique_ptr<Warehouse> warehouse_;
  const Table lines_ = SampleLines();
};

struct BackendNames {
  template <typename Backend>
  static std::string GetName(int) {
    return Backend::kName;
  }
};

using Backends = ::testing::Types<SqliteBackend, PostgresBackend>;
TYPED_TEST_SUITE(WarehouseContractTest, Backends, BackendNames);

TYPED_TEST(WarehouseContractTest, OpenCreatesEveryTableWithTheSchemaColumns) {
  for (const storage::TableSpec& table : storage::WarehouseTables()) {
    auto result = this->warehouse_->Query("SELECT * FROM " + std::string(table.name));
    ASSERT_OK(result.status());
    std::vector<std::string> expected;
    if (table.has_id) expected.push_back("id");
    for (const storage::ColumnSpec& column : table.columns)
      expected.emplace_back(column.name);
    EXPECT_EQ(result->columns, expected) << table.name;
    EXPECT_TRUE(result->rows.empty()) << table.name;
  }
  std::vector<std::string> versions;
  for (const storage::Migration& migration : storage::WarehouseMigrations()) {
    versions.push_back(std::to_string(migration.version));
  }
  EXPECT_EQ(this->Rows("SELECT version FROM schema_version ORDER BY version"), versions);
  EXPECT_EQ(versions.back(), std::to_string(storage::LatestSchemaVersion()));
}

TYPED_TEST(WarehouseContractTest, LoadReadsBackEveryValueExactly) {
  ASSERT_OK(
      this->RunLoad(*this->warehouse_, SampleLoad("online_retail.csv", &this->lines_)));

  EXPECT_EQ(
      this->Rows(
          std::string("SELECT ") + kLineColumns +
          " FROM order_lines WHERE source = 'online_retail.csv' ORDER BY row_index"),
      SampleLineRows());
  EXPECT_EQ(
      this->Rows("SELECT line, column_no, reason, field, detail, raw_row FROM quarantine "
                 "ORDER BY line"),
      SampleQuarantineRows());
  EXPECT_THAT(
      this->Rows(
          "SELECT source, date, revenue, orders, lines, customers, products, quantity, "
          "countries, average_order_value, average_line_value, peak_hour, "
          "peak_hour_revenue FROM daily_metrics ORDER BY date"),
      ElementsAre(
          "online_retail.csv|2010-12-01|23.9415|1|2|1|2|13|1|23.9400|11.9700|8|23.9415",
          "online_retail.csv|2011-12-09|3156375151.0000|2|2|1|2|81995|2|"
          "1578187576.0000|1578187575.0000|9|-0.0001"));
  EXPECT_THAT(
      this->Rows("SELECT customer_id, revenue, orders, lines, first_purchase, "
                 "last_purchase, tier, recency_days, frequency, monetary, r_score, "
                 "f_score, m_score, rfm_segment, predicted_value_90d "
                 "FROM customer_metrics"),
      ElementsAre("17850|23.9415|1|2|2010-12-01 08:26:00|2010-12-01 08:26:00|VIP|374|1|"
                  "23.9415|1|1|5|Can't Lose|NULL"));
  EXPECT_THAT(this->Rows("SELECT stock_code, description, revenue, quantity, orders, "
                         "customers, lines FROM product_metrics"),
              ElementsAre("22633|HAND WARMER \"UNION JACK\", £1 OFF|8.6415|7|1|1|1"));
  EXPECT_THAT(this->Rows("SELECT country, revenue, orders, customers, lines, "
                         "average_order_value FROM country_metrics"),
              ElementsAre("France|1.0000|1|0|1|1.0000"));
  EXPECT_THAT(
      this->Rows("SELECT cohort_month, months_since, customers, active_customers, "
                 "retention_rate FROM cohort_retention ORDER BY months_since"),
      ElementsAre("2010-12-01|0|3|3|1", "2010-12-01|1|3|1|0.3333333333333333"));
}

TYPED_TEST(WarehouseContractTest, LoadingTheSameSourceTwiceStoresItOnce) {
  const BatchLoad load = SampleLoad("online_retail.csv", &this->lines_);
  ASSERT_OK(this->RunLoad(*this->warehouse_, load));
  const auto first = SourceSnapshot(*this->warehouse_, load.source);
  ASSERT_OK(this->RunLoad(*this->warehouse_, load));

  EXPECT_EQ(SourceSnapshot(*this->warehouse_, load.source), first);
  EXPECT_THAT(this->Rows("SELECT COUNT(*) FROM order_lines"), ElementsAre("4"));
  EXPECT_THAT(this->Rows("SELECT COUNT(*) FROM quarantine"), ElementsAre("3"));
  EXPECT_THAT(this->Rows("SELECT COUNT(*) FROM daily_metrics"), ElementsAre("2"));
  EXPECT_THAT(this->Rows("SELECT status, \"rows\" FROM batch_runs ORDER BY id"),
              ElementsAre("succeeded|4", "succeeded|4"));
}

TYPED_TEST(WarehouseContractTest, ReloadReplacesTheRowsOfItsSourceOnly) {
  ASSERT_OK(this->RunLoad(*this->warehouse_, SampleLoad("2010.csv", &this->lines_)));
  ASSERT_OK(this->RunLoad(*this->warehouse_, SampleLoad("2011.csv", &this->lines_)));
  const auto other = SourceSnapshot(*this->warehouse_, "2011.csv");

  // 2010.csv again, now with one line, no quarantine and one metric table.
  TableBuilder builder;
  OrderLine line = this->lines_.Row(0);
  ASSERT_OK(builder.Append(line));
  const Table one_line = builder.Finish();
  BatchLoad smaller;
  smaller.source = "2010.csv";
  smaller.lines = &one_line;
  smaller.metrics.push_back({"country_metrics",
                             {"country", "revenue"},
                             {{std::string("EIRE"), Money::FromCents(5)}}});
  ASSERT_OK(this->RunLoad(*this->warehouse_, smaller));

  EXPECT_THAT(this->Rows("SELECT row_index, invoice_no FROM order_lines WHERE source = "
                         "'2010.csv'"),
              ElementsAre("0|536365"));
  EXPECT_THAT(this->Rows("SELECT COUNT(*) FROM quarantine WHERE source = '2010.csv'"),
              ElementsAre("0"));
  EXPECT_THAT(
      this->Rows("SELECT country, revenue, orders FROM country_metrics WHERE source = "
                 "'2010.csv'"),
      ElementsAre("EIRE|0.0500|NULL"));
  EXPECT_EQ(SourceSnapshot(*this->warehouse_, "2011.csv"), other);
}

TYPED_TEST(WarehouseContractTest, FailureInTheDatabaseMidLoadKeepsThePreviousRows) {
  const BatchLoad load = SampleLoad("online_retail.csv", &this->lines_);
  ASSERT_OK(this->RunLoad(*this->warehouse_, load));
  const auto before = SourceSnapshot(*this->warehouse_, load.source);

  FailingWarehouse failing(this->warehouse_.get());
  failing.FailNextLoadAfter(50);
  TableBuilder builder;
  ASSERT_OK(builder.Append(this->lines_.Row(3)));
  const Table replacement = builder.Finish();
  BatchLoad changed;
  changed.source = load.source;
  changed.lines = &replacement;
  const Status status = this->RunLoad(failing, changed);

  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.code(), StatusCode::kInvalidArgument) << status.ToString();
  EXPECT_THAT(status.message(), HasSubstr("daily_metrics"));
  EXPECT_EQ(SourceSnapshot(*this->warehouse_, load.source), before);
  EXPECT_THAT(
      this->Rows("SELECT status, \"rows\", finished_at IS NOT NULL FROM batch_runs "
                 "ORDER BY id"),
      ElementsAre(::testing::MatchesRegex("succeeded\\|4\\|(1|t)"),
                  ::testing::MatchesRegex("failed\\|NULL\\|(1|t)")));
  EXPECT_THAT(this->Rows("SELECT message FROM batch_runs WHERE status = 'failed'"),
              ElementsAre(HasSubstr("daily_metrics")));
}

TYPED_TEST(WarehouseContractTest, BadMetricRowsFailTheWholeLoadNamingThePlace) {
  const BatchLoad load = SampleLoad("online_retail.csv", &this->lines_);
  ASSERT_OK(this->RunLoad(*this->warehouse_, load));
  const auto before = SourceSnapshot(*this->warehouse_, load.source);

  struct Case {
    storage::MetricRows rows;
    std::string message;
  };
  const std::vector<Case> cases = {
      {{"daily_metrics", {"date", "profit"}, {{Day(2011, 1, 1), int64_t{1}}}},
       "daily_metrics has no column 'profit'"},
      {{"daily_metrics", {"date", "orders"}, {{Day(2011, 1, 1), std::string("many")}}},
       "daily_metrics row 1, column orders (integer): got text"},
      {{"country_metrics", {"country", "revenue"}, {{std::string("UK"), 1.5}}},
       "country_metrics row 1, column revenue (money): got real"},
      {{"customer_metrics", {"customer_id"}, {{storage::Value()}}},
       "customer_metrics row 1, column customer_id (text, NOT NULL): got NULL"},
      {{"weekly_metrics", {"week"}, {}}, "'weekly_metrics': not a metric table"},
      {{"order_lines", {"quantity"}, {}}, "'order_lines': not a metric table"},
  };
  for (const Case& bad : cases) {
    BatchLoad changed = load;
    changed.metrics.push_back(bad.rows);
    const Status status = this->RunLoad(*this->warehouse_, changed);
    EXPECT_EQ(status.code(), StatusCode::kInvalidArgument) << status.ToString();
    EXPECT_THAT(status.message(), HasSubstr(bad.message));
    EXPECT_EQ(SourceSnapshot(*this->warehouse_, load.source), before) << bad.message;
  }
}

TYPED_TEST(WarehouseContractTest, AProcessKilledMidLoadLeavesThePreviousRowsIntact) {
  const BatchLoad load = SampleLoad("online_retail.csv", &this->lines_);
  ASSERT_OK(this->RunLoad(*this->warehouse_, load));
  const auto before = SourceSnapshot(*this->warehouse_, load.source);
  // Big enough that its load takes far longer than the wait before the kill.
  TableBuilder builder;
  builder.Reserve(200'000);
  for (int row = 0; row < 200'000; ++row)
    ASSERT_OK(builder.Append(this->lines_.Row(row % 4)));
  const Table big = builder.Finish();

  int ready[2];
  ASSERT_EQ(::pipe(ready), 0);
  const pid_t child = ::fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    // The child: its own connection, a run, a byte to say the load starts, the load.
    ::close(ready[0]);
    auto warehouse = OpenWarehouse(this->url_);
    if (!warehouse.ok()) ::_exit(1);
    auto run = (*warehouse)->BeginRun(load.source, "killed");
    if (!run.ok()) ::_exit(1);
    BatchLoad replacement = load;
    replacement.lines = &big;
    if (::write(ready[1], "x", 1) != 1) ::_exit(1);
    (void)(*warehouse)->Load(*run, replacement);
    ::_exit(0);
  }
  ::close(ready[1]);
  char byte = 0;
  const bool started = ::read(ready[0], &byte, 1) == 1;
  ::close(ready[0]);
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  ::kill(child, SIGKILL);
  int wait_status = 0;
  ASSERT_EQ(::waitpid(child, &wait_status, 0), child);
  ASSERT_TRUE(started) << "the child could not open the warehouse or begin its run";
  ASSERT_TRUE(WIFSIGNALED(wait_status)) << "the load finished before the kill";

  auto reopened = OpenWarehouse(this->url_);
  ASSERT_OK(reopened.status());
  EXPECT_EQ(SourceSnapshot(**reopened, load.source), before);
  EXPECT_THAT(
      QueryRows(**reopened, "SELECT input_hash, status FROM batch_runs ORDER BY id"),
      ElementsAre("hash-online_retail.csv|succeeded", "killed|running"));
  // The next run of the source closes the dead one.
  ASSERT_OK((*reopened)->BeginRun(load.source, "next").status());
  EXPECT_THAT(QueryRows(**reopened,
                        "SELECT input_hash, status, message FROM batch_runs "
                        "ORDER BY id"),
              ElementsAre("hash-online_retail.csv|succeeded|NULL",
                          std::string("killed|failed|") + storage::kInterruptedRunMessage,
                          "next|running|NULL"));
}

TYPED_TEST(WarehouseContractTest, RunsRecordSourceHashTimesRowsAndStatus) {
  auto run = this->warehouse_->BeginRun("online_retail.csv", "sha256:abc");
  ASSERT_OK(run.status());
  EXPECT_THAT(
      this->Rows("SELECT source, input_hash, status, started_at IS NOT NULL, "
                 "finished_at IS NULL FROM batch_runs"),
      ElementsAre(::testing::MatchesRegex("online_retail.csv\\|sha256:abc\\|running\\|"
                                          "(1|t|true)\\|(1|t|true)")));
  ASSERT_OK(this->warehouse_->Load(*run, SampleLoad("online_retail.csv", &this->lines_)));
  ASSERT_OK(this->warehouse_->FinishRun(*run, true, 4, ""));
  EXPECT_THAT(
      this->Rows("SELECT id, status, \"rows\", message, finished_at >= started_at "
                 "FROM batch_runs"),
      ElementsAre(::testing::MatchesRegex(std::to_string(*run) +
                                          "\\|succeeded\\|4\\|NULL\\|(1|t|true)")));

  auto second = this->warehouse_->BeginRun("online_retail.csv", "sha256:abc");
  ASSERT_OK(second.status());
  EXPECT_GT(*second, *run);
}

TYPED_TEST(WarehouseContractTest, UnknownRunsAreNotFound) {
  const Status load = this->warehouse_->Load(4242, SampleLoad("a.csv", &this->lines_));
  EXPECT_EQ(load.code(), StatusCode::kNotFound) << load.ToString();
  EXPECT_THAT(load.message(), HasSubstr("no batch run 4242"));
  const Status finish = this->warehouse_->FinishRun(4242, false, 0, "boom");
  EXPECT_EQ(finish.code(), StatusCode::kNotFound) << finish.ToString();
  EXPECT_THAT(this->Rows("SELECT COUNT(*) FROM order_lines"), ElementsAre("0"));
}

TYPED_TEST(WarehouseContractTest, ReopeningKeepsDataAndDoesNotRerunMigrations) {
  ASSERT_OK(this->RunLoad(*this->warehouse_, SampleLoad("a.csv", &this->lines_)));
  const auto versions =
      this->Rows("SELECT version, description, applied_at FROM schema_version");
  ASSERT_EQ(versions.size(), storage::WarehouseMigrations().size());
  const auto before = SourceSnapshot(*this->warehouse_, "a.csv");
  this->warehouse_.reset();

  auto reopened = OpenWarehouse(this->url_);
  ASSERT_OK(reopened.status());
  EXPECT_EQ(QueryRows(**reopened,
                      "SELECT version, description, applied_at FROM schema_version"),
            versions);
  EXPECT_EQ(SourceSnapshot(**reopened, "a.csv"), before);
}

TYPED_TEST(WarehouseContractTest, ADatabaseFromANewerStorepulseIsRefused) {
  this->warehouse_.reset();
  ASSERT_OK(this->backend_.Execute(
      "INSERT INTO schema_version (version, description, applied_at) "
      "VALUES (999, 'from the future', '2999-01-01 00:00:00')"));
  auto reopened = OpenWarehouse(this->url_);
  ASSERT_FALSE(reopened.ok());
  EXPECT_EQ(reopened.status().code(), StatusCode::kCorruption);
  EXPECT_THAT(reopened.status().message(), HasSubstr("schema version 999"));
}

// A database written by a storepulse before the model tables (schema version 1) gains
// them on open, its rows untouched.
TYPED_TEST(WarehouseContractTest, AVersionOneDatabaseIsMigratedKeepingItsRows) {
  ASSERT_OK(this->RunLoad(*this->warehouse_, SampleLoad("a.csv", &this->lines_)));
  const auto before = SourceSnapshot(*this->warehouse_, "a.csv");
  this->warehouse_.reset();
  ASSERT_OK(this->backend_.Execute("DROP TABLE model_registry"));
  ASSERT_OK(this->backend_.Execute("DROP TABLE forecasts"));
  ASSERT_OK(this->backend_.Execute("DELETE FROM schema_version WHERE version > 1"));

  auto reopened = OpenWarehouse(this->url_);
  ASSERT_OK(reopened.status());
  EXPECT_THAT(
      QueryRows(**reopened, "SELECT version FROM schema_version ORDER BY version"),
      ElementsAre("1", "2", "3"));
  EXPECT_EQ(SourceSnapshot(**reopened, "a.csv"), before);
  EXPECT_THAT(QueryRows(**reopened, "SELECT COUNT(*) FROM model_registry"),
              ElementsAre("0"));
  EXPECT_THAT(QueryRows(**reopened, "SELECT COUNT(*) FROM forecasts"), ElementsAre("0"));
}

storage::ModelRecord SampleModel(const std::string& version) {
  storage::ModelRecord record;
  record.model_version = version;
  record.kind = "line_revenue";
  record.source = "a.csv";
  record.trained_at = At(2024, 5, 1, 12, 0, 7);
  record.storepulse_version = "0.1.0";
  record.training_data_hash = "0123456789abcdef";
  record.training_rows = 318'000;
  record.test_rows = 79'884;
  record.model_path = "out/models/line_revenue.meta.json";
  record.features = "quantity,unit_price";
  record.parameters = R"({"rounds": 600})";
  record.metrics = R"({"mae": 0.4})";
  return record;
}

TYPED_TEST(WarehouseContractTest, RegisteringAModelStoresEveryFieldOnce) {
  ASSERT_OK(this->warehouse_->RegisterModel(SampleModel("line_revenue-v1")));
  ASSERT_OK(this->warehouse_->RegisterModel(SampleModel("line_revenue-v2")));
  storage::ModelRecord again = SampleModel("line_revenue-v1");
  again.test_rows = 5;
  ASSERT_OK(this->warehouse_->RegisterModel(again));  // replaces v1's row
  EXPECT_THAT(
      this->Rows("SELECT model_version, kind, source, trained_at, storepulse_version, "
                 "training_data_hash, training_rows, test_rows, model_path, features, "
                 "parameters, metrics, registered_at IS NOT NULL FROM model_registry "
                 "ORDER BY model_version"),
      ElementsAre(
          ::testing::MatchesRegex(
              R"(line_revenue-v1\|line_revenue\|a\.csv\|2024-05-01 12:00:07\|0\.1\.0\|)"
              R"(0123456789abcdef\|318000\|5\|out/models/line_revenue\.meta\.json\|)"
              R"(quantity,unit_price\|\{"rounds": 600\}\|\{"mae": 0\.4\}\|(1|t))"),
          HasSubstr("line_revenue-v2|line_revenue|a.csv|2024-05-01 12:00:07")));
}

TYPED_TEST(WarehouseContractTest, ForecastsReplaceThoseOfTheirModelVersionOnly) {
  const int64_t day = DaysFromCivil({2011, 12, 10});
  ASSERT_OK(
      this->warehouse_->StoreForecasts("a.csv", "daily_forecast-v1",
                                       {{day, 1, Money::FromCents(0), 0},
                                        {day + 1, 2, Money::FromCents(3819176), 80.25}}));
  ASSERT_OK(this->warehouse_->StoreForecasts("a.csv", "daily_forecast-v2",
                                             {{day, 1, Money::FromCents(100), 1.5}}));
  ASSERT_OK(this->warehouse_->StoreForecasts(
      "a.csv", "daily_forecast-v1", {{day + 1, 2, Money::FromCents(4000000), 81}}));
  EXPECT_THAT(this->Rows("SELECT source, model_version, date, horizon_days, revenue, "
                         "orders FROM forecasts ORDER BY model_version, date"),
              ElementsAre("a.csv|daily_forecast-v1|2011-12-11|2|40000.0000|81",
                          "a.csv|daily_forecast-v2|2011-12-10|1|1.0000|1.5"));

  // Two rows for one day: refused, and what was stored stays.
  const Status duplicate = this->warehouse_->StoreForecasts(
      "a.csv", "daily_forecast-v1",
      {{day, 1, Money::FromCents(1), 1}, {day, 1, Money::FromCents(2), 2}});
  EXPECT_EQ(duplicate.code(), StatusCode::kInvalidArgument) << duplicate.ToString();
  EXPECT_THAT(this->Rows("SELECT date, revenue FROM forecasts WHERE model_version = "
                         "'daily_forecast-v1'"),
              ElementsAre("2011-12-11|40000.0000"));
}

TYPED_TEST(WarehouseContractTest, PredictedValuesGoToTheSourcesCustomers) {
  const Status missing =
      this->warehouse_->SetPredictedValues("a.csv", {{"17850", Money::FromCents(1)}})
          .status();
  EXPECT_EQ(missing.code(), StatusCode::kNotFound) << missing.ToString();
  EXPECT_THAT(missing.message(), HasSubstr("storepulse batch"));

  ASSERT_OK(this->RunLoad(*this->warehouse_, SampleLoad("a.csv", &this->lines_)));
  ASSERT_OK(this->RunLoad(*this->warehouse_, SampleLoad("b.csv", &this->lines_)));
  auto updated = this->warehouse_->SetPredictedValues(
      "a.csv", {{"17850", Money::FromCents(123456)}, {"99999", Money::FromCents(5)}});
  ASSERT_OK(updated.status());
  EXPECT_EQ(*updated, 1u);  // 99999 is not a customer of a.csv
  EXPECT_THAT(this->Rows("SELECT source, customer_id, predicted_value_90d FROM "
                         "customer_metrics ORDER BY source"),
              ElementsAre("a.csv|17850|1234.5600", "b.csv|17850|NULL"));
  // A customer given two values is refused, and nothing is written.
  const Status twice = this->warehouse_
                           ->SetPredictedValues("a.csv", {{"17850", Money::FromCents(1)},
                                                          {"17850", Money::FromCents(2)}})
                           .status();
  EXPECT_EQ(twice.code(), StatusCode::kInvalidArgument) << twice.ToString();
  EXPECT_THAT(twice.message(), HasSubstr("'17850'"));
  EXPECT_THAT(this->Rows("SELECT predicted_value_90d FROM customer_metrics WHERE source "
                         "= 'a.csv'"),
              ElementsAre("1234.5600"));

  // A model and forecasts survive a reload of the source; the predicted values, which
  // belong to the customer rows the load replaces, do not.
  ASSERT_OK(this->warehouse_->RegisterModel(SampleModel("m")));
  ASSERT_OK(this->warehouse_->StoreForecasts("a.csv", "m", {{1, 1, Money(), 0}}));
  ASSERT_OK(this->RunLoad(*this->warehouse_, SampleLoad("a.csv", &this->lines_)));
  EXPECT_THAT(this->Rows("SELECT predicted_value_90d FROM customer_metrics WHERE source "
                         "= 'a.csv'"),
              ElementsAre("NULL"));
  EXPECT_THAT(this->Rows("SELECT COUNT(*) FROM model_registry"), ElementsAre("1"));
  EXPECT_THAT(this->Rows("SELECT COUNT(*) FROM forecasts"), ElementsAre("1"));
}

TYPED_TEST(WarehouseContractTest, QueryRefusesWrites) {
  ASSERT_OK(this->RunLoad(*this->warehouse_, SampleLoad("a.csv", &this->lines_)));
  auto result = this->warehouse_->Query("DELETE FROM order_lines");
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.status().code(), StatusCode::kInvalidArgument);
  EXPECT_THAT(this->Rows("SELECT COUNT(*) FROM order_lines"), ElementsAre("4"));

  auto bad = this->warehouse_->Query("SELECT no_such_column FROM order_lines");
  ASSERT_FALSE(bad.ok());
  EXPECT_THAT(bad.status().message(), HasSubstr("no_such_column"));
}

TYPED_TEST(WarehouseContractTest, ReadOrderLinesGivesBackTheLoadedTableRowByRow) {
  ASSERT_OK(this->RunLoad(*this->warehouse_, SampleLoad("a.csv", &this->lines_)));
  ASSERT_OK(this->RunLoad(*this->warehouse_, SampleLoad("b.csv", &this->lines_)));

  auto read = this->warehouse_->ReadOrderLines("a.csv");
  ASSERT_OK(read.status());
  ASSERT_EQ(read->size(), this->lines_.size());
  for (size_t row = 0; row < this->lines_.size(); ++row) {
    EXPECT_EQ(RowText(*read, row), RowText(this->lines_, row)) << "row " << row;
    EXPECT_EQ(read->LineRevenue(row), this->lines_.LineRevenue(row)) << "row " << row;
  }
  // Row 2 has no customer: it stays without one, not the empty id.
  EXPECT_EQ(read->customer_codes()[2], kNoCustomer);
  EXPECT_EQ(read->customers().size(), 2u);

  auto unknown = this->warehouse_->ReadOrderLines("never-loaded.csv");
  ASSERT_OK(unknown.status());
  EXPECT_TRUE(unknown->empty());
}

// Loads send rows in groups (SQLite: 128 to a statement, then one by one): 300 lines and
// quarantined rows, neither a whole number of groups, read back every one in place.
TYPED_TEST(WarehouseContractTest, ManyRowsReadBackEachOnceInOrder) {
  constexpr size_t kRows = 300;
  TableBuilder builder;
  std::vector<std::string> invoices;
  for (size_t row = 0; row < kRows; ++row)
    invoices.push_back(std::to_string(600000 + row));
  for (size_t row = 0; row < kRows; ++row) {
    OrderLine line = this->lines_.Row(row % this->lines_.size());
    line.invoice = invoices[row];
    line.quantity = static_cast<int32_t>(row + 1);
    line.timestamp = At(2011, 1, 1 + static_cast<int>(row % 28),
                        static_cast<int>(row % 24), static_cast<int>(row % 60));
    ASSERT_OK(builder.Append(line));
  }
  const Table many = builder.Finish();
  BatchLoad load = SampleLoad("many.csv", &many);
  load.quarantine.clear();
  for (size_t row = 0; row < kRows; ++row) {
    load.quarantine.push_back({10 + 2 * row, static_cast<uint32_t>(row % 7),
                               "missing_customer", "CustomerID", "no CustomerID",
                               "raw " + std::to_string(row)});
  }
  ASSERT_OK(this->RunLoad(*this->warehouse_, load));

  std::vector<std::string> expected_lines;
  std::vector<std::string> expected_quarantine;
  for (size_t row = 0; row < kRows; ++row) {
    expected_lines.push_back(std::to_string(row) + "|" + invoices[row] + "|" +
                             std::to_string(row + 1));
    const auto& record = load.quarantine[row];
    expected_quarantine.push_back(std::to_string(record.line) + "|" +
                                  std::to_string(record.column) + "|" + record.raw);
  }
  EXPECT_EQ(this->Rows("SELECT row_index, invoice_no, quantity FROM order_lines ORDER BY "
                       "row_index"),
            expected_lines);
  EXPECT_EQ(this->Rows("SELECT line, column_no, raw_row FROM quarantine ORDER BY line"),
            expected_quarantine);
  auto read = this->warehouse_->ReadOrderLines("many.csv");
  ASSERT_OK(read.status());
  ASSERT_EQ(read->size(), kRows);
  for (size_t row = 0; row < kRows; ++row) {
    EXPECT_EQ(RowText(*read, row), RowText(many, row)) << "row " << row;
  }
}

// Row 150 of 300 repeats row 11's key: the load fails naming that row (SQLite sends rows
// in groups, and tries a refused group again row by row; PostgreSQL's COPY names the
// line), keeps nothing of itself, and the same warehouse then loads again.
TYPED_TEST(WarehouseContractTest, ARefusedRowIsNamedAndTheWarehouseLoadsAgain) {
  const BatchLoad first = SampleLoad("online_retail.csv", &this->lines_);
  ASSERT_OK(this->RunLoad(*this->warehouse_, first));
  const auto before = SourceSnapshot(*this->warehouse_, first.source);

  BatchLoad bad = first;
  bad.quarantine.clear();
  for (size_t row = 0; row < 300; ++row) {
    bad.quarantine.push_back({1000 + row, 0, "wrong_field_count", "", "", "raw"});
  }
  bad.quarantine[149].line = bad.quarantine[10].line;
  const Status status = this->RunLoad(*this->warehouse_, bad);
  ASSERT_FALSE(status.ok());
  EXPECT_THAT(status.message(), HasSubstr("quarantine"));
  EXPECT_THAT(status.message(), ::testing::ContainsRegex("(row|line) 150([^0-9]|$)"))
      << status.ToString();
  EXPECT_EQ(SourceSnapshot(*this->warehouse_, first.source), before);

  bad.quarantine[149].line = 5000;
  ASSERT_OK(this->RunLoad(*this->warehouse_, bad));
  EXPECT_THAT(this->Rows("SELECT COUNT(*), MIN(line), MAX(line) FROM quarantine"),
              ElementsAre("300|1000|5000"));
  EXPECT_EQ(this->Rows(std::string("SELECT ") + kLineColumns +
                       " FROM order_lines ORDER BY row_index"),
            SampleLineRows());
}

// A reload empties a table whole when no other source has rows in it: the sources
// before and after the reloaded one (in the order of their names) must both stop that.
TYPED_TEST(WarehouseContractTest, ReloadOfTheFirstMiddleOrLastSourceKeepsTheOthers) {
  for (const char* source : {"a.csv", "b.csv", "c.csv"}) {
    ASSERT_OK(this->RunLoad(*this->warehouse_, SampleLoad(source, &this->lines_)));
  }
  TableBuilder builder;
  ASSERT_OK(builder.Append(this->lines_.Row(3)));
  const Table one_line = builder.Finish();
  for (const char* reloaded : {"a.csv", "b.csv", "c.csv"}) {
    std::map<std::string, std::map<std::string, std::vector<std::string>>> others;
    for (const char* source : {"a.csv", "b.csv", "c.csv"}) {
      if (std::string(source) != reloaded) {
        others[source] = SourceSnapshot(*this->warehouse_, source);
      }
    }
    BatchLoad smaller;
    smaller.source = reloaded;
    smaller.lines = &one_line;
    ASSERT_OK(this->RunLoad(*this->warehouse_, smaller));

    EXPECT_THAT(
        this->Rows(std::string("SELECT invoice_no FROM order_lines WHERE source = '") +
                   reloaded + "'"),
        ElementsAre("581483"))
        << reloaded;
    for (const auto& [source, snapshot] : others) {
      EXPECT_EQ(SourceSnapshot(*this->warehouse_, source), snapshot)
          << source << " after reloading " << reloaded;
    }
  }
  EXPECT_THAT(this->Rows("SELECT COUNT(*) FROM order_lines"), ElementsAre("3"));
}

TYPED_TEST(WarehouseContractTest, UrlIsTheOneOpened) {
  EXPECT_EQ(this->warehouse_->url(), this->url_);
}

}  // namespace
}  // namespace storepulse::testing

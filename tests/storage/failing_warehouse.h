// A forwarding Warehouse that makes the database itself fail in the middle of a load
// (LevelDB's ErrorEnv idea, at the warehouse seam): the next Load gets `rows` extra
// daily_metrics rows appended after everything else, then one more that repeats the
// first's key, so the backend's unique index rejects it after the order lines, the
// quarantine, every metric table and those rows were written in the transaction.
#pragma once

#include <memory>
#include <string>

#include "storage/warehouse.h"

namespace storepulse::testing {

class FailingWarehouse final : public storage::Warehouse {
 public:
  explicit FailingWarehouse(storage::Warehouse* target) : target_(target) {}

  // The next Load fails after writing `rows` extra rows (and everything before them).
  void FailNextLoadAfter(int rows) { fail_after_rows_ = rows; }

  std::string url() const override { return target_->url(); }
  Result<int64_t> BeginRun(const std::string& source,
                           const std::string& input_hash) override {
    return target_->BeginRun(source, input_hash);
  }
  Status Load(int64_t run_id, const storage::BatchLoad& load) override {
    if (fail_after_rows_ < 0) return target_->Load(run_id, load);
    storage::BatchLoad faulty = load;
    storage::MetricRows& extra = faulty.metrics.emplace_back();
    extra.table = "daily_metrics";
    extra.columns = {"date", "orders"};
    // Dates far from any real data, so only the repeat collides.
    const int64_t first_day = DaysFromCivil({2999, 1, 1});
    for (int row = 0; row < fail_after_rows_; ++row) {
      extra.rows.push_back({storage::Date{first_day + row}, int64_t{row}});
    }
    extra.rows.push_back({storage::Date{first_day}, int64_t{-1}});
    fail_after_rows_ = -1;
    return target_->Load(run_id, faulty);
  }
  Status FinishRun(int64_t run_id, bool succeeded, uint64_t rows,
                   const std::string& message) override {
    return target_->FinishRun(run_id, succeeded, rows, message);
  }
  Status RegisterModel(const storage::ModelRecord& record) override {
    return target_->RegisterModel(record);
  }
  Status StoreForecasts(const std::string& source, const std::string& model_version,
                        const std::vector<storage::ForecastRecord>& rows) override {
    return target_->StoreForecasts(source, model_version, rows);
  }
  Result<uint64_t> SetPredictedValues(
      const std::string& source,
      const std::vector<storage::CustomerValue>& values) override {
    return target_->SetPredictedValues(source, values);
  }
  Result<storage::QueryResult> Query(const std::string& sql) override {
    return target_->Query(sql);
  }
  Result<Table> ReadOrderLines(const std::string& source) override {
    return target_->ReadOrderLines(source);
  }

 private:
  storage::Warehouse* const target_;  // not owned
  int fail_after_rows_ = -1;          // < 0: loads pass through untouched
};

}  // namespace storepulse::testing

#include "ml/warehouse_records.h"

#include <fmt/format.h>

#include <cmath>

#include "core/civil_time.h"
#include "core/money.h"

namespace storepulse::ml {
namespace {

Money PoundsToMoney(double pounds) {
  return Money::FromCents(static_cast<int64_t>(std::llround(pounds * 100)));
}

std::string JoinFeatures(const std::vector<std::string>& features) {
  std::string joined;
  for (const std::string& feature : features) {
    if (!joined.empty()) joined += ',';
    joined += feature;
  }
  return joined;
}

Result<storage::ModelRecord> RecordOf(const SavedModel& saved) {
  const ModelMetadata& metadata = saved.metadata;
  storage::ModelRecord record;
  record.model_version = metadata.model_version;
  record.kind = metadata.kind;
  record.source = metadata.training_data.source;
  std::string trained_at = metadata.trained_at;
  if (!trained_at.empty() && trained_at.back() == 'Z') trained_at.pop_back();
  if (!ParseDateTime(trained_at, &record.trained_at)) {
    return Status::Internal(fmt::format("model {}: trained_at '{}' is not a date-time",
                                        metadata.model_version, metadata.trained_at));
  }
  record.storepulse_version = metadata.storepulse_version;
  record.training_data_hash = metadata.training_data.hash;
  record.training_rows = static_cast<int64_t>(metadata.training_data.training_rows);
  record.test_rows = static_cast<int64_t>(metadata.training_data.test_rows);
  record.model_path = saved.metadata_path;
  record.features = JoinFeatures(metadata.features);
  record.parameters = metadata.parameters.dump();
  record.metrics = metadata.metrics.dump();
  return record;
}

}  // namespace

Result<StoredTraining> StoreTraining(storage::Warehouse& warehouse,
                                     const TrainReport& report) {
  StoredTraining stored;
  std::string forecast_version;
  for (const SavedModel& saved : report.models) {
    SP_ASSIGN_OR_RETURN(const storage::ModelRecord record, RecordOf(saved));
    SP_RETURN_IF_ERROR(warehouse.RegisterModel(record));
    ++stored.models;
    if (saved.metadata.kind == kDailyForecastKind)
      forecast_version = record.model_version;
  }
  if (!report.models.empty()) {
    const std::string& source = report.models.front().metadata.training_data.source;
    std::vector<storage::ForecastRecord> forecasts;
    for (const DailyForecast& forecast : report.forecasts) {
      forecasts.push_back({forecast.day, forecast.horizon,
                           PoundsToMoney(forecast.revenue), forecast.orders});
    }
    if (!forecast_version.empty()) {
      SP_RETURN_IF_ERROR(warehouse.StoreForecasts(source, forecast_version, forecasts));
      stored.forecast_days = forecasts.size();
    }
    std::vector<storage::CustomerValue> values;
    values.reserve(report.customer_predictions.size());
    for (const CustomerPrediction& prediction : report.customer_predictions) {
      values.push_back(
          {prediction.customer_id, PoundsToMoney(prediction.predicted_value_90d)});
    }
    auto updated = warehouse.SetPredictedValues(source, values);
    if (updated.ok()) {
      stored.predicted_customers = *updated;
    } else if (updated.status().code() == StatusCode::kNotFound) {
      stored.warning = updated.status().message();
    } else {
      return updated.status();
    }
  }
  return stored;
}

}  // namespace storepulse::ml

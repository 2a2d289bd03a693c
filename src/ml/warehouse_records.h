// What `storepulse train` leaves in the warehouse: a model_registry row per saved model,
// the daily forecast (forecasts table, under the forecast model's version) and every
// customer's predicted 90-day value (customer_metrics.predicted_value_90d).
#pragma once

#include <cstdint>
#include <string>

#include "core/status.h"
#include "ml/training_pipeline.h"
#include "storage/warehouse.h"

namespace storepulse::ml {

struct StoredTraining {
  size_t models = 0;
  size_t forecast_days = 0;
  uint64_t predicted_customers = 0;
  // Set when the predicted values could not be stored because no batch run stored the
  // source's customers: what to do about it.
  std::string warning;
};

// Each write is its own transaction (registry, forecasts, predicted values), in that
// order; the first failure is returned. A source without customer_metrics rows is not a
// failure: `warning` says to run `storepulse batch` on it.
Result<StoredTraining> StoreTraining(storage::Warehouse& warehouse,
                                     const TrainReport& report);

}  // namespace storepulse::ml

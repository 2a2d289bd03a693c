// storepulse predict: one line's revenue from the saved line revenue model, printed as
// the prototype's /predict response.
#include <fmt/format.h>

#include <memory>
#include <optional>

#include "cli/commands.h"
#include "cli/input_errors.h"
#include "ml/line_prediction_json.h"
#include "ml/line_predictor.h"

namespace storepulse::cli {
namespace {

struct PredictCommandOptions {
  std::string models_dir;
  ml::LineRequest request;
  std::optional<int> month;
  std::optional<std::string> country;
};

int Run(PredictCommandOptions options) {
  auto predictor = ml::LoadLinePredictor(options.models_dir);
  if (!predictor.ok()) return ReportInputError(predictor.status());
  options.request.month = options.month;
  options.request.country = options.country;
  auto prediction = (*predictor)->Predict(options.request);
  if (!prediction.ok()) return ReportInputError(prediction.status());
  fmt::print("{}\n",
             ml::LinePredictionJson(*prediction, (*predictor)->model_version()).dump(2));
  return kExitOk;
}

}  // namespace

void RegisterPredictCommand(CLI::App& app, int* exit_code) {
  auto options = std::make_shared<PredictCommandOptions>();
  CLI::App* command = app.add_subcommand(
      "predict",
      "Predict one order line's revenue with the saved line revenue model (the "
      "prototype's POST /predict, as JSON)");
  command->add_option("--models", options->models_dir, "Directory of `storepulse train`")
      ->required();
  // Ranges are checked by ValidateLineRequest, so the messages match the HTTP API's.
  command->add_option("--quantity", options->request.quantity, "Units on the line (> 0)")
      ->required();
  command
      ->add_option("--unit-price", options->request.unit_price,
                   "Price of one unit in pounds (> 0)")
      ->required();
  command->add_option("--hour", options->request.hour, "Hour of the day, 0-23")
      ->capture_default_str();
  command
      ->add_option("--day-of-week", options->request.day_of_week,
                   "Day of the week, 0-6, Monday = 0")
      ->capture_default_str();
  command->add_option("--month", options->month,
                      "Month, 1-12 (default: the training data's most frequent)");
  command->add_option(
      "--country", options->country,
      "Country (default: the training data's most frequent; one it never saw is "
      "encoded as \"other\")");
  command->callback([options, exit_code] { *exit_code = Run(*options); });
}

}  // namespace storepulse::cli

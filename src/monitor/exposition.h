// The Prometheus text exposition format (version 0.0.4), written by hand: the HELP and
// TYPE lines, escaping, label sets and sample values. Used by MetricsRegistry::Render.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace storepulse::monitor {

// The Content-Type a scrape answer carries.
inline constexpr char kExpositionContentType[] =
    "text/plain; version=0.0.4; charset=utf-8";

using Label = std::pair<std::string_view, std::string_view>;

// "# HELP name text" (backslash and line feed escaped) and "# TYPE name type".
void AppendHelpAndType(std::string_view name, std::string_view help,
                       std::string_view type, std::string* out);

// "name{a="x",b="y"} value\n"; no braces without labels. Label values escape backslash,
// double quote and line feed.
void AppendSample(std::string_view name, const std::vector<Label>& labels, double value,
                  std::string* out);

// A sample value: integers without a decimal point, "+Inf", "-Inf", "NaN", else the
// shortest text that reads back as the same double.
std::string FormatSampleValue(double value);

// "le" label value of a histogram bucket: the bound as FormatSampleValue writes it.
std::string FormatBound(double bound);

bool IsValidMetricName(std::string_view name);
bool IsValidLabelName(std::string_view name);

}  // namespace storepulse::monitor

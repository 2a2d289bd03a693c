// A small reader of the Prometheus text exposition format (0.0.4) for the tests: it
// checks the syntax a scraper relies on (HELP/TYPE before a family's samples, metric and
// label names, quoted and escaped label values, numeric values, histogram buckets
// cumulative and ending at +Inf = _count) and gives the samples back by series.
#pragma once

#include <cmath>
#include <cstdlib>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace storepulse::testing {

struct PromSample {
  std::string name;
  std::map<std::string, std::string> labels;
  double value = 0;
};

struct PromText {
  std::map<std::string, std::string> types;  // family → counter, gauge, histogram
  std::map<std::string, std::string> helps;
  std::vector<PromSample> samples;

  // The value of `name` with exactly `labels`, if present.
  std::optional<double> Value(
      const std::string& name,
      const std::map<std::string, std::string>& labels = {}) const {
    for (const PromSample& sample : samples) {
      if (sample.name == name && sample.labels == labels) return sample.value;
    }
    return std::nullopt;
  }
};

namespace prom_detail {

inline bool IsNameChar(char c, bool first, bool colon) {
  const bool letter =
      (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || (colon && c == ':');
  return letter || (!first && c >= '0' && c <= '9');
}

inline size_t ReadName(std::string_view text, size_t at, bool colon) {
  size_t end = at;
  while (end < text.size() && IsNameChar(text[end], end == at, colon)) ++end;
  return end;
}

inline bool ParseValue(std::string_view text, double* value) {
  if (text == "+Inf") return *value = INFINITY, true;
  if (text == "-Inf") return *value = -INFINITY, true;
  if (text == "NaN") return *value = NAN, true;
  const std::string copy(text);
  char* end = nullptr;
  *value = std::strtod(copy.c_str(), &end);
  return !copy.empty() && end == copy.c_str() + copy.size();
}

// The family a sample belongs to: histograms' _bucket, _sum, _count samples.
inline std::string FamilyOf(const std::string& name, const PromText& text) {
  for (const char* suffix : {"_bucket", "_sum", "_count"}) {
    const std::string_view s(suffix);
    if (name.size() > s.size() && name.ends_with(s)) {
      const std::string base = name.substr(0, name.size() - s.size());
      auto type = text.types.find(base);
      if (type != text.types.end() && type->second == "histogram") return base;
    }
  }
  return name;
}

}  // namespace prom_detail

// Parses `body`; on a syntax error returns nullopt and sets *error to the line and why.
inline std::optional<PromText> ParsePrometheusText(std::string_view body,
                                                   std::string* error) {
  using namespace prom_detail;
  PromText text;
  size_t line_no = 0;
  const auto fail = [&](const std::string& why) {
    *error = "line " + std::to_string(line_no) + ": " + why;
    return std::nullopt;
  };
  if (!body.empty() && body.back() != '\n') {
    *error = "the text does not end with a line feed";
    return std::nullopt;
  }
  while (!body.empty()) {
    ++line_no;
    const size_t eol = body.find('\n');
    const std::string_view line = body.substr(0, eol);
    body.remove_prefix(eol + 1);
    if (line.empty()) continue;
    if (line.starts_with("# HELP ") || line.starts_with("# TYPE ")) {
      const std::string_view rest = line.substr(7);
      const size_t name_end = ReadName(rest, 0, true);
      if (name_end == 0 || name_end >= rest.size() || rest[name_end] != ' ') {
        return fail("bad metric name in a comment");
      }
      const std::string name(rest.substr(0, name_end));
      const std::string value(rest.substr(name_end + 1));
      if (line[2] == 'T') {
        if (value != "counter" && value != "gauge" && value != "histogram" &&
            value != "summary" && value != "untyped") {
          return fail("unknown type '" + value + "'");
        }
        if (text.types.count(name)) return fail("second TYPE line for " + name);
        for (const PromSample& sample : text.samples) {
          if (FamilyOf(sample.name, text) == name)
            return fail("TYPE after samples of " + name);
        }
        text.types[name] = value;
      } else {
        text.helps[name] = value;
      }
      continue;
    }
    if (line.starts_with('#')) continue;
    PromSample sample;
    size_t at = ReadName(line, 0, true);
    if (at == 0) return fail("a sample must start with a metric name");
    sample.name = std::string(line.substr(0, at));
    if (at < line.size() && line[at] == '{') {
      ++at;
      while (at < line.size() && line[at] != '}') {
        const size_t label_end = ReadName(line, at, false);
        if (label_end == at || label_end + 1 >= line.size() || line[label_end] != '=' ||
            line[label_end + 1] != '"') {
          return fail("bad label in " + std::string(line));
        }
        const std::string label(line.substr(at, label_end - at));
        std::string value;
        at = label_end + 2;
        while (at < line.size() && line[at] != '"') {
          if (line[at] == '\\') {
            if (at + 1 >= line.size()) return fail("dangling backslash");
            const char escaped = line[at + 1];
            if (escaped == 'n') {
              value.push_back('\n');
            } else if (escaped == '\\' || escaped == '"') {
              value.push_back(escaped);
            } else {
              return fail("bad escape in a label value");
            }
            at += 2;
          } else {
            value.push_back(line[at++]);
          }
        }
        if (at >= line.size()) return fail("unterminated label value");
        ++at;  // closing quote
        if (sample.labels.count(label)) return fail("label " + label + " twice");
        sample.labels[label] = value;
        if (at < line.size() && line[at] == ',') ++at;
      }
      if (at >= line.size()) return fail("unterminated label set");
      ++at;  // '}'
    }
    if (at >= line.size() || line[at] != ' ') return fail("no space before the value");
    std::string_view value_text = line.substr(at + 1);
    const size_t space = value_text.find(' ');  // an optional timestamp follows
    if (space != std::string_view::npos) value_text = value_text.substr(0, space);
    if (!ParseValue(value_text, &sample.value)) {
      return fail("bad value '" + std::string(value_text) + "'");
    }
    const std::string family = FamilyOf(sample.name, text);
    if (!text.types.count(family)) return fail("sample before the TYPE of " + family);
    text.samples.push_back(std::move(sample));
  }
  // Histograms: per series, buckets cumulative, +Inf present and equal to _count.
  for (const auto& [family, type] : text.types) {
    if (type != "histogram") continue;
    std::map<std::map<std::string, std::string>, std::vector<std::pair<double, double>>>
        buckets;
    for (const PromSample& sample : text.samples) {
      if (sample.name != family + "_bucket") continue;
      auto labels = sample.labels;
      if (!labels.count("le")) {
        *error = family + "_bucket without le";
        return std::nullopt;
      }
      double bound = 0;
      if (!ParseValue(labels["le"], &bound)) {
        *error = family + ": bad le '" + labels["le"] + "'";
        return std::nullopt;
      }
      labels.erase("le");
      buckets[labels].emplace_back(bound, sample.value);
    }
    for (const auto& [labels, series] : buckets) {
      for (size_t i = 1; i < series.size(); ++i) {
        if (series[i].first <= series[i - 1].first ||
            series[i].second < series[i - 1].second) {
          *error = family + ": buckets not increasing";
          return std::nullopt;
        }
      }
      const std::optional<double> count = text.Value(family + "_count", labels);
      if (series.empty() || !std::isinf(series.back().first) || !count.has_value() ||
          *count != series.back().second) {
        *error = family + ": +Inf bucket missing or not equal to _count";
        return std::nullopt;
      }
    }
  }
  return text;
}

}  // namespace storepulse::testing

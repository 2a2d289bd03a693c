// Aligned plain-text tables for people: a header, a rule, rows; numbers right-aligned.
#pragma once

#include <string>
#include <vector>

namespace storepulse {

class TextTable {
 public:
  enum class Align { kLeft, kRight };
  struct Column {
    std::string title;
    Align align = Align::kLeft;
  };

  explicit TextTable(std::vector<Column> columns) : columns_(std::move(columns)) {}
  // REQUIRES: cells.size() == number of columns.
  void AddRow(std::vector<std::string> cells) { rows_.push_back(std::move(cells)); }
  // Each line starts with `indent`; ends with a newline. Without `header`, no titles
  // and no rule (key/value lists).
  std::string Render(const std::string& indent = "  ", bool header = true) const;

 private:
  std::vector<Column> columns_;
  std::vector<std::vector<std::string>> rows_;
};

}  // namespace storepulse

#include "core/text_table.h"

#include <algorithm>

namespace storepulse {

namespace {

// Display width: UTF-8 continuation bytes take no column.
size_t Width(const std::string& text) {
  size_t width = 0;
  for (unsigned char c : text) width += (c & 0xC0) != 0x80;
  return width;
}

}  // namespace

std::string TextTable::Render(const std::string& indent, bool header) const {
  std::vector<size_t> widths(columns_.size());
  for (size_t c = 0; c < columns_.size(); ++c)
    widths[c] = header ? Width(columns_[c].title) : 0;
  for (const auto& row : rows_) {
    for (size_t c = 0; c < columns_.size(); ++c)
      widths[c] = std::max(widths[c], Width(row[c]));
  }
  auto line = [&](const std::vector<std::string>& cells) {
    std::string text = indent;
    for (size_t c = 0; c < columns_.size(); ++c) {
      const size_t pad = widths[c] - Width(cells[c]);
      if (c > 0) text += "  ";
      if (columns_[c].align == Align::kRight) text.append(pad, ' ');
      text += cells[c];
      if (columns_[c].align == Align::kLeft && c + 1 < columns_.size())
        text.append(pad, ' ');
    }
    text += '\n';
    return text;
  };
  std::string text;
  if (header) {
    std::vector<std::string> titles;
    for (const Column& column : columns_) titles.push_back(column.title);
    text += line(titles);
    std::vector<std::string> rules;
    for (size_t width : widths) rules.emplace_back(width, '-');
    text += line(rules);
  }
  for (const auto& row : rows_) text += line(row);
  return text;
}

}  // namespace storepulse

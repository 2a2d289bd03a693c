// A small, strict RFC 4180 reader for tests: CRLF record ends only, quoted fields with
// "" escapes, nothing after a closing quote, no quote inside an unquoted field. Strict
// on purpose: it checks the generator's output, so it must not forgive what a lenient
// reader would.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace storepulse::synth::testing {

class CsvReader {
 public:
  explicit CsvReader(std::string_view text) : text_(text) {}

  // Reads the next record into *fields (unescaped). False at the end of the text, or on
  // a malformed record, in which case error() says what and where.
  bool Next(std::vector<std::string>* fields) {
    fields->clear();
    if (pos_ >= text_.size() || !error_.empty()) return false;
    ++line_;
    std::string field;
    while (true) {
      field.clear();
      if (pos_ < text_.size() && text_[pos_] == '"') {
        ++pos_;
        while (true) {
          if (pos_ >= text_.size()) return Fail("unterminated quoted field");
          const char c = text_[pos_++];
          if (c != '"') {
            field.push_back(c);
          } else if (pos_ < text_.size() && text_[pos_] == '"') {
            field.push_back('"');
            ++pos_;
          } else {
            break;
          }
        }
      } else {
        while (pos_ < text_.size() && text_[pos_] != ',' && text_[pos_] != '\r' &&
               text_[pos_] != '\n') {
          if (text_[pos_] == '"') return Fail("quote inside an unquoted field");
          field.push_back(text_[pos_++]);
        }
      }
      fields->push_back(field);
      if (pos_ >= text_.size()) return Fail("record without CRLF at the end of the text");
      const char c = text_[pos_];
      if (c == ',') {
        ++pos_;
        continue;
      }
      if (c == '\r' && pos_ + 1 < text_.size() && text_[pos_ + 1] == '\n') {
        pos_ += 2;
        return true;
      }
      return Fail(c == '\n' ? "bare LF" : "unexpected byte after a field");
    }
  }

  const std::string& error() const { return error_; }
  size_t line() const { return line_; }

 private:
  bool Fail(std::string_view what) {
    error_ = "line " + std::to_string(line_) + ": " + std::string(what);
    return false;
  }

  std::string_view text_;
  size_t pos_ = 0;
  size_t line_ = 0;
  std::string error_;
};

}  // namespace storepulse::synth::testing

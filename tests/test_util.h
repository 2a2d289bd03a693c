// Helpers shared by the unit tests: CSV text in the export's shape, a table row as one
// comparable string, and a temporary directory removed at the end of the test.
#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <initializer_list>
#include <iterator>
#include <sstream>
#include <string>
#include <string_view>

#include "core/civil_time.h"
#include "core/status.h"
#include "core/table.h"

namespace storepulse::testing {

// The Online Retail export's header, without a line ending.
inline constexpr std::string_view kOrderHeader =
    "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country";

// The export's header and `lines`, each ended by `line_ending`.
inline std::string OrderCsv(std::initializer_list<std::string_view> lines,
                            std::string_view line_ending = "\n") {
  std::string csv(kOrderHeader);
  csv.append(line_ending);
  for (std::string_view line : lines) {
    csv.append(line);
    csv.append(line_ending);
  }
  return csv;
}

// A row as "invoice|stock|description|quantity|ISO time|price units|customer|country",
// so that two tables compare row by row with readable failures.
inline std::string RowText(const OrderLine& line) {
  std::ostringstream text;
  text << line.invoice << '|' << line.stock_code << '|' << line.description << '|'
       << line.quantity << '|' << FormatIsoDateTime(line.timestamp) << '|'
       << line.unit_price.units() << '|' << line.customer << '|' << line.country;
  return text.str();
}

inline std::string RowText(const Table& table, size_t row) {
  return RowText(table.Row(row));
}

inline std::string ReadWholeFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in),
                     std::istreambuf_iterator<char>());
}

// A fresh directory under the system's temporary directory, removed with its content
// when the object goes out of scope.
class TempDir {
 public:
  TempDir() {
    static std::atomic<int> counter{0};
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    const std::string test_name = info != nullptr ? info->name() : "none";
    path_ = std::filesystem::temp_directory_path() /
            ("storepulse-test-" + std::to_string(::getpid()) + "-" + test_name + "-" +
             std::to_string(counter.fetch_add(1)));
    std::filesystem::remove_all(path_);
    std::filesystem::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::filesystem::path& path() const { return path_; }
  // Writes `content` to `name` in the directory and returns the file's path.
  std::string Write(const std::string& name, std::string_view content) const {
    const std::filesystem::path file = path_ / name;
    std::ofstream(file, std::ios::binary)
        .write(content.data(), static_cast<std::streamsize>(content.size()));
    return file.string();
  }

 private:
  std::filesystem::path path_;
};

}  // namespace storepulse::testing

// Asserts that a Status is OK, printing it when not (for a Result:
// ASSERT_OK(r.status())).
#define ASSERT_OK(expr)                                                \
  do {                                                                 \
    const ::storepulse::Status& sp_assert_status = (expr);             \
    ASSERT_TRUE(sp_assert_status.ok()) << sp_assert_status.ToString(); \
  } while (false)
#define EXPECT_OK(expr)                                                \
  do {                                                                 \
    const ::storepulse::Status& sp_expect_status = (expr);             \
    EXPECT_TRUE(sp_expect_status.ok()) << sp_expect_status.ToString(); \
  } while (false)

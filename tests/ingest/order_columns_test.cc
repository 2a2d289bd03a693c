#include "ingest/order_columns.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace storepulse::ingest {
namespace {

using Header = std::vector<std::string>;
using FieldOf = std::array<uint32_t, kOrderColumnCount>;

// field_of in OrderColumn order: InvoiceNo, StockCode, Description, Quantity,
// InvoiceDate, UnitPrice, CustomerID, Country.
FieldOf Mapped(const Header& header) {
  const Result<ColumnMap> map = MapColumns(header);
  EXPECT_TRUE(map.ok()) << map.status().ToString();
  if (!map.ok()) return {};
  EXPECT_EQ(map->field_count, header.size());
  EXPECT_EQ(map->header, header);
  return map->field_of;
}

TEST(MapColumnsTest, ExportHeader) {
  EXPECT_EQ(Mapped({"InvoiceNo", "StockCode", "Description", "Quantity", "InvoiceDate",
                    "UnitPrice", "CustomerID", "Country"}),
            (FieldOf{0, 1, 2, 3, 4, 5, 6, 7}));
}

TEST(MapColumnsTest, AnyOrder) {
  EXPECT_EQ(Mapped({"Country", "CustomerID", "UnitPrice", "InvoiceDate", "Quantity",
                    "Description", "StockCode", "InvoiceNo"}),
            (FieldOf{7, 6, 5, 4, 3, 2, 1, 0}));
  EXPECT_EQ(Mapped({"Quantity", "InvoiceNo", "Country", "StockCode", "UnitPrice",
                    "Description", "InvoiceDate", "CustomerID"}),
            (FieldOf{1, 3, 5, 0, 6, 4, 7, 2}));
}

TEST(MapColumnsTest, CaseSpacesUnderscoresAndDashesAreIgnored) {
  EXPECT_EQ(Mapped({"INVOICENO", "stock code", "description", "QUANTITY", "Invoice_Date",
                    "unit-price", "Customer.ID", " country "}),
            (FieldOf{0, 1, 2, 3, 4, 5, 6, 7}));
}

TEST(MapColumnsTest, OnlineRetailTwoNames) {
  EXPECT_EQ(Mapped({"Invoice", "StockCode", "Description", "Quantity", "InvoiceDate",
                    "Price", "Customer ID", "Country"}),
            (FieldOf{0, 1, 2, 3, 4, 5, 6, 7}));
}

TEST(MapColumnsTest, SnakeCaseNames) {
  EXPECT_EQ(Mapped({"invoice_no", "stock_code", "description", "quantity", "invoice_date",
                    "unit_price", "customer_id", "country"}),
            (FieldOf{0, 1, 2, 3, 4, 5, 6, 7}));
}

TEST(MapColumnsTest, ByteOrderMarkOnTheFirstName) {
  EXPECT_EQ(Mapped({"\xEF\xBB\xBFInvoiceNo", "StockCode", "Description", "Quantity",
                    "InvoiceDate", "UnitPrice", "CustomerID", "Country"}),
            (FieldOf{0, 1, 2, 3, 4, 5, 6, 7}));
}

TEST(MapColumnsTest, ExtraColumnsAreIgnored) {
  EXPECT_EQ(Mapped({"Row", "InvoiceNo", "StockCode", "Description", "Quantity",
                    "InvoiceDate", "UnitPrice", "CustomerID", "Country", "Revenue", ""}),
            (FieldOf{1, 2, 3, 4, 5, 6, 7, 8}));
}

TEST(MapColumnsTest, MissingColumnIsNamed) {
  const Result<ColumnMap> map =
      MapColumns({"InvoiceNo", "StockCode", "Description", "Quantity", "InvoiceDate",
                  "UnitPrice", "CustomerID"});
  ASSERT_FALSE(map.ok());
  EXPECT_EQ(map.status().code(), StatusCode::kCorruption);
  EXPECT_EQ(
      map.status().message(),
      "missing column Country (a header naming it as one of: country); the header has: "
      "InvoiceNo, StockCode, Description, Quantity, InvoiceDate, UnitPrice, CustomerID");
}

TEST(MapColumnsTest, FirstMissingColumnInColumnOrderIsNamed) {
  const Result<ColumnMap> map =
      MapColumns({"Country", "Description", "Qty", "Total", "Date", "CustomerID"});
  ASSERT_FALSE(map.ok());
  EXPECT_NE(map.status().message().find("missing column InvoiceNo"), std::string::npos)
      << map.status().message();
  EXPECT_NE(map.status().message().find("invoiceno, invoice,"), std::string::npos)
      << map.status().message();
}

TEST(MapColumnsTest, EmptyHeaderNamesTheFirstColumn) {
  const Result<ColumnMap> map = MapColumns({});
  ASSERT_FALSE(map.ok());
  EXPECT_EQ(map.status().code(), StatusCode::kCorruption);
  EXPECT_NE(map.status().message().find("missing column InvoiceNo"), std::string::npos);
}

TEST(MapColumnsTest, DuplicateColumnNamesBothFields) {
  const Result<ColumnMap> map =
      MapColumns({"InvoiceNo", "StockCode", "Description", "Quantity", "InvoiceDate",
                  "UnitPrice", "CustomerID", "Country", "Price"});
  ASSERT_FALSE(map.ok());
  EXPECT_EQ(map.status().code(), StatusCode::kCorruption);
  EXPECT_EQ(map.status().message(),
            "column UnitPrice appears twice in the header (fields 6 'UnitPrice' and 9 "
            "'Price')");
}

TEST(MapColumnsTest, SameNameTwiceIsADuplicate) {
  const Result<ColumnMap> map =
      MapColumns({"Country", "InvoiceNo", "StockCode", "Description", "Quantity",
                  "InvoiceDate", "UnitPrice", "CustomerID", "COUNTRY"});
  ASSERT_FALSE(map.ok());
  EXPECT_NE(map.status().message().find("column Country appears twice"),
            std::string::npos)
      << map.status().message();
}

TEST(OrderColumnNameTest, ExportSpelling) {
  EXPECT_EQ(OrderColumnName(OrderColumn::kInvoice), "InvoiceNo");
  EXPECT_EQ(OrderColumnName(OrderColumn::kUnitPrice), "UnitPrice");
  EXPECT_EQ(OrderColumnName(OrderColumn::kCustomer), "CustomerID");
  EXPECT_EQ(OrderColumnName(OrderColumn::kCountry), "Country");
}

}  // namespace
}  // namespace storepulse::ingest

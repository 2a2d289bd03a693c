#include "core/text_table.h"

#include <gtest/gtest.h>

#include <string>

namespace storepulse {
namespace {

using Align = TextTable::Align;

TEST(TextTableTest, HeaderRuleAndAlignedColumns) {
  TextTable table(
      {{"country", Align::kLeft}, {"orders", Align::kRight}, {"note", Align::kLeft}});
  table.AddRow({"United Kingdom", "16,649", "home"});
  table.AddRow({"EIRE", "260", ""});
  EXPECT_EQ(table.Render(),
            "  country         orders  note\n"
            "  --------------  ------  ----\n"
            "  United Kingdom  16,649  home\n"
            "  EIRE               260  \n");
}

TEST(TextTableTest, WithoutHeaderForKeyValueLists) {
  TextTable table({{"key", Align::kLeft}, {"value", Align::kRight}});
  table.AddRow({"rows read", "541,909"});
  table.AddRow({"clean", "397,884"});
  EXPECT_EQ(table.Render("", false),
            "rows read  541,909\n"
            "clean      397,884\n");
}

TEST(TextTableTest, MultiByteCharactersTakeOneColumn) {
  TextTable table({{"item", Align::kLeft}, {"price", Align::kRight}});
  table.AddRow({"Gift Voucher £40", "£40.00"});
  table.AddRow({"Café", "£1.00"});
  EXPECT_EQ(table.Render(">"),
            ">item               price\n"
            ">----------------  ------\n"
            ">Gift Voucher £40  £40.00\n"
            ">Café               £1.00\n");
}

TEST(TextTableTest, NoRows) {
  TextTable table({{"a", Align::kLeft}, {"bb", Align::kRight}});
  EXPECT_EQ(table.Render(""), "a  bb\n-  --\n");
  EXPECT_EQ(table.Render("", false), "");
}

}  // namespace
}  // namespace storepulse

// Product names in the style of the real export ("WHITE HANGING HEART T-LIGHT HOLDER",
// "JUMBO BAG RED RETROSPOT", "SET OF 3 CAKE TINS PANTRY DESIGN"), built from word lists.
#pragma once

#include <string>
#include <string_view>

#include "synth/random.h"

namespace storepulse::synth {

// A product family: one object in one style. Variants of a family (stock codes 85123A,
// 85123B, ...) differ only in colour.
struct ProductFamily {
  std::string_view object;    // "T-LIGHT HOLDER"
  std::string_view style;     // "HANGING HEART", "RETROSPOT"
  std::string_view material;  // "GLASS", "ENAMEL"; may be empty
  int template_id = 0;        // which word order the family's names use
  int pack = 0;               // the n of "SET OF n" / "PACK OF n" templates
};

// Draws a family. Names are upper case ASCII; a few (about 1.5%) contain a comma or a
// double quote, like "TRAY, BREAKFAST IN BED" and "PHOTO FRAME 7\" SINGLE".
ProductFamily DrawFamily(Rng& rng);

// The unquoted name of `family` in `colour`, e.g. "RED RETROSPOT JUMBO BAG".
std::string NameProduct(const ProductFamily& family, std::string_view colour);

// A colour word for a variant ("RED", "PINK", "IVORY", ...).
std::string_view DrawColour(Rng& rng);

// `text` as one CSV field (RFC 4180): unchanged unless it holds a comma, a quote or a
// line break, else wrapped in double quotes with each quote doubled.
std::string CsvField(std::string_view text);

}  // namespace storepulse::synth

#include "synth/descriptions.h"

#include <array>

namespace storepulse::synth {
namespace {

template <size_t N>
std::string_view Pick(Rng& rng, const std::array<std::string_view, N>& words) {
  return words[rng.Below(N)];
}

constexpr std::array<std::string_view, 24> kColours = {
    "RED",  "PINK",   "BLUE",   "GREEN",   "WHITE", "IVORY",    "CREAM", "BLACK",
    "GOLD", "SILVER", "PURPLE", "ORANGE",  "GREY",  "YELLOW",   "LILAC", "PASTEL BLUE",
    "MINT", "ROSE",   "BROWN",  "NATURAL", "AQUA",  "SKY BLUE", "PEACH", "CHOCOLATE"};

constexpr std::array<std::string_view, 48> kStyles = {
    "RETROSPOT",     "POLKADOT",  "PAISLEY",        "SPOTTY",       "VINTAGE",
    "REGENCY",       "SKULL",     "STRAWBERRY",     "UNION JACK",   "BABUSHKA",
    "HANGING HEART", "STAR",      "BIRD",           "DOILY",        "PANTRY",
    "JAM MAKING",    "ROSE",      "DAISY",          "FLORAL",       "GINGHAM",
    "LOVE",          "CHRISTMAS", "SPACEBOY",       "DOLLY GIRL",   "WOODLAND",
    "CIRCUS PARADE", "PARIS",     "FRENCH",         "BAROQUE",      "ALPHABET",
    "KEEP CALM",     "APPLES",    "CHERRY BLOSSOM", "SWALLOWS",     "BUTTERFLY",
    "OWL",           "RABBIT",    "TEA PARTY",      "ENGLISH ROSE", "LANDMARK",
    "GARDEN",        "SNOWFLAKE", "REINDEER",       "FAIRY",        "PIRATE",
    "TRADITIONAL",   "ANTIQUE",   "FLOWER"};

constexpr std::array<std::string_view, 24> kMaterials = {
    "GLASS",  "METAL",   "ZINC",    "WOODEN",    "ENAMEL", "CERAMIC",
    "FELT",   "KNITTED", "FROSTED", "PORCELAIN", "WICKER", "TIN",
    "COTTON", "PAPER",   "VELVET",  "CRYSTAL",   "LACE",   "BONE CHINA",
    "SET 2",  "LARGE",   "SMALL",   "MINI",      "JUMBO",  "HAND PAINTED"};

constexpr std::array<std::string_view, 72> kObjects = {"T-LIGHT HOLDER",
                                                       "LANTERN",
                                                       "COAT HANGER",
                                                       "HOT WATER BOTTLE",
                                                       "NESTING BOXES",
                                                       "LUNCH BAG",
                                                       "JUMBO BAG",
                                                       "SHOPPER",
                                                       "CAKE CASES",
                                                       "CAKESTAND",
                                                       "MUG",
                                                       "TEACUP AND SAUCER",
                                                       "NAPKINS",
                                                       "PARTY BUNTING",
                                                       "DOORMAT",
                                                       "CUSHION COVER",
                                                       "PURSE",
                                                       "NOTEBOOK",
                                                       "CHALKBOARD",
                                                       "PHOTO FRAME",
                                                       "WALL CLOCK",
                                                       "ALARM CLOCK",
                                                       "WATER BOTTLE",
                                                       "CANDLE",
                                                       "TISSUES",
                                                       "WRAP",
                                                       "GIFT BAG",
                                                       "STORAGE JAR",
                                                       "CAKE TINS",
                                                       "BOWL",
                                                       "PLATE",
                                                       "TRAY",
                                                       "METAL SIGN",
                                                       "KEY RING",
                                                       "HAND WARMER",
                                                       "BAKING SET",
                                                       "APRON",
                                                       "PEG BAG",
                                                       "SOFT TOY",
                                                       "DOLL",
                                                       "PENCILS",
                                                       "STICKERS",
                                                       "CHOPSTICKS",
                                                       "PICNIC BASKET",
                                                       "ORNAMENT",
                                                       "DRAWER KNOB",
                                                       "PLANT POT",
                                                       "WASHBAG",
                                                       "UMBRELLA",
                                                       "TEA TOWEL",
                                                       "EGG CUP",
                                                       "JELLY MOULDS",
                                                       "PARASOL",
                                                       "SPOON",
                                                       "LIGHT GARLAND",
                                                       "CARD HOLDER",
                                                       "RIBBONS",
                                                       "WREATH",
                                                       "HEART DECORATION",
                                                       "BIRD HOUSE",
                                                       "BEAKER",
                                                       "HAIR CLIP",
                                                       "JEWELLERY BOX",
                                                       "MIRROR",
                                                       "SNACK BOXES",
                                                       "MEMO BOARD",
                                                       "FLASK",
                                                       "CLOTHES PEGS",
                                                       "POPCORN HOLDER",
                                                       "RECIPE BOX",
                                                       "BOTTLE OPENER",
                                                       "PAPER CHAIN KIT"};

constexpr std::array<std::string_view, 8> kPacks = {"2",  "3",  "4",  "6",
                                                    "10", "12", "20", "72"};

// Word orders, most common first. The last two put a comma or a quote in the name, as
// about 1% of the real export's lines have.
enum Template : int {
  kMaterialStyleObject,  // GLASS STAR FROSTED T-LIGHT HOLDER
  kColourStyleObject,    // RED RETROSPOT LUNCH BAG
  kObjectColourStyle,    // JUMBO BAG RED RETROSPOT
  kSetOf,                // SET OF 3 PANTRY CAKE TINS
  kPackOf,               // PACK OF 72 RETROSPOT CAKE CASES
  kStyleObject,          // WOODLAND CHARLOTTE BAG
  kObjectCommaStyle,     // TRAY, BREAKFAST IN BED
  kQuoteInches,          // PHOTO FRAME 7" VINTAGE
  kTemplateCount,
};
constexpr std::array<uint64_t, kTemplateCount> kTemplateThresholds = {
    ProbabilityThreshold(0.22),  ProbabilityThreshold(0.46),
    ProbabilityThreshold(0.68),  ProbabilityThreshold(0.78),
    ProbabilityThreshold(0.86),  ProbabilityThreshold(0.985),
    ProbabilityThreshold(0.996), UINT64_MAX};

void Append(std::string* out, std::string_view word) {
  if (word.empty()) return;
  if (!out->empty()) out->push_back(' ');
  out->append(word);
}

}  // namespace

ProductFamily DrawFamily(Rng& rng) {
  ProductFamily family;
  family.object = Pick(rng, kObjects);
  family.style = Pick(rng, kStyles);
  family.material = Pick(rng, kMaterials);
  const uint64_t draw = rng.Next();
  while (draw >= kTemplateThresholds[family.template_id]) ++family.template_id;
  family.pack = static_cast<int>(rng.Below(kPacks.size()));
  return family;
}

std::string NameProduct(const ProductFamily& family, std::string_view colour) {
  std::string name;
  switch (family.template_id) {
    case kMaterialStyleObject:
      Append(&name, family.material);
      Append(&name, colour);
      Append(&name, family.style);
      Append(&name, family.object);
      break;
    case kColourStyleObject:
      Append(&name, colour);
      Append(&name, family.style);
      Append(&name, family.object);
      break;
    case kObjectColourStyle:
      Append(&name, family.object);
      Append(&name, colour);
      Append(&name, family.style);
      break;
    case kSetOf:
    case kPackOf:
      name = family.template_id == kSetOf ? "SET OF " : "PACK OF ";
      name.append(kPacks[family.pack]);
      Append(&name, colour);
      Append(&name, family.style);
      Append(&name, family.object);
      break;
    case kStyleObject:
      Append(&name, family.style);
      Append(&name, family.object);
      Append(&name, colour);
      break;
    case kObjectCommaStyle:
      Append(&name, family.object);
      name.push_back(',');
      Append(&name, colour);
      Append(&name, family.style);
      break;
    default:  // kQuoteInches
      Append(&name, family.object);
      Append(&name, kPacks[family.pack]);
      name.push_back('"');
      Append(&name, colour);
      Append(&name, family.style);
      break;
  }
  return name;
}

std::string_view DrawColour(Rng& rng) { return Pick(rng, kColours); }

std::string CsvField(std::string_view text) {
  if (text.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(text);
  std::string quoted = "\"";
  for (const char c : text) {
    if (c == '"') quoted.push_back('"');
    quoted.push_back(c);
  }
  quoted.push_back('"');
  return quoted;
}

}  // namespace storepulse::synth

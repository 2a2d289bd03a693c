#include "synth/day_writer.h"

#include <algorithm>
#include <cassert>
#include <charconv>
#include <cstring>
#include <string_view>

#include "core/civil_time.h"
#include "synth/countries.h"

namespace storepulse::synth {
namespace {

constexpr uint64_t kPlanPurpose = 0x706C616E2D646179;     // "plan-day"
constexpr uint64_t kContentPurpose = 0x726F77732D646179;  // "rows-day"

// Cancellations undo one of the last few sales of the day: customers cancel soon.
constexpr size_t kRecentSales = 24;

// Per-line and per-invoice odds, measured on the real export.
constexpr uint64_t kManualLine = ProbabilityThreshold(0.0011);
constexpr uint64_t kSaleFreeLine = ProbabilityThreshold(0.0001);
constexpr uint64_t kGuestFreeLine = ProbabilityThreshold(0.003);
constexpr uint64_t kGiftVoucherLine = ProbabilityThreshold(0.0005);
constexpr uint64_t kPostageOnExport = ProbabilityThreshold(0.6);
constexpr uint64_t kDotcomPostage = ProbabilityThreshold(0.5);
constexpr uint64_t kNegativeAdjustment = ProbabilityThreshold(0.64);
constexpr uint64_t kPartialCancellation = ProbabilityThreshold(0.15);
constexpr uint64_t kAdjustmentNote = ProbabilityThreshold(0.3);

// What a cancellation needs to know about the lines it undoes.
struct SoldLine {
  uint32_t item;
  int32_t quantity;
  int32_t price_cents;
};

struct InvoiceFacts {
  uint32_t first_line = 0;  // index into the day's SoldLine records
  uint32_t customer = 0;
};

char* Copy(char* out, std::string_view text) {
  std::memcpy(out, text.data(), text.size());
  return out + text.size();
}

char* WriteInt(char* out, int64_t value) {
  return std::to_chars(out, out + 20, value).ptr;
}

// Prices as the export writes them: "2.55", "2.1", "25", "0".
char* WritePrice(char* out, int32_t cents) {
  assert(cents >= 0);
  out = WriteInt(out, cents / 100);
  const int32_t fraction = cents % 100;
  if (fraction != 0) {
    *out++ = '.';
    *out++ = static_cast<char>('0' + fraction / 10);
    if (fraction % 10 != 0) *out++ = static_cast<char>('0' + fraction % 10);
  }
  return out;
}

// The parts of a row that all lines of an invoice share, pre-formatted once.
struct InvoiceText {
  char number[24];  // "536365," or "C536365,"
  size_t number_size = 0;
  char when[32];  // ",12/1/2010 8:26,"
  size_t when_size = 0;
  char who[48];  // ",17850,United Kingdom\r\n" or ",,United Kingdom\r\n"
  size_t who_size = 0;
};

class DayWriter {
 public:
  DayWriter(const ShopModel& model, const TradingDay& day, std::string* out)
      : model_(model),
        catalogue_(model.catalogue()),
        day_(day),
        rng_(StreamSeed(model.seed(), kContentPurpose, day.ordinal)),
        out_(out) {}

  void Write(uint64_t first_invoice_number) {
    PlanInvoices(model_, day_, &invoices_);
    const int weekday = WeekdayOfDay(day_.day);
    std::vector<uint32_t> minutes(invoices_.size());
    for (uint32_t& minute : minutes) minute = model_.hours().SampleMinute(rng_, weekday);
    std::sort(minutes.begin(), minutes.end());

    const CivilDate date = CivilFromDays(day_.day);
    char* date_end = WriteInt(date_text_, date.month);
    *date_end++ = '/';
    date_end = WriteInt(date_end, date.day);
    *date_end++ = '/';
    date_end = WriteInt(date_end, date.year);
    *date_end++ = ' ';
    date_ = std::string_view(date_text_, static_cast<size_t>(date_end - date_text_));

    const size_t old_size = out_->size();
    out_->resize(old_size + day_.rows * model_.max_row_bytes());
    cursor_ = out_->data() + old_size;
    sold_.reserve(day_.rows);
    facts_.resize(invoices_.size());
    for (size_t i = 0; i < invoices_.size(); ++i) {
      WriteInvoice(i, first_invoice_number + i, minutes[i]);
    }
    assert(sold_.size() == day_.rows);
    out_->resize(static_cast<size_t>(cursor_ - out_->data()));
  }

 private:
  void WriteInvoice(size_t index, uint64_t number, uint32_t minute) {
    const InvoiceShape& shape = invoices_[index];
    InvoiceFacts& facts = facts_[index];
    facts.first_line = static_cast<uint32_t>(sold_.size());
    bool registered = true;
    CountryIndex country = kUnitedKingdom;
    switch (shape.kind) {
      case InvoiceKind::kSale:
        facts.customer = model_.customers().Sample(rng_, day_.day);
        break;
      case InvoiceKind::kGuestSale:
        registered = false;
        country = model_.SampleGuestCountry(rng_);
        break;
      case InvoiceKind::kStockAdjustment:
        registered = false;
        break;
      case InvoiceKind::kCancellation:
        facts.customer = shape.cancels >= 0 ? facts_[shape.cancels].customer
                                            : model_.customers().Sample(rng_, day_.day);
        break;
    }
    if (registered) country = model_.customers().country(facts.customer);
    FormatInvoiceText(shape.kind == InvoiceKind::kCancellation, number, minute,
                      registered ? model_.customers().id(facts.customer) : 0, country);

    switch (shape.kind) {
      case InvoiceKind::kSale:
        WriteSale(shape.lines, country);
        break;
      case InvoiceKind::kGuestSale:
        WriteGuestSale(shape.lines);
        break;
      case InvoiceKind::kStockAdjustment:
        WriteAdjustment();
        break;
      case InvoiceKind::kCancellation:
        WriteCancellation(shape);
        break;
    }
  }

  void FormatInvoiceText(bool cancellation, uint64_t number, uint32_t minute,
                         uint32_t customer_id, CountryIndex country) {
    char* p = text_.number;
    if (cancellation) *p++ = 'C';
    p = WriteInt(p, static_cast<int64_t>(number));
    *p++ = ',';
    text_.number_size = static_cast<size_t>(p - text_.number);

    p = text_.when;
    *p++ = ',';
    p = Copy(p, date_);
    p = WriteInt(p, minute / 60);
    *p++ = ':';
    *p++ = static_cast<char>('0' + minute % 60 / 10);
    *p++ = static_cast<char>('0' + minute % 10);
    *p++ = ',';
    text_.when_size = static_cast<size_t>(p - text_.when);

    p = text_.who;
    *p++ = ',';
    if (customer_id != 0) p = WriteInt(p, customer_id);
    *p++ = ',';
    p = Copy(p, Countries()[country]);
    *p++ = '\r';
    *p++ = '\n';
    text_.who_size = static_cast<size_t>(p - text_.who);
  }

  // Writes one row and remembers it for cancellations. `item_text` is the
  // "code,description," part.
  void Row(uint32_t item, std::string_view item_text, int32_t quantity,
           int32_t price_cents) {
    char* p = cursor_;
    p = Copy(p, std::string_view(text_.number, text_.number_size));
    p = Copy(p, item_text);
    p = WriteInt(p, quantity);
    p = Copy(p, std::string_view(text_.when, text_.when_size));
    p = WritePrice(p, price_cents);
    p = Copy(p, std::string_view(text_.who, text_.who_size));
    cursor_ = p;
    sold_.push_back({item, quantity, price_cents});
  }

  void ItemRow(uint32_t item, int32_t quantity, int32_t price_cents) {
    Row(item, catalogue_.item(item).csv_prefix, quantity, price_cents);
  }

  void WriteSale(uint32_t lines, CountryIndex country) {
    // Orders shipped abroad often end with a postage line.
    const bool postage =
        country != kUnitedKingdom && lines >= 2 && rng_.Chance(kPostageOnExport);
    const uint32_t goods = postage ? lines - 1 : lines;
    for (uint32_t line = 0; line < goods; ++line) {
      const uint64_t event = rng_.Next();
      if (event < kManualLine) {
        ItemRow(catalogue_.manual(), 1, model_.SamplePriceCents(rng_));
        continue;
      }
      const uint32_t product = catalogue_.SampleProduct(rng_);
      const Item& item = catalogue_.item(product);
      const int32_t quantity = model_.SampleQuantity(rng_, item.tier);
      ItemRow(product, quantity,
              event < kManualLine + kSaleFreeLine ? 0 : item.price_cents);
    }
    if (postage) {
      ItemRow(catalogue_.postage(), static_cast<int32_t>(1 + rng_.Below(3)),
              model_.SamplePostageCents(rng_));
    }
  }

  void WriteGuestSale(uint32_t lines) {
    const bool postage = lines >= 2 && rng_.Chance(kDotcomPostage);
    const uint32_t goods = postage ? lines - 1 : lines;
    int64_t value_cents = 0;
    for (uint32_t line = 0; line < goods; ++line) {
      const uint64_t event = rng_.Next();
      if (event < kGiftVoucherLine) {
        const uint32_t voucher = catalogue_.gift_voucher(
            static_cast<int>(rng_.Below(Catalogue::kGiftVouchers)));
        ItemRow(voucher, 1, catalogue_.item(voucher).price_cents);
        continue;
      }
      const uint32_t product = catalogue_.SampleProduct(rng_);
      const int32_t quantity = model_.SampleRetailQuantity(rng_);
      const int32_t price = event < kGiftVoucherLine + kGuestFreeLine
                                ? 0
                                : catalogue_.item(product).price_cents;
      value_cents += int64_t{quantity} * price;
      ItemRow(product, quantity, price);
    }
    // Dot-com postage is charged on the whole parcel.
    if (postage) {
      ItemRow(catalogue_.dotcom_postage(), 1,
              static_cast<int32_t>(value_cents * 15 / 100 + 295 + rng_.Below(100)));
    }
  }

  void WriteAdjustment() {
    const uint32_t product = catalogue_.AnyProduct(rng_);
    const auto notes = catalogue_.adjustment_notes();
    const std::string& note =
        rng_.Chance(kAdjustmentNote) ? notes[rng_.Below(notes.size())] : notes.front();
    char text[64];
    char* p = Copy(text, catalogue_.item(product).code);
    *p++ = ',';
    p = Copy(p, note);
    *p++ = ',';
    int32_t quantity = model_.SampleQuantity(rng_, QuantityTier::kStandard);
    if (rng_.Chance(kNegativeAdjustment)) quantity = -quantity;
    Row(product, std::string_view(text, static_cast<size_t>(p - text)), quantity, 0);
  }

  void WriteCancellation(const InvoiceShape& shape) {
    if (shape.cancels < 0) {
      // A return of goods bought on an earlier day.
      for (uint32_t line = 0; line < shape.lines; ++line) {
        const uint32_t product = catalogue_.SampleProduct(rng_);
        const Item& item = catalogue_.item(product);
        ItemRow(product, -model_.SampleQuantity(rng_, item.tier), item.price_cents);
      }
      return;
    }
    const InvoiceFacts& sale = facts_[shape.cancels];
    const uint32_t sale_lines = invoices_[shape.cancels].lines;
    assert(shape.lines <= sale_lines);
    const uint32_t first =
        sale.first_line + static_cast<uint32_t>(rng_.Below(sale_lines - shape.lines + 1));
    for (uint32_t line = 0; line < shape.lines; ++line) {
      const SoldLine sold = sold_[first + line];
      int32_t quantity = sold.quantity;
      if (quantity > 1 && rng_.Chance(kPartialCancellation)) {
        quantity = static_cast<int32_t>(rng_.Between(1, quantity - 1));
      }
      ItemRow(sold.item, -quantity, sold.price_cents);
    }
  }

  const ShopModel& model_;
  const Catalogue& catalogue_;
  const TradingDay& day_;
  Rng rng_;
  std::string* out_;
  char* cursor_ = nullptr;
  char date_text_[48];     // "12/1/2010 ", the day's part of every InvoiceDate
  std::string_view date_;  // views date_text_
  InvoiceText text_;
  std::vector<InvoiceShape> invoices_;
  std::vector<InvoiceFacts> facts_;
  std::vector<SoldLine> sold_;
};

}  // namespace

void PlanInvoices(const ShopModel& model, const TradingDay& day,
                  std::vector<InvoiceShape>* invoices) {
  invoices->clear();
  Rng rng(StreamSeed(model.seed(), kPlanPurpose, day.ordinal));
  uint32_t recent_sales[kRecentSales];
  size_t sales_seen = 0;
  uint32_t remaining = day.rows;
  while (remaining > 0) {
    InvoiceShape shape;
    shape.kind = model.SampleKind(rng);
    shape.lines = std::min(remaining, model.SampleLines(rng, shape.kind));
    if (shape.kind == InvoiceKind::kCancellation && sales_seen > 0) {
      const size_t window = std::min(sales_seen, kRecentSales);
      const uint32_t sale =
          recent_sales[(sales_seen - 1 - rng.Below(window)) % kRecentSales];
      shape.cancels = static_cast<int32_t>(sale);
      shape.lines = std::min(shape.lines, (*invoices)[sale].lines);
    }
    if (shape.kind == InvoiceKind::kSale) {
      recent_sales[sales_seen % kRecentSales] = static_cast<uint32_t>(invoices->size());
      ++sales_seen;
    }
    remaining -= shape.lines;
    invoices->push_back(shape);
  }
}

void WriteDay(const ShopModel& model, const TradingDay& day,
              uint64_t first_invoice_number, std::string* out) {
  DayWriter(model, day, out).Write(first_invoice_number);
}

}  // namespace storepulse::synth

// One trading day of the file: its invoices (planned first, so invoice numbers can be
// handed out before any day is written) and then its CSV rows.
//
// Each day draws from its own random streams, seeded from (seed, day ordinal), so days
// can be planned and written on any thread in any order and the bytes are the same.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "synth/calendar.h"
#include "synth/shop_model.h"

namespace storepulse::synth {

struct InvoiceShape {
  InvoiceKind kind = InvoiceKind::kSale;
  uint32_t lines = 1;    // rows of this invoice, >= 1
  int32_t cancels = -1;  // for a cancellation: the index (within the day) of the sale
                         // it undoes, always an earlier one; -1 when it undoes none
};

// The invoices of `day`, in file order; their lines add up to day.rows. Cheap: a few
// draws per invoice, none per line. Deterministic in (model.seed(), day.ordinal).
void PlanInvoices(const ShopModel& model, const TradingDay& day,
                  std::vector<InvoiceShape>* invoices);

// Appends the rows of `day` to *out (CRLF-terminated, ISO-8859-1), numbering its
// invoices from `first_invoice_number`. Deterministic in (model.seed(), day.ordinal,
// first_invoice_number).
void WriteDay(const ShopModel& model, const TradingDay& day,
              uint64_t first_invoice_number, std::string* out);

}  // namespace storepulse::synth

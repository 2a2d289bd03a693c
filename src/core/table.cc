#include "core/table.h"

#include <fmt/format.h>
#include <oneapi/tbb/parallel_for.h>
#include <oneapi/tbb/parallel_invoke.h>
#include <oneapi/tbb/task_arena.h>

#include <numeric>
#include <span>
#include <utility>

#include "core/short_strings.h"

namespace storepulse {

OrderLine Table::Row(size_t row) const {
  OrderLine line;
  line.invoice = invoices_.Get(invoice_codes_[row]);
  line.stock_code = stock_dictionary_.Get(stock_codes_[row]);
  line.description = descriptions_.Get(description_codes_[row]);
  line.quantity = quantities_[row];
  line.timestamp = timestamps_[row];
  line.unit_price = Money::FromUnits(unit_prices_[row]);
  line.customer = customer_codes_[row] == kNoCustomer
                      ? std::string_view()
                      : customers_.Get(customer_codes_[row]);
  line.country = countries_.Get(country_codes_[row]);
  return line;
}

size_t Table::ColumnBytes() const {
  return invoice_codes_.capacity() * sizeof(uint32_t) +
         stock_codes_.capacity() * sizeof(uint32_t) +
         description_codes_.capacity() * sizeof(uint32_t) +
         quantities_.capacity() * sizeof(int32_t) +
         timestamps_.capacity() * sizeof(Timestamp) +
         unit_prices_.capacity() * sizeof(int64_t) +
         customer_codes_.capacity() * sizeof(uint32_t) +
         country_codes_.capacity() * sizeof(uint16_t);
}

size_t Table::MemoryBytes() const {
  return ColumnBytes() + invoices_.MemoryBytes() + stock_dictionary_.MemoryBytes() +
         descriptions_.MemoryBytes() + customers_.MemoryBytes() +
         countries_.MemoryBytes();
}

namespace {

// remap[local code] = code in `merged`, interning the part's strings in order.
std::vector<uint32_t> MergeDictionary(const StringDictionary& part,
                                      StringDictionary& merged) {
  std::vector<uint32_t> remap(part.size());
  for (uint32_t code = 0; code < part.size(); ++code)
    remap[code] = merged.Intern(part.Get(code));
  return remap;
}

template <typename Code>
void CopyRemapped(std::span<const Code> source, const std::vector<uint32_t>& remap,
                  Code* destination) {
  for (size_t row = 0; row < source.size(); ++row) {
    destination[row] = static_cast<Code>(remap[source[row]]);
  }
}

}  // namespace

Result<Table> Table::Concatenate(std::vector<Table> parts, int threads) {
  Table merged;
  if (parts.empty()) return merged;
  if (parts.size() == 1) return std::move(parts.front());

  struct Remaps {
    std::vector<uint32_t> invoices, stock_codes, descriptions, customers, countries;
  };
  std::vector<Remaps> remaps(parts.size());
  std::vector<size_t> first_row(parts.size() + 1, 0);
  for (size_t i = 0; i < parts.size(); ++i) {
    first_row[i + 1] = first_row[i] + parts[i].size();
  }
  tbb::task_arena arena(threads > 0 ? threads : tbb::task_arena::automatic);
  // The five dictionaries merge side by side. The first part's dictionary becomes the
  // merged one as it is (its codes stay valid), so only the others are interned again.
  auto merge_dictionary = [&](StringDictionary Table::*dictionary,
                              std::vector<uint32_t> Remaps::*remap) {
    StringDictionary& into = merged.*dictionary;
    into = std::move(parts.front().*dictionary);
    (remaps.front().*remap).resize(into.size());
    std::iota((remaps.front().*remap).begin(), (remaps.front().*remap).end(), 0u);
    for (size_t i = 1; i < parts.size(); ++i) {
      remaps[i].*remap = MergeDictionary(parts[i].*dictionary, into);
    }
  };
  arena.execute([&] {
    tbb::parallel_invoke(
        [&] { merge_dictionary(&Table::invoices_, &Remaps::invoices); },
        [&] { merge_dictionary(&Table::stock_dictionary_, &Remaps::stock_codes); },
        [&] { merge_dictionary(&Table::descriptions_, &Remaps::descriptions); },
        [&] { merge_dictionary(&Table::customers_, &Remaps::customers); },
        [&] { merge_dictionary(&Table::countries_, &Remaps::countries); });
  });
  if (merged.countries_.size() > kMaxCountries) {
    return Status::OutOfRange(fmt::format("more than {} distinct countries",
                                          static_cast<uint32_t>(kMaxCountries)));
  }
  // One column at a time: each part's copy of a column is freed as soon as the merged
  // column holds it, so the peak is the table plus one column, not two tables (which
  // matters at 100 M lines).
  auto merge_column = [&](auto column, auto copy_part) {
    auto& destination = merged.*column;
    destination.resize(first_row.back());
    arena.execute([&] {
      tbb::parallel_for(size_t{0}, parts.size(), [&](size_t i) {
        auto& source = parts[i].*column;
        copy_part(i, std::span(std::as_const(source)), destination.data() + first_row[i]);
        std::remove_reference_t<decltype(source)>().swap(source);
      });
    });
  };
  auto remapped = [&](std::vector<uint32_t> Remaps::*remap) {
    return [&remaps, remap](size_t i, auto source, auto* destination) {
      CopyRemapped(source, remaps[i].*remap, destination);
    };
  };
  auto copied = [](size_t, auto source, auto* destination) {
    std::copy(source.begin(), source.end(), destination);
  };
  merge_column(&Table::invoice_codes_, remapped(&Remaps::invoices));
  merge_column(&Table::stock_codes_, remapped(&Remaps::stock_codes));
  merge_column(&Table::description_codes_, remapped(&Remaps::descriptions));
  merge_column(&Table::country_codes_, remapped(&Remaps::countries));
  merge_column(&Table::customer_codes_, [&](size_t i, auto source,
                                            uint32_t* destination) {
    const std::vector<uint32_t>& remap = remaps[i].customers;
    for (size_t row = 0; row < source.size(); ++row) {
      destination[row] = source[row] == kNoCustomer ? kNoCustomer : remap[source[row]];
    }
  });
  merge_column(&Table::quantities_, copied);
  merge_column(&Table::timestamps_, copied);
  merge_column(&Table::unit_prices_, copied);
  return merged;
}

void TableBuilder::Reserve(size_t rows) {
  table_.invoice_codes_.reserve(rows);
  table_.stock_codes_.reserve(rows);
  table_.description_codes_.reserve(rows);
  table_.quantities_.reserve(rows);
  table_.timestamps_.reserve(rows);
  table_.unit_prices_.reserve(rows);
  table_.customer_codes_.reserve(rows);
  table_.country_codes_.reserve(rows);
}

uint32_t TableBuilder::InternAndRemember(StringDictionary& dictionary, LastCode& last,
                                         std::string_view value) {
  last.code = dictionary.Intern(value);
  last.value.assign(value);
  return last.code;
}

Status TableBuilder::Append(const OrderLine& line) {
  const uint32_t country = InternCached(table_.countries_, last_country_, line.country);
  if (country >= kMaxCountries) {
    return Status::OutOfRange(fmt::format("more than {} distinct countries",
                                          static_cast<uint32_t>(kMaxCountries)));
  }
  table_.invoice_codes_.push_back(
      InternCached(table_.invoices_, last_invoice_, line.invoice));
  const uint32_t stock = table_.stock_dictionary_.Intern(line.stock_code);
  if (stock >= description_of_stock_.size())
    description_of_stock_.resize(stock + 1, UINT32_MAX);
  uint32_t& description = description_of_stock_[stock];
  if (description == UINT32_MAX ||
      !SameBytes(table_.descriptions_.Get(description), line.description)) {
    description = table_.descriptions_.Intern(line.description);
  }
  table_.stock_codes_.push_back(stock);
  table_.description_codes_.push_back(description);
  table_.quantities_.push_back(line.quantity);
  table_.timestamps_.push_back(line.timestamp);
  table_.unit_prices_.push_back(line.unit_price.units());
  table_.customer_codes_.push_back(
      line.customer.empty()
          ? kNoCustomer
          : InternCached(table_.customers_, last_customer_, line.customer));
  table_.country_codes_.push_back(static_cast<uint16_t>(country));
  return Status::Ok();
}

Table TableBuilder::Finish() {
  Table done = std::move(table_);
  table_ = Table();
  description_of_stock_.clear();
  last_invoice_ = LastCode();
  last_customer_ = LastCode();
  last_country_ = LastCode();
  return done;
}

}  // namespace storepulse

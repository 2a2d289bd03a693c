// COPY ... FROM STDIN through pqxx::stream_to with rows whose width is known only at run
// time. libpqxx 6 streams tuple-like rows (anything std::get and std::tuple_size work
// on), so a row is a std::array<CopyField, N> and WriteCopyRow picks N by a switch.
// Internal to storage/.
#pragma once

#include <pqxx/strconv>
#include <pqxx/stream_to>

#include <array>
#include <cstddef>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>

namespace storepulse::storage {

// One field of a COPY row: text in PostgreSQL's input form (value_text.h), or NULL. The
// view must live until the row is written.
struct CopyField {
  std::string_view text;
  bool null = false;
};

}  // namespace storepulse::storage

namespace pqxx {

// How pqxx::stream_to turns a CopyField into COPY text (it escapes the result itself).
template <>
struct string_traits<storepulse::storage::CopyField> {
  static constexpr const char* name() noexcept { return "CopyField"; }
  static constexpr bool has_null() noexcept { return true; }
  static bool is_null(const storepulse::storage::CopyField& field) { return field.null; }
  static storepulse::storage::CopyField null() { return {{}, true}; }
  static void from_string(const char[], storepulse::storage::CopyField&) {
    throw std::logic_error("CopyField is write-only");
  }
  static std::string to_string(const storepulse::storage::CopyField& field) {
    return std::string(field.text);
  }
};

}  // namespace pqxx

namespace storepulse::storage {

// The widest row WriteCopyRow takes: the widest table of the schema, with room to grow.
inline constexpr size_t kMaxCopyColumns = 24;

namespace copy_internal {

template <size_t N>
void WriteRow(pqxx::stream_to& stream, std::span<const CopyField> fields) {
  std::array<CopyField, N> row;
  for (size_t i = 0; i < N; ++i) row[i] = fields[i];
  stream << row;
}

template <size_t... Ns>
void WriteRowOfWidth(pqxx::stream_to& stream, std::span<const CopyField> fields,
                     std::index_sequence<Ns...>) {
  // Calls WriteRow<N> for the N equal to the row's width (N = index + 1).
  const bool written =
      ((fields.size() == Ns + 1 ? (WriteRow<Ns + 1>(stream, fields), true) : false) ||
       ...);
  if (!written) throw std::length_error("COPY row wider than kMaxCopyColumns");
}

}  // namespace copy_internal

// Writes one row (1 to kMaxCopyColumns fields). Throws what pqxx::stream_to throws.
inline void WriteCopyRow(pqxx::stream_to& stream, std::span<const CopyField> fields) {
  copy_internal::WriteRowOfWidth(stream, fields,
                                 std::make_index_sequence<kMaxCopyColumns>());
}

}  // namespace storepulse::storage

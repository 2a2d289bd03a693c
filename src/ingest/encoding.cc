#include "ingest/encoding.h"

#include <cstdint>
#include <cstring>

namespace storepulse::ingest {

std::string_view TextEncodingName(TextEncoding encoding) {
  switch (encoding) {
    case TextEncoding::kAscii:
      return "ascii";
    case TextEncoding::kUtf8:
      return "utf-8";
    case TextEncoding::kLatin1:
      return "iso-8859-1";
  }
  return "unknown";
}

namespace {

inline bool IsContinuation(unsigned char byte) { return (byte & 0xC0) == 0x80; }

}  // namespace

bool IsValidUtf8Range(std::string_view text, size_t begin, size_t end) {
  const auto* bytes = reinterpret_cast<const unsigned char*>(text.data());
  const size_t size = text.size();
  size_t pos = begin;
  if (pos < end && IsContinuation(bytes[pos])) {
    // Continuation bytes at `begin` are valid only as the tail of a sequence whose lead
    // byte is at most three bytes back; the range before checks that sequence whole.
    size_t lead = pos;
    while (lead > 0 && pos - lead < 3 && IsContinuation(bytes[lead - 1])) --lead;
    if (lead == 0) return false;
    --lead;
    const unsigned char byte = bytes[lead];
    const size_t length = byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : byte >= 0xC0 ? 2 : 1;
    if (lead + length <= pos) return false;
    pos = lead + length;
  }
  while (pos < end) {
    // ASCII fast path, eight bytes at a time.
    if (pos + 8 <= end) {
      uint64_t word;
      std::memcpy(&word, bytes + pos, 8);
      if ((word & 0x8080808080808080ULL) == 0) {
        pos += 8;
        continue;
      }
    }
    const unsigned char lead = bytes[pos];
    if (lead < 0x80) {
      ++pos;
      continue;
    }
    size_t length;
    uint32_t code_point;
    if (lead >= 0xC2 && lead <= 0xDF) {
      length = 2;
      code_point = lead & 0x1F;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
      length = 3;
      code_point = lead & 0x0F;
    } else if (lead >= 0xF0 && lead <= 0xF4) {
      length = 4;
      code_point = lead & 0x07;
    } else {
      return false;
    }
    if (pos + length > size) return false;
    for (size_t i = 1; i < length; ++i) {
      if (!IsContinuation(bytes[pos + i])) return false;
      code_point = (code_point << 6) | (bytes[pos + i] & 0x3F);
    }
    // Overlong forms, surrogates and values past U+10FFFF are not UTF-8.
    if ((length == 3 && code_point < 0x800) || (length == 4 && code_point < 0x10000) ||
        (code_point >= 0xD800 && code_point <= 0xDFFF) || code_point > 0x10FFFF) {
      return false;
    }
    pos += length;
  }
  return true;
}

void AppendLatin1AsUtf8(std::string_view latin1, std::string* out) {
  for (char c : latin1) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte < 0x80) {
      out->push_back(c);
    } else {
      out->push_back(static_cast<char>(0xC0 | (byte >> 6)));
      out->push_back(static_cast<char>(0x80 | (byte & 0x3F)));
    }
  }
}

}  // namespace storepulse::ingest

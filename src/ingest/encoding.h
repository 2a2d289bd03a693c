// Text encodings of CSV input. The Online Retail export is ISO-8859-1; other copies are
// UTF-8 (sometimes with a BOM). storepulse stores UTF-8 only.
#pragma once

#include <string>
#include <string_view>

namespace storepulse::ingest {

enum class TextEncoding { kAscii, kUtf8, kLatin1 };

std::string_view TextEncodingName(TextEncoding encoding);

inline bool HasHighBytes(std::string_view text) {
  unsigned char any = 0;
  for (char c : text) any |= static_cast<unsigned char>(c);
  return (any & 0x80) != 0;
}

// Whether text[begin, end) is valid UTF-8 when sequences may cross its edges: leading
// continuation bytes (at most three) belong to the sequence before `begin`, and a
// sequence that starts before `end` is read to its completion in `text`. Checking
// adjacent ranges this way checks their union.
bool IsValidUtf8Range(std::string_view text, size_t begin, size_t end);

// Appends the UTF-8 form of ISO-8859-1 `latin1` to `out`.
void AppendLatin1AsUtf8(std::string_view latin1, std::string* out);

}  // namespace storepulse::ingest

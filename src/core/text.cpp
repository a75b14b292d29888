#include "core/text.h"

#include <algorithm>
#include <cstdint>
#include <cstdio>

namespace sv {

namespace {

bool hasBom(std::string_view text) {
  return text.size() >= 3 && text.substr(0, 3) == "\xEF\xBB\xBF";
}

}  // namespace

LineIndex::LineIndex(std::string_view text) : size_(text.size()), bom_(hasBom(text) ? 3 : 0) {
  starts_.push_back(0);
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '\n' || (c == '\r' && (i + 1 >= text.size() || text[i + 1] != '\n'))) {
      starts_.push_back(i + 1);
    }
  }
}

TextPosition LineIndex::position(std::size_t offset) const {
  offset = std::min(offset, size_);
  // The last line start <= offset.
  const auto it = std::upper_bound(starts_.begin(), starts_.end(), offset) - 1;
  const auto line = static_cast<std::size_t>(it - starts_.begin());
  std::size_t column = offset - *it;
  if (line == 0) column -= std::min(column, bom_);
  return {static_cast<int>(line + 1), static_cast<int>(column + 1)};
}

TextPosition positionOfOffset(std::string_view text, std::size_t offset) {
  return LineIndex(text).position(offset);  // the whole text: "\r" then "\n" is one break
}

int utf8Sequence(std::string_view text, std::size_t i, std::uint32_t& cp) {
  const auto b0 = static_cast<unsigned char>(text[i]);
  int len = 0;
  if (b0 >= 0xC2 && b0 <= 0xDF) {
    len = 2;
    cp = b0 & 0x1Fu;
  } else if (b0 >= 0xE0 && b0 <= 0xEF) {
    len = 3;
    cp = b0 & 0x0Fu;
  } else if (b0 >= 0xF0 && b0 <= 0xF4) {
    len = 4;
    cp = b0 & 0x07u;
  } else {
    return 0;
  }
  if (i + static_cast<std::size_t>(len) > text.size()) return 0;
  for (int k = 1; k < len; ++k) {
    const auto c = static_cast<unsigned char>(text[i + static_cast<std::size_t>(k)]);
    if ((c & 0xC0u) != 0x80u) return 0;
    cp = (cp << 6) | (c & 0x3Fu);
  }
  if ((len == 3 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))) ||
      (len == 4 && (cp < 0x10000 || cp > 0x10FFFF))) {
    return 0;
  }
  return len;
}

std::string escapePointerToken(std::string_view token) {
  std::string out;
  out.reserve(token.size());
  for (char c : token) {
    if (c == '~') {
      out += "~0";
    } else if (c == '/') {
      out += "~1";
    } else {
      out += c;
    }
  }
  return out;
}

std::string escapeForTerminal(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  char buf[16];
  std::size_t i = 0;
  while (i < text.size()) {
    const auto b = static_cast<unsigned char>(text[i]);
    if (b < 0x80) {
      if (b == '\n') {
        out += "\\n";
      } else if (b == '\r') {
        out += "\\r";
      } else if (b == '\t') {
        out += "\\t";
      } else if (b < 0x20 || b == 0x7F) {
        std::snprintf(buf, sizeof buf, "\\x%02X", b);
        out += buf;
      } else {
        out += static_cast<char>(b);
      }
      ++i;
      continue;
    }
    // A multi-byte UTF-8 sequence: decoded to check it and to find C1 controls and the
    // bidirectional formatting characters.
    std::uint32_t cp = 0;
    const int len = utf8Sequence(text, i, cp);
    if (len == 0) {
      std::snprintf(buf, sizeof buf, "\\x%02X", b);
      out += buf;
      ++i;
      continue;
    }
    const bool c1 = cp >= 0x80 && cp <= 0x9F;
    const bool bidi = (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069) ||
                      cp == 0x200E || cp == 0x200F || cp == 0x061C;
    const bool separator = cp == 0x2028 || cp == 0x2029;  // line / paragraph separator
    if (c1 || bidi || separator) {
      std::snprintf(buf, sizeof buf, "\\u{%04X}", static_cast<unsigned>(cp));
      out += buf;
    } else {
      out.append(text.substr(i, static_cast<std::size_t>(len)));
    }
    i += static_cast<std::size_t>(len);
  }
  return out;
}

}  // namespace sv

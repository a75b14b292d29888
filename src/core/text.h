// Text helpers for error messages built from untrusted files: line/column positions and
// escaping of what is printed.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace sv {

// 1-based line and column of a byte offset in a text (for error messages). Columns count
// bytes from the start of the line.
struct TextPosition {
  int line = 1;
  int column = 1;
};

// Line starts of a text, computed once (O(n)), so that each position is a binary search
// (O(log lines)) instead of a scan from byte 0: a file with tens of thousands of errors must
// not take quadratic time to report them. Line breaks are "\n", "\r\n" and a lone "\r" (old
// Mac files), so CR-only files get real line numbers. A UTF-8 byte-order mark at the start
// is not counted in the first line's columns (editors do not show it).
class LineIndex {
 public:
  explicit LineIndex(std::string_view text);
  // Offsets past the end are clamped to the end.
  TextPosition position(std::size_t offset) const;

 private:
  std::vector<std::size_t> starts_;  // offset of each line's first byte; starts_[0] = 0
  std::size_t size_ = 0;
  std::size_t bom_ = 0;  // 3 when the text starts with a UTF-8 BOM
};

// One-off position (builds no index; callers reporting many errors use LineIndex).
TextPosition positionOfOffset(std::string_view text, std::size_t offset);

// Length (2-4) of the valid UTF-8 sequence at text[i] (a lead byte >= 0x80) with its code
// point in `cp`, or 0 when the bytes there are not valid UTF-8 (overlong forms, surrogates and
// code points past U+10FFFF included).
int utf8Sequence(std::string_view text, std::size_t i, std::uint32_t& cp);

// Escapes one JSON pointer reference token (RFC 6901: "~" -> "~0", "/" -> "~1").
std::string escapePointerToken(std::string_view token);

// Makes untrusted text safe to print on one terminal line: control characters (C0, DEL and
// C1, including ESC and line breaks) and the Unicode bidirectional overrides are written as
// \n, \r, \t or \xNN / \u{NNNN}; bytes that are not valid UTF-8 as \xNN. A file name, JSON
// key or value quoted in a message therefore cannot start a fake "file:line:col" line,
// recolour the terminal or reorder what is shown. Backslashes are left as they are.
std::string escapeForTerminal(std::string_view text);

}  // namespace sv

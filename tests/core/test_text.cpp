#include <catch2/catch.hpp>

#include <string>

#include "core/text.h"

using sv::LineIndex;
using sv::TextPosition;

namespace {
std::string at(const LineIndex& index, std::size_t offset) {
  const TextPosition p = index.position(offset);
  return std::to_string(p.line) + ":" + std::to_string(p.column);
}
}  // namespace

TEST_CASE("line index: LF, CRLF and CR-only line breaks all count as one") {
  const LineIndex lf("ab\ncd\n\nx");
  CHECK(at(lf, 0) == "1:1");
  CHECK(at(lf, 1) == "1:2");
  CHECK(at(lf, 3) == "2:1");
  CHECK(at(lf, 7) == "4:1");
  const LineIndex crlf("ab\r\ncd\r\nx");
  CHECK(at(crlf, 4) == "2:1");
  CHECK(at(crlf, 8) == "3:1");
  // Old Mac files: every error was on line 1 before.
  const LineIndex cr("ab\rcd\r\rx");
  CHECK(at(cr, 3) == "2:1");
  CHECK(at(cr, 4) == "2:2");
  CHECK(at(cr, 7) == "4:1");
}

TEST_CASE("line index: offsets past the end clamp; a UTF-8 BOM takes no column") {
  const LineIndex index("ab");
  CHECK(at(index, 99) == "1:3");
  const LineIndex bom("\xEF\xBB\xBF{x\ny");
  CHECK(at(bom, 3) == "1:1");
  CHECK(at(bom, 4) == "1:2");
  CHECK(at(bom, 6) == "2:1");
  CHECK(at(LineIndex(""), 0) == "1:1");
}

TEST_CASE("line index: positionOfOffset agrees with the index") {
  const std::string text = "{\n  \"a\": 1,\r\n  \"b\":\r 2\n}";
  const LineIndex index(text);
  for (std::size_t i = 0; i <= text.size(); ++i) {
    INFO(i);
    const TextPosition a = index.position(i);
    const TextPosition b = sv::positionOfOffset(text, i);
    CHECK(a.line == b.line);
    CHECK(a.column == b.column);
  }
}

TEST_CASE("escapeForTerminal: line breaks, escape codes and bidi overrides cannot pass") {
  CHECK(sv::escapeForTerminal("plain: 1 / \"ok\" ~ é 漢") == "plain: 1 / \"ok\" ~ é 漢");
  CHECK(sv::escapeForTerminal("a\nb:1:1: fake") == "a\\nb:1:1: fake");
  CHECK(sv::escapeForTerminal("\x1b[2J\r\t\x7f") == "\\x1B[2J\\r\\t\\x7F");
  CHECK(sv::escapeForTerminal(std::string("nul\0x", 5)) == "nul\\x00x");
  CHECK(sv::escapeForTerminal("\xC2\x9B"
                              "31m") == "\\u{009B}31m");  // C1 CSI
  CHECK(sv::escapeForTerminal("\xE2\x80\xAE"
                              "txt") == "\\u{202E}txt");              // right-to-left override
  CHECK(sv::escapeForTerminal("\xE2\x80\xA8") == "\\u{2028}");        // line separator
  CHECK(sv::escapeForTerminal("bad \xFF\xC3") == "bad \\xFF\\xC3");   // not UTF-8
  CHECK(sv::escapeForTerminal("\xED\xA0\x80") == "\\xED\\xA0\\x80");  // a surrogate
}

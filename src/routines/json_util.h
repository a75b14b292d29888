// Small helpers shared by the client and routine files (internal to src/routines/).
#pragma once

#include <charconv>
#include <cstdlib>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "core/file_io.h"
#include "core/text.h"
#include "routines/parsed.h"
#include "stretches/json_check.h"

namespace sv::routines::detail {

// A float as the shortest decimal that reads back to the same float ("0.6", not
// "0.6000000238418579"), so saved files stay readable and round-trip exactly.
inline double floatJson(float v) {
  char buf[32];
  const auto r = std::to_chars(buf, buf + sizeof buf, v);
  return std::strtod(std::string(buf, r.ptr).c_str(), nullptr);
}

// The "format" and "version" members every user file starts with.
inline void checkFormat(stretches::JsonChecker& c, const nlohmann::json& doc,
                        std::string_view format, int version) {
  using T = stretches::JsonChecker::T;
  const std::string f = c.str(doc, "", "format");
  if (!f.empty() && f != format) {
    c.error("/format", "expected \"" + std::string(format) + "\", got \"" + f + "\"");
  }
  if (const nlohmann::json* v = c.get(doc, "", "version", T::Integer)) {
    if (v->get<double>() != version) {  // not int64: 1e30 is an integer too
      c.error("/version",
              "unsupported version " + v->dump() + " (expected " + std::to_string(version) + ")");
    }
  }
}

// The "id" member: a valid id (ids.h) equal to the file name's stem when that ends in .json.
std::string checkedId(stretches::JsonChecker& c, const nlohmann::json& doc,
                      std::string_view fileName);

// What every user file goes through before its own schema: the size limit (checked on the
// text too, for callers that did not read it with readFile) and strict JSON. `check(doc,
// out)` then runs the file's checker and hands its result over (finishInto).
template <class T, class Check>
Parsed<T> parseUserFile(std::string_view text, std::string_view fileName, std::size_t maxBytes,
                        Check check) {
  Parsed<T> out;
  if (text.size() > maxBytes) {
    out.errors.push_back(escapeForTerminal(std::string(fileName) +
                                           ": file too large: " + formatBytes(text.size()) +
                                           " (the limit is " + formatBytes(maxBytes) + ")"));
    out.errorCount = 1;
    return out;
  }
  stretches::PositionedJson doc;
  stretches::JsonParseError perr;
  if (!stretches::parseJsonWithPositions(text, doc, perr)) {
    out.errors.push_back(stretches::malformedJsonMessage(text, fileName, perr));
    out.errorCount = 1;
    return out;
  }
  check(doc, out);
  if (out.errorCount != 0) out.value.reset();
  return out;
}

// A checker's outcome into `out` (the value only when it found no error).
template <class T, class Checker>
void finishInto(Checker& checker, std::optional<T> value, Parsed<T>& out) {
  checker.finish();
  out.value = std::move(value);
  out.errors = std::move(checker.errors);
  out.errorCount = checker.errorCount();
}

// Reads the file (regular files only, at most maxBytes) and parses it; an unreadable file is
// one error line.
template <class T, class Parse>
Parsed<T> loadUserFile(const std::filesystem::path& path, std::size_t maxBytes, Parse parse) {
  auto text = readFile(path, maxBytes);
  if (!text) {
    Parsed<T> out;
    out.errors.push_back(escapeForTerminal(text.error().message));
    out.errorCount = 1;
    return out;
  }
  return parse(*text, path.string());
}

}  // namespace sv::routines::detail

// Small helpers shared by the client and routine files (internal to src/routines/).
#pragma once

#include <charconv>
#include <cstdlib>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

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

}  // namespace sv::routines::detail

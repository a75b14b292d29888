// Checking a positioned JSON document against a schema, one error line per problem.
//
// The stretch loader and the routine/client readers (src/routines/) share this: every message
// is `<file>:<line>:<col>: <JSON pointer>: <what>` at the offending value (for a missing
// member, at the object that lacks it), escaped for the terminal (core/text.h), and a file
// reports at most `maxErrors` lines, then one "<file>: … and N more error(s)" (finish()).
// Positions come from a LineIndex built once, so many errors stay cheap.
#pragma once

#include <cstddef>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/text.h"
#include "stretches/json_reader.h"

namespace sv::stretches {

// "%.4g": numbers as messages show them.
std::string formatNumber(double v);
// "a string", "an object", "null" …: what a value is, for "expected X, got Y".
std::string jsonTypeName(const nlohmann::json& v);

// "<file>:<line>:<col>: malformed JSON: <reason>" for a parse error, escaped.
std::string malformedJsonMessage(std::string_view text, std::string_view fileName,
                                 const JsonParseError& error);

class JsonChecker {
 public:
  enum class T { String, Number, Integer, Array, Object };

  JsonChecker(std::string_view text, std::string_view file, const PositionedJson& doc,
              std::size_t maxErrors)
      : lines_(text), file_(file), doc_(doc), maxErrors_(maxErrors) {}

  std::vector<std::string> errors;  // the first maxErrors, then a summary line (finish())

  // Every error found, also those past the cap.
  std::size_t errorCount() const { return count_; }

  // Reports one error at the value `ptr` points to. Past the cap errors are only counted:
  // neither the lines nor their positions are computed.
  void error(const std::string& ptr, const std::string& message);
  // Appends "… and N more error(s)" when errors were past the cap. Call once, at the end.
  void finish();
  // "<file>:<line>:<col>: <ptr>" of a value (unescaped; for lines other than errors).
  std::string where(const std::string& ptr) const;

  static std::string child(const std::string& ptr, std::string_view key);
  static std::string child(const std::string& ptr, std::size_t i);

  // Whether v is of type t; reports "expected …, got …" when not. Integer accepts integral
  // values written as floats (3.0, 1e30) and names a non-integral number (2.5).
  bool typed(const nlohmann::json& v, const std::string& ptr, T t);
  // A JSON number as a float, or an error when it does not fit one (|v| > 3.4e38 would
  // become infinity and poison every computation after it).
  std::optional<float> toFloat(const nlohmann::json& v, const std::string& ptr);
  // The number within [lo, hi] (compared in double: 1e39 is out of range, not infinity);
  // otherwise "<what> <v> is outside [lo, hi]".
  std::optional<float> bounded(const nlohmann::json& v, const std::string& ptr, double lo,
                               double hi, const char* what);
  // Reports every member of obj not in keys ("unknown field": a typo is never ignored).
  void onlyKeys(const nlohmann::json& obj, const std::string& ptr,
                std::initializer_list<std::string_view> keys);
  // The member `key` of `obj` when present and of type t; reports missing (if required)
  // or wrongly typed members.
  const nlohmann::json* get(const nlohmann::json& obj, const std::string& ptr, std::string_view key,
                            T t, bool required = true);
  // A string member; a required one must not be empty.
  std::string str(const nlohmann::json& obj, const std::string& ptr, std::string_view key,
                  bool required = true);
  std::optional<float> num(const nlohmann::json& obj, const std::string& ptr, std::string_view key,
                           bool required = true);
  // An array of strings; `nonEmpty` requires at least one entry.
  std::vector<std::string> strings(const nlohmann::json& obj, const std::string& ptr,
                                   std::string_view key, bool required = true,
                                   bool nonEmpty = true);

 private:
  LineIndex lines_;
  std::string_view file_;
  const PositionedJson& doc_;
  std::size_t maxErrors_;
  std::size_t count_ = 0;
};

}  // namespace sv::stretches

#include "stretches/json_check.h"

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <cstdio>

namespace sv::stretches {

using nlohmann::json;

std::string formatNumber(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.4g", v);
  return buf;
}

std::string jsonTypeName(const json& v) {
  switch (v.type()) {
    case json::value_t::null:
      return "null";
    case json::value_t::boolean:
      return "a boolean";
    case json::value_t::number_integer:
    case json::value_t::number_unsigned:
    case json::value_t::number_float:
      return "a number";
    case json::value_t::string:
      return "a string";
    case json::value_t::array:
      return "an array";
    case json::value_t::object:
      return "an object";
    default:
      return "an unsupported value";
  }
}

std::string malformedJsonMessage(std::string_view text, std::string_view fileName,
                                 const JsonParseError& error) {
  const TextPosition p = positionOfOffset(text, error.offset);
  return escapeForTerminal(std::string(fileName) + ":" + std::to_string(p.line) + ":" +
                           std::to_string(p.column) + ": malformed JSON: " + error.message);
}

namespace {

using T = JsonChecker::T;

const char* expected(T t) {
  switch (t) {
    case T::String:
      return "a string";
    case T::Number:
      return "a number";
    case T::Integer:
      return "an integer";
    case T::Array:
      return "an array";
    case T::Object:
      return "an object";
  }
  return "";
}

bool isType(const json& v, T t) {
  switch (t) {
    case T::String:
      return v.is_string();
    case T::Number:
      return v.is_number();
    case T::Integer:  // 3, or 3.0 / 1e30: integral values written as floats
      return v.is_number_integer() ||
             (v.is_number_float() && std::trunc(v.get<double>()) == v.get<double>());
    case T::Array:
      return v.is_array();
    case T::Object:
      return v.is_object();
  }
  return false;
}

}  // namespace

std::string JsonChecker::where(const std::string& ptr) const {
  const TextPosition p = lines_.position(doc_.offsetOf(ptr));
  return std::string(file_) + ":" + std::to_string(p.line) + ":" + std::to_string(p.column) + ": " +
         (ptr.empty() ? "/" : ptr);
}

void JsonChecker::error(const std::string& ptr, const std::string& message) {
  if (count_++ >= maxErrors_) return;
  // Escaped: keys and values from the file cannot forge further lines or terminal sequences.
  errors.push_back(escapeForTerminal(where(ptr) + ": " + message));
}

void JsonChecker::finish() {
  if (count_ > maxErrors_) {
    errors.push_back(escapeForTerminal(std::string(file_)) + ": \u2026 and " +
                     std::to_string(count_ - maxErrors_) + " more error(s)");
  }
}

std::string JsonChecker::child(const std::string& ptr, std::string_view key) {
  return ptr + "/" + escapePointerToken(key);
}

std::string JsonChecker::child(const std::string& ptr, std::size_t i) {
  return ptr + "/" + std::to_string(i);
}

bool JsonChecker::typed(const json& v, const std::string& ptr, T t) {
  if (isType(v, t)) return true;
  if (t == T::Integer && v.is_number()) {  // say which number: 2.5 is not 2
    error(ptr, "expected an integer, got " + formatNumber(v.get<double>()));
  } else {
    error(ptr, std::string("expected ") + expected(t) + ", got " + jsonTypeName(v));
  }
  return false;
}

std::optional<float> JsonChecker::toFloat(const json& v, const std::string& ptr) {
  const double d = v.get<double>();
  if (!(std::fabs(d) <= static_cast<double>(FLT_MAX))) {
    error(ptr, "number " + formatNumber(d) + " is out of range (a 32-bit float holds at most " +
                   formatNumber(FLT_MAX) + ")");
    return std::nullopt;
  }
  return static_cast<float>(d);
}

std::optional<float> JsonChecker::bounded(const json& v, const std::string& ptr, double lo,
                                          double hi, const char* what) {
  const double d = v.get<double>();
  if (!(d >= lo && d <= hi)) {
    error(ptr, std::string(what) + " " + formatNumber(d) + " is outside [" + formatNumber(lo) +
                   ", " + formatNumber(hi) + "]");
    return std::nullopt;
  }
  return static_cast<float>(d);
}

void JsonChecker::onlyKeys(const json& obj, const std::string& ptr,
                           std::initializer_list<std::string_view> keys) {
  for (auto it = obj.begin(); it != obj.end(); ++it) {
    if (std::find(keys.begin(), keys.end(), it.key()) == keys.end()) {
      error(child(ptr, it.key()), "unknown field \"" + it.key() + "\"");
    }
  }
}

const json* JsonChecker::get(const json& obj, const std::string& ptr, std::string_view key, T t,
                             bool required) {
  auto it = obj.find(key);
  if (it == obj.end()) {
    if (required) error(ptr, "missing required field \"" + std::string(key) + "\"");
    return nullptr;
  }
  if (!typed(*it, child(ptr, key), t)) return nullptr;
  return &*it;
}

std::string JsonChecker::str(const json& obj, const std::string& ptr, std::string_view key,
                             bool required) {
  const json* v = get(obj, ptr, key, T::String, required);
  if (!v) return {};
  std::string s = v->get<std::string>();
  if (required && s.empty()) error(child(ptr, key), "must not be empty");
  return s;
}

std::optional<float> JsonChecker::num(const json& obj, const std::string& ptr, std::string_view key,
                                      bool required) {
  const json* v = get(obj, ptr, key, T::Number, required);
  if (!v) return std::nullopt;
  return toFloat(*v, child(ptr, key));
}

std::vector<std::string> JsonChecker::strings(const json& obj, const std::string& ptr,
                                              std::string_view key, bool required, bool nonEmpty) {
  std::vector<std::string> out;
  const json* arr = get(obj, ptr, key, T::Array, required);
  if (!arr) return out;
  const std::string aptr = child(ptr, key);
  if (nonEmpty && arr->empty()) error(aptr, "must list at least one entry");
  for (std::size_t i = 0; i < arr->size(); ++i) {
    if (!typed((*arr)[i], child(aptr, i), T::String)) continue;
    out.push_back((*arr)[i].get<std::string>());
  }
  return out;
}

}  // namespace sv::stretches

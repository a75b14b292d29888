#include "stretches/json_reader.h"

#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdlib>

#include "core/text.h"

namespace sv::stretches {

std::size_t PositionedJson::offsetOf(std::string_view pointer) const {
  std::string p(pointer);
  while (true) {
    auto it = offsets.find(p);
    if (it != offsets.end()) return it->second;
    if (p.empty()) return 0;
    const std::size_t slash = p.rfind('/');
    if (slash == std::string::npos) return 0;
    p.resize(slash);
  }
}

std::string escapePointerToken(std::string_view token) {
  return sv::escapePointerToken(token);
}

namespace {

constexpr int kMaxDepth = 64;

class Parser {
 public:
  Parser(std::string_view text, PositionedJson& out) : s_(text), out_(out) {}

  bool run(JsonParseError& error) {
    if (!encoding()) {
      error = err_;
      return false;
    }
    skipWs();
    std::string pointer;
    if (!value(out_.value, pointer, 0)) {
      error = err_;
      return false;
    }
    skipWs();
    if (pos_ < s_.size()) {
      error = {pos_, "unexpected content after the JSON value"};
      return false;
    }
    return true;
  }

 private:
  std::string_view s_;
  PositionedJson& out_;
  std::size_t pos_ = 0;
  JsonParseError err_;

  // JSON text is UTF-8 (RFC 8259 §8.1). A UTF-8 byte-order mark is skipped; UTF-16 and
  // UTF-32 files (with a mark, or recognisable by NUL bytes among the first characters) are
  // named as such instead of failing on their first byte.
  bool encoding() {
    const auto at = [&](std::size_t i) {
      return i < s_.size() ? static_cast<unsigned char>(s_[i]) : 0x100u;
    };
    if (at(0) == 0xEF && at(1) == 0xBB && at(2) == 0xBF) {
      pos_ = 3;
      return true;
    }
    const bool bom16 = (at(0) == 0xFF && at(1) == 0xFE) || (at(0) == 0xFE && at(1) == 0xFF);
    const bool bom32 = at(0) == 0 && at(1) == 0 && at(2) == 0xFE && at(3) == 0xFF;
    if (bom16 || bom32) {
      return fail("the file is UTF-16 or UTF-32 encoded (byte-order mark); save it as UTF-8");
    }
    if (s_.size() >= 2 && (at(0) == 0 || at(1) == 0)) {
      return fail("the file looks UTF-16 or UTF-32 encoded (NUL bytes); save it as UTF-8");
    }
    return true;
  }

  bool fail(std::string message) {
    err_ = {pos_, std::move(message)};
    return false;
  }
  void skipWs() {
    while (pos_ < s_.size() &&
           (s_[pos_] == ' ' || s_[pos_] == '\t' || s_[pos_] == '\n' || s_[pos_] == '\r')) {
      ++pos_;
    }
  }
  bool literal(std::string_view word) {
    if (s_.substr(pos_, word.size()) != word) return fail("invalid literal");
    pos_ += word.size();
    return true;
  }

  bool value(nlohmann::json& v, const std::string& pointer, int depth) {
    if (depth > kMaxDepth) return fail("nesting deeper than 64 levels");
    if (pos_ >= s_.size()) return fail("unexpected end of input, expected a value");
    out_.offsets[pointer] = pos_;
    const char c = s_[pos_];
    switch (c) {
      case '{':
        return object(v, pointer, depth);
      case '[':
        return array(v, pointer, depth);
      case '"': {
        std::string str;
        if (!string(str)) return false;
        v = std::move(str);
        return true;
      }
      case 't':
        v = true;
        return literal("true");
      case 'f':
        v = false;
        return literal("false");
      case 'n':
        v = nullptr;
        return literal("null");
      default:
        if (c == '-' || (c >= '0' && c <= '9')) return number(v);
        if (c >= 32 && c < 127) {
          return fail(std::string("unexpected character '") + c + "', expected a value");
        }
        return fail("unexpected byte " + hexByte(c) + ", expected a value");
    }
  }

  bool object(nlohmann::json& v, const std::string& pointer, int depth) {
    ++pos_;  // '{'
    v = nlohmann::json::object();
    skipWs();
    if (pos_ < s_.size() && s_[pos_] == '}') {
      ++pos_;
      return true;
    }
    while (true) {
      skipWs();
      if (pos_ >= s_.size() || s_[pos_] != '"') return fail("expected a string key");
      const std::size_t keyPos = pos_;
      std::string key;
      if (!string(key)) return false;
      if (v.contains(key)) {
        pos_ = keyPos;
        return fail("duplicate key \"" + key + "\"");
      }
      skipWs();
      if (pos_ >= s_.size() || s_[pos_] != ':') return fail("expected ':' after an object key");
      ++pos_;
      skipWs();
      nlohmann::json& member = v[key];
      if (!value(member, pointer + "/" + escapePointerToken(key), depth + 1)) return false;
      skipWs();
      if (pos_ < s_.size() && s_[pos_] == ',') {
        ++pos_;
        continue;
      }
      if (pos_ < s_.size() && s_[pos_] == '}') {
        ++pos_;
        return true;
      }
      return fail("expected ',' or '}' after an object member");
    }
  }

  bool array(nlohmann::json& v, const std::string& pointer, int depth) {
    ++pos_;  // '['
    v = nlohmann::json::array();
    skipWs();
    if (pos_ < s_.size() && s_[pos_] == ']') {
      ++pos_;
      return true;
    }
    for (std::size_t i = 0;; ++i) {
      skipWs();
      v.push_back(nullptr);
      if (!value(v.back(), pointer + "/" + std::to_string(i), depth + 1)) return false;
      skipWs();
      if (pos_ < s_.size() && s_[pos_] == ',') {
        ++pos_;
        continue;
      }
      if (pos_ < s_.size() && s_[pos_] == ']') {
        ++pos_;
        return true;
      }
      return fail("expected ',' or ']' after an array element");
    }
  }

  static std::string hexByte(char c) {
    static constexpr char kHex[] = "0123456789ABCDEF";
    const auto b = static_cast<unsigned char>(c);
    return std::string("0x") + kHex[b >> 4] + kHex[b & 15];
  }

  static void appendUtf8(std::string& out, std::uint32_t cp) {
    if (cp < 0x80) {
      out += static_cast<char>(cp);
    } else if (cp < 0x800) {
      out += static_cast<char>(0xC0 | (cp >> 6));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
      out += static_cast<char>(0xE0 | (cp >> 12));
      out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
      out += static_cast<char>(0xF0 | (cp >> 18));
      out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
      out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    }
  }

  bool hex4(std::uint32_t& cp) {
    if (pos_ + 4 > s_.size()) return fail("truncated \\u escape");
    cp = 0;
    for (int i = 0; i < 4; ++i) {
      const char h = s_[pos_++];
      cp <<= 4;
      if (h >= '0' && h <= '9') {
        cp |= static_cast<std::uint32_t>(h - '0');
      } else if (h >= 'a' && h <= 'f') {
        cp |= static_cast<std::uint32_t>(h - 'a' + 10);
      } else if (h >= 'A' && h <= 'F') {
        cp |= static_cast<std::uint32_t>(h - 'A' + 10);
      } else {
        --pos_;
        return fail("invalid hex digit in \\u escape");
      }
    }
    return true;
  }

  // Validates UTF-8 of one multi-byte sequence starting at pos_ (lead byte >= 0x80).
  bool utf8(std::string& out) {
    std::uint32_t cp = 0;
    const int len = utf8Sequence(s_, pos_, cp);
    if (len == 0) return fail("invalid UTF-8 in string");
    out.append(s_.substr(pos_, static_cast<std::size_t>(len)));
    pos_ += static_cast<std::size_t>(len);
    return true;
  }

  bool string(std::string& out) {
    ++pos_;  // opening quote
    while (true) {
      if (pos_ >= s_.size()) return fail("unterminated string");
      const char c = s_[pos_];
      if (c == '"') {
        ++pos_;
        return true;
      }
      if (static_cast<unsigned char>(c) < 0x20) return fail("control character in string");
      if (static_cast<unsigned char>(c) >= 0x80) {
        if (!utf8(out)) return false;
        continue;
      }
      if (c != '\\') {
        out += c;
        ++pos_;
        continue;
      }
      ++pos_;
      if (pos_ >= s_.size()) return fail("unterminated string");
      const char e = s_[pos_++];
      switch (e) {
        case '"':
          out += '"';
          break;
        case '\\':
          out += '\\';
          break;
        case '/':
          out += '/';
          break;
        case 'b':
          out += '\b';
          break;
        case 'f':
          out += '\f';
          break;
        case 'n':
          out += '\n';
          break;
        case 'r':
          out += '\r';
          break;
        case 't':
          out += '\t';
          break;
        case 'u': {
          std::uint32_t cp = 0;
          if (!hex4(cp)) return false;
          if (cp >= 0xD800 && cp <= 0xDBFF) {
            if (s_.substr(pos_, 2) != "\\u") return fail("unpaired surrogate in \\u escape");
            pos_ += 2;
            std::uint32_t lo = 0;
            if (!hex4(lo)) return false;
            if (lo < 0xDC00 || lo > 0xDFFF) return fail("unpaired surrogate in \\u escape");
            cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
          } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
            return fail("unpaired surrogate in \\u escape");
          }
          appendUtf8(out, cp);
          break;
        }
        default:
          --pos_;
          return fail("invalid escape in string");
      }
    }
  }

  bool number(nlohmann::json& v) {
    const std::size_t start = pos_;
    if (s_[pos_] == '-') ++pos_;
    auto digit = [&] { return pos_ < s_.size() && s_[pos_] >= '0' && s_[pos_] <= '9'; };
    if (!digit()) return fail("invalid number");
    if (s_[pos_] == '0') {
      ++pos_;
    } else {
      while (digit()) ++pos_;
    }
    bool isInteger = true;
    if (pos_ < s_.size() && s_[pos_] == '.') {
      isInteger = false;
      ++pos_;
      if (!digit()) return fail("invalid number");
      while (digit()) ++pos_;
    }
    if (pos_ < s_.size() && (s_[pos_] == 'e' || s_[pos_] == 'E')) {
      isInteger = false;
      ++pos_;
      if (pos_ < s_.size() && (s_[pos_] == '+' || s_[pos_] == '-')) ++pos_;
      if (!digit()) return fail("invalid number");
      while (digit()) ++pos_;
    }
    const std::string_view text = s_.substr(start, pos_ - start);
    if (isInteger) {
      std::int64_t i = 0;
      const auto r = std::from_chars(text.data(), text.data() + text.size(), i);
      if (r.ec == std::errc()) {
        v = i;
        return true;
      }
    }
    // strtod needs a terminated buffer; numbers are short.
    const std::string copy(text);
    char* end = nullptr;
    const double d = std::strtod(copy.c_str(), &end);
    if (end != copy.c_str() + copy.size() || !std::isfinite(d)) {
      pos_ = start;
      return fail("number out of range");
    }
    v = d;
    return true;
  }
};

}  // namespace

bool parseJsonWithPositions(std::string_view text, PositionedJson& out, JsonParseError& error) {
  out = PositionedJson{};
  Parser p(text, out);
  return p.run(error);
}

}  // namespace sv::stretches

// A small JSON reader that remembers where every value starts.
//
// nlohmann::json cannot report element positions, and validation errors must name the file,
// line and column of the offending value. This recursive-descent reader builds the same
// nlohmann::json document and, beside it, a map from each value's JSON pointer
// ("/poses/end/hip.flexion") to the byte offset where the value starts (for object members,
// the offset of the value, not of the key). Strict RFC 8259: no comments, no trailing
// commas, no NaN/Infinity; duplicate object keys are an error (a silently dropped key would
// hide a mistake in a hand-written file). Nesting is limited to 64 levels so hostile input
// cannot overflow the stack. A UTF-8 byte-order mark is skipped (offsets still count it);
// UTF-16/UTF-32 text is refused with a message saying so.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <unordered_map>

#include <nlohmann/json.hpp>

namespace sv::stretches {

struct PositionedJson {
  nlohmann::json value;
  std::unordered_map<std::string, std::size_t> offsets;  // JSON pointer -> byte offset

  // Offset of the value at `pointer`, or of its nearest ancestor that has one (0 if none).
  std::size_t offsetOf(std::string_view pointer) const;
};

struct JsonParseError {
  std::size_t offset = 0;
  std::string message;  // e.g. "expected ',' or '}' after an object member"
};

// Returns false and fills `error` on malformed input; `out` is then unspecified.
bool parseJsonWithPositions(std::string_view text, PositionedJson& out, JsonParseError& error);

// Escapes one JSON pointer reference token ("~" -> "~0", "/" -> "~1").
std::string escapePointerToken(std::string_view token);

}  // namespace sv::stretches

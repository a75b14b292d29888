#include "core/file_io.h"
#include "stretches/json_reader.h"
#include "test_support.h"

using namespace sv::stretches;

TEST_CASE("json reader: values and positions", "[json]") {
  const std::string text =
      "{\n  \"a\": [1, 2.5, \"x\"],\n  \"b/c\": {\"d~\": true, \"n\": null}\n}";
  PositionedJson doc;
  JsonParseError err;
  REQUIRE(parseJsonWithPositions(text, doc, err));
  CHECK(doc.value == nlohmann::json::parse(text));
  auto at = [&](const char* ptr) {
    const auto p = sv::positionOfOffset(text, doc.offsetOf(ptr));
    return std::to_string(p.line) + ":" + std::to_string(p.column);
  };
  CHECK(at("") == "1:1");
  CHECK(at("/a") == "2:8");
  CHECK(at("/a/1") == "2:12");
  CHECK(at("/a/2") == "2:17");
  CHECK(at("/b~1c/d~0") == "3:17");
  CHECK(at("/b~1c/missing") == "3:10");  // nearest ancestor
}

TEST_CASE("json reader: strings, escapes, numbers", "[json]") {
  PositionedJson doc;
  JsonParseError err;
  REQUIRE(
      parseJsonWithPositions(R"(["\u00e9\ud83d\ude00\n", -0.5e2, 12345678901, "é"])", doc, err));
  CHECK(doc.value[0] == "\xC3\xA9\xF0\x9F\x98\x80\n");
  CHECK(doc.value[1].get<double>() == -50.0);
  CHECK(doc.value[2].get<std::int64_t>() == 12345678901);
  CHECK(doc.value[3] == "\xC3\xA9");
}

TEST_CASE("json reader: malformed input", "[json]") {
  struct Case {
    const char* text;
    std::size_t offset;
    const char* message;
  };
  for (const Case& c :
       {Case{"", 0, "unexpected end of input, expected a value"},
        Case{"{\"a\" 1}", 5, "expected ':' after an object key"},
        Case{"[1,]", 3, "unexpected character ']', expected a value"},
        Case{"[01]", 2, "expected ',' or ']' after an array element"},
        Case{"nul", 0, "invalid literal"}, Case{"\"\\x\"", 2, "invalid escape in string"},
        Case{"\"\\ud800\"", 7, "unpaired surrogate in \\u escape"},
        Case{"1e999", 0, "number out of range"},
        Case{"{} x", 3, "unexpected content after the JSON value"},
        Case{"{\"a\":1,\"a\":2}", 7, "duplicate key \"a\""}}) {
    INFO(c.text);
    PositionedJson doc;
    JsonParseError err;
    CHECK_FALSE(parseJsonWithPositions(c.text, doc, err));
    CHECK(err.offset == c.offset);
    CHECK(err.message == c.message);
  }
}

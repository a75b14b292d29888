// libFuzzer target for the stretch parser: position-tracking JSON reader + validator.
// Any input must produce either a stretch or at least one well-formed error line, and never
// crash, hang or trip AddressSanitizer.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "fuzz_support.h"
#include "stretches/stretch_loader.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const sv::stretches::StretchParseResult r =
      sv::stretches::parseStretch(text, "fuzz.json", sv::fuzz::rom());
  FUZZ_CHECK(r.ok() != !r.errors.empty());  // exactly one of: a stretch, errors
  for (const auto& e : r.errors) {
    FUZZ_CHECK(e.rfind("fuzz.json:", 0) == 0);      // names the file (then line:col)
    FUZZ_CHECK(e.find('\n') == std::string::npos);  // one line per error
  }
  return 0;
}

// libFuzzer target for the settings file: any input must give settings whose every value
// lies in its valid range, with a warning of well-formed lines when something was reset, and
// never crash, hang or trip AddressSanitizer.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "fuzz_support.h"
#include "ui/settings.h"

namespace {
bool within(float v, const float (&range)[2]) {
  return v >= range[0] && v <= range[1];
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const sv::ui::LoadedSettings r = sv::ui::parseSettings(text, "fuzz.json");
  const sv::ui::Settings& s = r.settings;
  FUZZ_CHECK(within(s.uiScale, sv::ui::kUiScaleRange));
  FUZZ_CHECK(within(s.speed, sv::ui::kSpeedRange));
  FUZZ_CHECK(s.repetitions >= sv::ui::kRepetitionsRange[0] &&
             s.repetitions <= sv::ui::kRepetitionsRange[1]);
  FUZZ_CHECK(!s.holdSeconds || within(*s.holdSeconds, sv::ui::kHoldSecondsRange));
  FUZZ_CHECK(!s.measuredRange || within(*s.measuredRange, sv::ui::kMeasuredRangeDegrees));
  FUZZ_CHECK(within(s.layout.leftWidth, sv::ui::kStoredWidthRange));
  FUZZ_CHECK(within(s.layout.rightWidth, sv::ui::kStoredWidthRange));
  FUZZ_CHECK(within(s.layout.groupsShare, sv::ui::kStoredShareRange));
  FUZZ_CHECK(s.side == "left" || s.side == "right");
  FUZZ_CHECK(r.state != sv::ui::SettingsFileState::Valid || !r.warning);
  if (r.warning) {
    // Lines of "fuzz.json…", nothing from the file unescaped.
    std::size_t start = 0;
    while (start <= r.warning->size()) {
      const std::size_t end = std::min(r.warning->find('\n', start), r.warning->size());
      const std::string line = r.warning->substr(start, end - start);
      FUZZ_CHECK(line.rfind("fuzz.json", 0) == 0);
      for (char c : line) FUZZ_CHECK(static_cast<unsigned char>(c) >= 0x20 && c != 0x7F);
      start = end + 1;
    }
  }
  return 0;
}

// libFuzzer target for pose files (--report --pose): the position-tracking JSON reader and
// the pose validator. Any input must give a pose within the absolute limits or one
// well-formed error line, and never crash, hang or trip AddressSanitizer.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "fuzz_support.h"
#include "muscles/report.h"
#include "stretches/stretch_loader.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  auto pose = sv::muscles::parsePoseFile(text, "fuzz.json", sv::fuzz::rom());
  if (!pose) {
    const std::string& e = pose.error().message;
    FUZZ_CHECK(e.rfind("fuzz.json:", 0) == 0);      // names the file (then line:col)
    FUZZ_CHECK(e.find('\n') == std::string::npos);  // one line
    return 0;
  }
  for (int m = 0; m < sv::anatomy::kMotionCount; ++m) {
    const auto motion = static_cast<sv::anatomy::Motion>(m);
    const sv::anatomy::RomLimits lim = sv::stretches::absoluteLimits(sv::fuzz::rom(), motion);
    for (auto side : {sv::anatomy::Side::Left, sv::anatomy::Side::Right}) {
      const float v =
          sv::anatomy::isBilateral(motion) ? pose->get(motion, side) : pose->get(motion);
      FUZZ_CHECK(v == 0.0f || (v >= lim.min && v <= lim.max));
    }
  }
  return 0;
}

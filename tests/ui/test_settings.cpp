#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

#include "core/file_io.h"
#include "ui/settings.h"

namespace fs = std::filesystem;

namespace {
fs::path scratch(const char* name) {
  const fs::path d = fs::temp_directory_path() / "sv_test_settings" / name;
  fs::remove_all(d);
  fs::create_directories(d);
  return d / "settings.json";
}
}  // namespace

TEST_CASE("settings: a missing file gives the defaults without a warning") {
  const auto loaded = sv::ui::loadSettings(scratch("missing"));
  CHECK_FALSE(loaded.warning);
  CHECK(loaded.settings.uiScale == 1.0f);
  CHECK(loaded.settings.technique == "static");
}

TEST_CASE("settings: save then load round-trips every field") {
  const fs::path p = scratch("roundtrip");
  sv::ui::Settings s;
  s.uiScale = 1.5f;
  s.showDetails = false;
  s.layout.leftWidth = 410.0f;
  s.layout.groupsShare = 0.55f;
  s.layout.gaugeHeight = 280.0f;
  s.lastStretch = "pectorals-seated-hands-behind-head";
  s.side = "left";
  s.technique = "contract_relax";
  s.flexibility = "stiff";
  s.measuredRange = 55.0f;
  s.holdSeconds = 45.0f;
  s.selectedGroups = {"pectorals", "biceps"};
  s.groupSide = "left";
  s.speed = 0.5f;
  s.loop = false;
  s.repetitions = 3;
  s.adaptiveResolution = false;
  REQUIRE(sv::ui::saveSettings(p, s).ok());
  // Atomic write leaves no temporary file behind.
  int files = 0;
  for (const auto& e : fs::directory_iterator(p.parent_path())) {
    (void)e;
    ++files;
  }
  CHECK(files == 1);
  const auto loaded = sv::ui::loadSettings(p);
  CHECK_FALSE(loaded.warning);
  CHECK(sv::ui::serializeSettings(loaded.settings) == sv::ui::serializeSettings(s));
}

TEST_CASE("settings: corrupt JSON is reported with file and position, defaults are used") {
  const fs::path p = scratch("corrupt");
  std::ofstream(p) << "{\n  \"ui_scale\": 1.5,\n  \"side\": \n}";
  const auto loaded = sv::ui::loadSettings(p);
  REQUIRE(loaded.warning);
  CHECK(loaded.warning->find(p.string() + ":4:") != std::string::npos);
  CHECK(loaded.warning->find("not valid JSON") != std::string::npos);
  CHECK(loaded.settings.uiScale == 1.0f);
}

TEST_CASE("settings: wrong types and unknown values reset only those fields") {
  const fs::path p = scratch("types");
  std::ofstream(p) << R"({"ui_scale": "big", "side": "middle", "speed": 1.5, "technique": "crac"})";
  const auto loaded = sv::ui::loadSettings(p);
  REQUIRE(loaded.warning);
  CHECK(loaded.warning->find("'ui_scale' has the wrong type") != std::string::npos);
  CHECK(loaded.warning->find("'side' has an unknown value 'middle'") != std::string::npos);
  CHECK(loaded.settings.uiScale == 1.0f);
  CHECK(loaded.settings.side == "right");
  CHECK(loaded.settings.speed == 1.5f);
  CHECK(loaded.settings.technique == "crac");
}

TEST_CASE("settings: values are clamped to their ranges, and a non-object is corrupt") {
  const fs::path p = scratch("clamp");
  std::ofstream(p) << R"({"ui_scale": 9, "speed": 0.01, "repetitions": 99})";
  const auto loaded = sv::ui::loadSettings(p);
  CHECK_FALSE(loaded.warning);
  CHECK(loaded.settings.uiScale == 2.0f);
  CHECK(loaded.settings.speed == 0.25f);
  CHECK(loaded.settings.repetitions == 10);
  std::ofstream(p) << "[1, 2, 3]";
  const auto arr = sv::ui::loadSettings(p);
  REQUIRE(arr.warning);
  CHECK(arr.warning->find("not a JSON object") != std::string::npos);
}

TEST_CASE("settings: the path follows XDG_CONFIG_HOME") {
  setenv("XDG_CONFIG_HOME", "/tmp/xdg-test", 1);
  CHECK(sv::ui::defaultSettingsPath() == fs::path("/tmp/xdg-test/stretchviz/settings.json"));
  unsetenv("XDG_CONFIG_HOME");
  setenv("HOME", "/home/someone", 1);
  CHECK(sv::ui::defaultSettingsPath() ==
        fs::path("/home/someone/.config/stretchviz/settings.json"));
}

#include <sys/stat.h>
#include <unistd.h>
#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "core/file_io.h"
#include "ui/settings.h"

namespace fs = std::filesystem;

namespace {
using sv::Status;

// A fresh folder per test and process (parallel runs of other checkouts share /tmp).
fs::path scratch(const char* name) {
  const fs::path d =
      fs::temp_directory_path() / ("sv_test_settings_" + std::to_string(::getpid())) / name;
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
  s.clientBody = {0.2f, 0.4f, 0.7f, 0.3f, 1.62f};
  s.practitionerBody = {0.9f, 0.1f, 0.6f, 0.8f, 0.0f};
  s.clothing = false;
  s.leftCollapsed = true;
  s.screenshotScope = "view";
  s.screenshotWidth = 1920;
  s.screenshotHeight = 1080;
  s.screenshotTransparent = true;
  s.showRoutine = true;
  s.practitionerName = "Jo Okafor, PT";
  s.clinic = "Riverside Physio";
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

TEST_CASE("settings: values outside their ranges are refused with position and range") {
  const fs::path p = scratch("ranges");
  std::ofstream(p) << "{\"ui_scale\": 9, \"speed\": 0.01,\n \"repetitions\": 1e10,\n"
                      " \"measured_range_deg\": -1e30, \"hold_seconds\": 1e39}";
  const auto loaded = sv::ui::loadSettings(p);
  REQUIRE(loaded.warning);
  CHECK(loaded.state == sv::ui::SettingsFileState::Repaired);
  const std::string& w = *loaded.warning;
  CHECK(w.find(p.string() + ":1:14: 'ui_scale' is out of range: 9 is outside [0.75, 2]; "
                            "using the default 1") != std::string::npos);
  CHECK(w.find(p.string() + ":2:17: 'repetitions' is out of range: 1e+10 is outside [1, 10]; "
                            "using the default 1") != std::string::npos);
  CHECK(w.find("'measured_range_deg' is out of range: -1e+30 is outside [-180, 180]") !=
        std::string::npos);
  CHECK(w.find("'hold_seconds' is out of range: 1e+39 is outside [5, 120]") != std::string::npos);
  CHECK(w.find("'speed' is out of range: 0.01 is outside [0.25, 2]") != std::string::npos);
  CHECK(loaded.settings.uiScale == 1.0f);
  CHECK(loaded.settings.speed == 1.0f);
  CHECK(loaded.settings.repetitions == 1);
  CHECK_FALSE(loaded.settings.measuredRange);
  CHECK_FALSE(loaded.settings.holdSeconds);
  std::ofstream(p) << R"({"repetitions": 2.5})";
  CHECK(sv::ui::loadSettings(p).warning->find("'repetitions' is not an integer: 2.5") !=
        std::string::npos);
  std::ofstream(p) << "[1, 2, 3]";
  const auto arr = sv::ui::loadSettings(p);
  REQUIRE(arr.warning);
  CHECK(arr.warning->find("not a JSON object") != std::string::npos);
}

TEST_CASE("settings: a body shape field out of range is clamped with a warning") {
  const fs::path p = scratch("shapes");
  std::ofstream(p) << "{\"client_body\": {\"sex\": 0.1, \"muscle\": 7,\n \"height_m\": 0.5, "
                      "\"age\": \"old\"},\n"
                      " \"practitioner_body\": \"tall\", \"clothing\": 1}";
  const auto loaded = sv::ui::loadSettings(p);
  REQUIRE(loaded.warning);
  const std::string& w = *loaded.warning;
  INFO(w);
  const sv::body::BodyShape client = sv::body::defaultClientShape();
  CHECK(w.find(p.string() + ":1:40: 'client_body.muscle' is out of range: 7 is outside [0, 1]; "
                            "clamped to 1") != std::string::npos);
  CHECK(w.find(p.string() + ":2:14: 'client_body.height_m' is out of range: 0.5 is outside "
                            "[1.4, 2.1]; clamped to 1.4") != std::string::npos);
  CHECK(w.find("'client_body.age' has the wrong type (expected a number)") != std::string::npos);
  CHECK(w.find("'practitioner_body' has the wrong type (expected an object)") != std::string::npos);
  CHECK(w.find("'clothing' has the wrong type") != std::string::npos);
  CHECK(loaded.settings.clientBody.sex == 0.1f);
  CHECK(loaded.settings.clientBody.muscle == 1.0f);
  CHECK(loaded.settings.clientBody.height == sv::body::kMinHeight);
  CHECK(loaded.settings.clientBody.age == client.age);
  CHECK(loaded.settings.practitionerBody == sv::body::defaultPractitionerShape());
  CHECK(loaded.settings.clothing);
  // 0 is the average height, not out of range.
  std::ofstream(p) << R"({"client_body": {"height_m": 0}})";
  const auto average = sv::ui::loadSettings(p);
  CHECK_FALSE(average.warning);
  CHECK(average.settings.clientBody.height == 0.0f);
}

TEST_CASE("settings: the saved measured range is part of the client profile at start-up") {
  sv::ui::Settings s;
  s.flexibility = "stiff";
  s.measuredRange = 55.0f;
  s.holdSeconds = 40.0f;
  const sv::stretches::ClientProfile p = sv::ui::clientProfile(s);
  REQUIRE(p.measuredKeyRange);
  CHECK(*p.measuredKeyRange == 55.0f);
  CHECK(p.flexibility == sv::stretches::Flexibility::Stiff);
  REQUIRE(p.holdSeconds);
  CHECK(*p.holdSeconds == 40.0f);
}

TEST_CASE("settings: a file that cannot be read is reported and never written over") {
  const fs::path p = scratch("unreadable");
  fs::create_directories(p);  // a directory where the file should be
  const auto dir = sv::ui::openSettings(p);
  CHECK(dir.state == sv::ui::SettingsFileState::Unreadable);
  CHECK_FALSE(dir.mayOverwrite);
  REQUIRE(dir.warning);
  CHECK(dir.warning->find("is a directory") != std::string::npos);
  CHECK(dir.warning->find("not saved") != std::string::npos);
  CHECK(fs::is_directory(p));

  const fs::path fifo = scratch("fifo");
  REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
  const auto f = sv::ui::openSettings(fifo);  // blocked forever before
  CHECK(f.state == sv::ui::SettingsFileState::Unreadable);
  CHECK_FALSE(f.mayOverwrite);
  CHECK(fs::is_fifo(fifo));

  // Permission denied (not testable as root, who reads anything).
  const fs::path locked = scratch("locked");
  std::ofstream(locked) << R"({"ui_scale": 1.5})";
  fs::permissions(locked, fs::perms::none);
  if (::access(locked.c_str(), R_OK) != 0) {
    const auto l = sv::ui::openSettings(locked);
    CHECK(l.state == sv::ui::SettingsFileState::Unreadable);
    CHECK_FALSE(l.mayOverwrite);
  }
  fs::permissions(locked, fs::perms::owner_read | fs::perms::owner_write);
}

TEST_CASE("settings: a corrupt file is kept as settings.json.bad before the defaults are used") {
  const fs::path p = scratch("backup");
  const std::string text = "{\n  \"ui_scale\": 1.5,\n  \"side\": \n}";
  std::ofstream(p) << text;
  const auto first = sv::ui::openSettings(p);
  CHECK(first.state == sv::ui::SettingsFileState::Corrupt);
  CHECK(first.mayOverwrite);
  REQUIRE(first.warning);
  CHECK(first.warning->find("kept as " + p.string() + ".bad") != std::string::npos);
  CHECK_FALSE(fs::exists(p));
  auto kept = sv::readFile(p.string() + ".bad");
  REQUIRE(kept.ok());
  CHECK(*kept == text);
  // A second bad file does not replace the first backup.
  std::ofstream(p) << "{oops";
  const auto second = sv::ui::openSettings(p);
  CHECK(second.warning->find("kept as " + p.string() + ".bad.2") != std::string::npos);
  CHECK(*sv::readFile(p.string() + ".bad") == text);
  CHECK(*sv::readFile(p.string() + ".bad.2") == "{oops");
  // Values that were reset are kept too, since the next save writes the defaults.
  std::ofstream(p) << R"({"ui_scale": "big"})";
  const auto repaired = sv::ui::openSettings(p);
  CHECK(repaired.state == sv::ui::SettingsFileState::Repaired);
  CHECK(fs::exists(p.string() + ".bad.3"));
  // A valid file stays where it is.
  std::ofstream(p) << R"({"ui_scale": 1.25})";
  const auto ok = sv::ui::openSettings(p);
  CHECK(ok.state == sv::ui::SettingsFileState::Valid);
  CHECK_FALSE(ok.warning);
  CHECK(fs::exists(p));
  CHECK(ok.settings.uiScale == 1.25f);
}

TEST_CASE("settings: an oversized file is corrupt and kept, not read") {
  const fs::path p = scratch("oversized");
  std::ofstream(p) << "{\"ui_scale\": 1.5" << std::string(sv::ui::kMaxSettingsFileBytes, ' ')
                   << "}";
  const auto loaded = sv::ui::openSettings(p);
  CHECK(loaded.state == sv::ui::SettingsFileState::Corrupt);
  REQUIRE(loaded.warning);
  CHECK(loaded.warning->find("settings file too large") != std::string::npos);
  CHECK(fs::exists(p.string() + ".bad"));
}

TEST_CASE("settings: saving writes through a symbolic link and keeps the file's mode") {
  const fs::path p = scratch("symlink");
  const fs::path real = p.parent_path() / "dotfiles" / "stretchviz.json";
  fs::create_directories(real.parent_path());
  std::ofstream(real) << "{}";
  fs::permissions(real, fs::perms::owner_read | fs::perms::owner_write);  // 0600
  fs::create_symlink(real, p);
  sv::ui::Settings s;
  s.uiScale = 1.5f;
  REQUIRE(sv::ui::saveSettings(p, s).ok());
  CHECK(fs::is_symlink(p));  // was replaced by a regular file before
  CHECK(fs::read_symlink(p) == real);
  CHECK(sv::ui::loadSettings(real).settings.uiScale == 1.5f);
  CHECK(fs::status(real).permissions() == (fs::perms::owner_read | fs::perms::owner_write));

  // A read-only file stays read-only.
  const fs::path ro = scratch("readonly");
  std::ofstream(ro) << "{}";
  fs::permissions(ro, fs::perms::owner_read | fs::perms::group_read | fs::perms::others_read);
  REQUIRE(sv::ui::saveSettings(ro, s).ok());
  CHECK(fs::status(ro).permissions() ==
        (fs::perms::owner_read | fs::perms::group_read | fs::perms::others_read));
}

TEST_CASE("settings: saving over something that is not a regular file is refused") {
  const fs::path p = scratch("special");
  REQUIRE(::mkfifo(p.c_str(), 0600) == 0);
  const Status st = sv::ui::saveSettings(p, sv::ui::Settings{});
  REQUIRE_FALSE(st.ok());
  CHECK(st.error().message.find("is not a regular file (a FIFO); not replaced") !=
        std::string::npos);
  CHECK(fs::is_fifo(p));  // the rename replaced it with a regular file before
}

TEST_CASE("settings: a BOM is accepted, UTF-16 is named, CR-only files get real line numbers") {
  const fs::path p = scratch("encoding");
  std::ofstream(p) << "\xEF\xBB\xBF{\"ui_scale\": 1.5}";
  const auto bom = sv::ui::loadSettings(p);
  CHECK_FALSE(bom.warning);
  CHECK(bom.settings.uiScale == 1.5f);
  std::ofstream(p, std::ios::binary) << std::string("\xFF\xFE{\0}\0", 6);
  const auto utf16 = sv::ui::loadSettings(p);
  REQUIRE(utf16.warning);
  CHECK(utf16.warning->find("UTF-16") != std::string::npos);
  std::ofstream(p) << "{\r\"ui_scale\": 1.5,\r\"speed\": \"fast\"}";
  const auto cr = sv::ui::loadSettings(p);
  REQUIRE(cr.warning);
  CHECK(cr.warning->find(p.string() + ":3:10: 'speed' has the wrong type") != std::string::npos);
}

TEST_CASE("settings: the path follows XDG_CONFIG_HOME") {
  const std::string home = std::getenv("HOME");
  setenv("XDG_CONFIG_HOME", "/tmp/xdg-test", 1);
  CHECK(sv::ui::defaultSettingsPath() == fs::path("/tmp/xdg-test/stretchviz/settings.json"));
  unsetenv("XDG_CONFIG_HOME");
  setenv("HOME", "/home/someone", 1);
  CHECK(sv::ui::defaultSettingsPath() ==
        fs::path("/home/someone/.config/stretchviz/settings.json"));
  // The test environment (support/isolated_home.cpp) again.
  setenv("HOME", home.c_str(), 1);
  setenv("XDG_CONFIG_HOME", (home + "/config").c_str(), 1);
}

TEST_CASE("settings: the handout header's texts: a wrong type resets, a long one is cut") {
  const std::string longName = std::string(118, 'a') + "\u00e9\u00e9";  // 118 + 2×2 bytes
  const std::string text = "{\n  \"practitioner_name\": 42,\n  \"clinic\": \"" + longName +
                           "\",\n  \"panels\": {\"routine\": true}\n}\n";
  const auto loaded = sv::ui::parseSettings(text, "s.json");
  REQUIRE(loaded.warning);
  CHECK(loaded.warning->find("s.json:2:24: 'practitioner_name' has the wrong type") !=
        std::string::npos);
  CHECK(loaded.warning->find("s.json:3:13: 'clinic' is too long: 122 bytes, at most 120; cut to "
                             "the first 120") != std::string::npos);
  CHECK(loaded.settings.practitionerName.empty());
  CHECK(loaded.settings.clinic.size() == 120);  // 118 a's and one é: never half a character
  CHECK(loaded.settings.clinic.substr(118) == "\u00e9");
  CHECK(loaded.settings.showRoutine);
  CHECK_FALSE(sv::ui::Settings{}.showRoutine);  // hidden by default
}

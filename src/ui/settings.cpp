#include "ui/settings.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>

#include <nlohmann/json.hpp>

#include "core/file_io.h"
#include "core/text.h"
#include "stretches/json_reader.h"

namespace sv::ui {

using nlohmann::json;

std::filesystem::path defaultSettingsPath() {
  if (const char* x = std::getenv("XDG_CONFIG_HOME"); x && *x) {
    return std::filesystem::path(x) / "stretchviz" / "settings.json";
  }
  if (const char* h = std::getenv("HOME"); h && *h) {
    return std::filesystem::path(h) / ".config" / "stretchviz" / "settings.json";
  }
  return std::filesystem::path(".stretchviz-settings.json");
}

std::string serializeSettings(const Settings& s) {
  json j;
  j["version"] = 1;
  j["ui_scale"] = s.uiScale;
  j["panels"] = {{"groups", s.showGroups},         {"browser", s.showBrowser},
                 {"details", s.showDetails},       {"gauge", s.showGauge},
                 {"profile", s.showProfile},       {"stats", s.showStats},
                 {"left_folded", s.leftCollapsed}, {"right_folded", s.rightCollapsed},
                 {"routine", s.showRoutine}};
  const auto orNull = [](const std::optional<float>& v) { return v ? json(*v) : json(nullptr); };
  j["layout"] = {{"left_width", s.layout.leftWidth},
                 {"right_width", s.layout.rightWidth},
                 {"groups_share", s.layout.groupsShare},
                 {"gauge_height", orNull(s.layout.gaugeHeight)},
                 {"profile_height", orNull(s.layout.profileHeight)}};
  j["follow_limb"] = s.followLimb;
  j["skeleton_overlay"] = s.skeletonOverlay;
  j["wireframe"] = s.wireframe;
  j["heatmap"] = s.heatmap;
  j["muscle_paths"] = s.musclePaths;
  j["practitioner"] = s.practitioner;
  j["force_arrows"] = s.forceArrows;
  j["adaptive_resolution"] = s.adaptiveResolution;
  j["last_stretch"] = s.lastStretch;
  j["side"] = s.side;
  j["technique"] = s.technique;
  j["flexibility"] = s.flexibility;
  j["measured_range_deg"] = s.measuredRange ? json(*s.measuredRange) : json(nullptr);
  j["hold_seconds"] = s.holdSeconds ? json(*s.holdSeconds) : json(nullptr);
  j["selected_groups"] = s.selectedGroups;
  j["group_side"] = s.groupSide;
  j["speed"] = s.speed;
  j["loop"] = s.loop;
  j["repetitions"] = s.repetitions;
  const auto shape = [](const body::BodyShape& b) {
    return json{{"sex", b.sex},
                {"age", b.age},
                {"muscle", b.muscle},
                {"weight", b.weight},
                {"height_m", b.height}};
  };
  j["client_body"] = shape(s.clientBody);
  j["practitioner_body"] = shape(s.practitionerBody);
  j["clothing"] = s.clothing;
  j["screenshot_scope"] = s.screenshotScope;
  j["screenshot_width"] = s.screenshotWidth;
  j["screenshot_height"] = s.screenshotHeight;
  j["screenshot_transparent"] = s.screenshotTransparent;
  j["practitioner_name"] = s.practitionerName;
  j["clinic"] = s.clinic;
  j["changeover_seconds"] = s.changeoverSeconds;
  return j.dump(2) + "\n";
}

namespace {

std::string fmt(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.6g", v);
  return buf;
}

// Reads the settings document; every problem becomes one line with the value's position.
class Reader {
 public:
  Reader(const std::filesystem::path& path, std::string_view text,
         const stretches::PositionedJson& doc)
      : path_(path.string()), lines_(text), doc_(doc) {}

  std::vector<std::string> problems;

  // `name` is how the key is shown ('layout.left_width'), `ptr` its JSON pointer.
  void problem(const std::string& ptr, const std::string& name, const std::string& what,
               const std::string& defaultText) {
    report(ptr, name, what + "; using the default " + defaultText);
  }
  void report(const std::string& ptr, const std::string& name, const std::string& what) {
    const TextPosition p = lines_.position(doc_.offsetOf(ptr));
    problems.push_back(escapeForTerminal(path_ + ":" + std::to_string(p.line) + ":" +
                                         std::to_string(p.column) + ": '" + name + "' " + what));
  }

  // The member, or null when absent or null (a missing key is not a problem).
  static const json* find(const json& obj, const char* key) {
    auto it = obj.find(key);
    if (it == obj.end() || it->is_null()) return nullptr;
    return &*it;
  }

  void boolean(const json& obj, const std::string& base, const char* key, bool& out) {
    const json* v = find(obj, key);
    if (!v) return;
    if (!v->is_boolean()) {
      problem(base + "/" + key, name(base, key), "has the wrong type (expected true or false)",
              out ? "true" : "false");
      return;
    }
    out = v->get<bool>();
  }

  void string(const json& obj, const char* key, std::string& out) {
    const json* v = find(obj, key);
    if (!v) return;
    if (!v->is_string()) {
      problem(std::string("/") + key, key, "has the wrong type (expected a string)",
              "'" + out + "'");
      return;
    }
    out = v->get<std::string>();
  }

  void oneOf(const json& obj, const char* key, std::string& out,
             std::initializer_list<const char*> allowed) {
    std::string v = out;
    const std::size_t before = problems.size();
    string(obj, key, v);
    if (problems.size() != before) return;
    if (std::find_if(allowed.begin(), allowed.end(), [&](const char* a) { return v == a; }) ==
        allowed.end()) {
      std::string list;
      for (const char* a : allowed) {
        if (!list.empty()) list += ", ";
        list += a;
      }
      problem(std::string("/") + key, key,
              "has an unknown value '" + v + "' (expected " + list + ")", "'" + out + "'");
      return;
    }
    out = v;
  }

  // A number within [lo, hi] (checked in double: 1e39 must not become infinity first).
  template <class T>
  void number(const json& obj, const std::string& base, const char* key, double lo, double hi,
              T& out) {
    const json* v = find(obj, key);
    if (!v) return;
    const std::string nm = name(base, key);
    const std::string ptr = base + "/" + key;
    if (!v->is_number()) {
      problem(ptr, nm, "has the wrong type (expected a number)", defaultText(out));
      return;
    }
    const double d = v->get<double>();
    if (!(d >= lo && d <= hi)) {  // also false for NaN
      problem(ptr, nm,
              "is out of range: " + fmt(d) + " is outside [" + fmt(lo) + ", " + fmt(hi) + "]",
              defaultText(out));
      return;
    }
    out = static_cast<float>(d);
  }

  // An integer within [lo, hi]; 1e10 is refused as out of range, 2.5 as not an integer.
  void integer(const json& obj, const char* key, int lo, int hi, int& out) {
    const json* v = find(obj, key);
    if (!v) return;
    const std::string ptr = std::string("/") + key;
    if (!v->is_number()) {
      problem(ptr, key, "has the wrong type (expected an integer)", std::to_string(out));
      return;
    }
    const double d = v->get<double>();
    if (std::trunc(d) != d) {
      problem(ptr, key, "is not an integer: " + fmt(d), std::to_string(out));
      return;
    }
    if (!(d >= lo && d <= hi)) {
      problem(ptr, key,
              "is out of range: " + fmt(d) + " is outside [" + std::to_string(lo) + ", " +
                  std::to_string(hi) + "]",
              std::to_string(out));
      return;
    }
    out = static_cast<int>(d);
  }

  // A string of at most `maxBytes`: a longer one is cut there, at a UTF-8 character
  // boundary, with a warning (the rest of the value is kept, as a number is clamped).
  void text(const json& obj, const char* key, std::size_t maxBytes, std::string& out) {
    std::string v = out;
    const std::size_t before = problems.size();
    string(obj, key, v);
    if (problems.size() != before) return;
    if (v.size() > maxBytes) {
      std::size_t cut = maxBytes;
      while (cut > 0 && (static_cast<unsigned char>(v[cut]) & 0xC0) == 0x80) --cut;
      report(std::string("/") + key, key,
             "is too long: " + std::to_string(v.size()) + " bytes, at most " +
                 std::to_string(maxBytes) + "; cut to the first " + std::to_string(cut));
      v.resize(cut);
    }
    out = v;
  }

  void strings(const json& obj, const char* key, std::vector<std::string>& out) {
    const json* v = find(obj, key);
    if (!v) return;
    bool ok = v->is_array();
    for (std::size_t i = 0; ok && i < v->size(); ++i) ok = (*v)[i].is_string();
    if (!ok) {
      problem(std::string("/") + key, key, "has the wrong type (expected a list of strings)",
              "(none)");
      return;
    }
    out = v->get<std::vector<std::string>>();
  }

  // A body shape object ('client_body'). A field outside its range is clamped into it and
  // reported (the figure takes the nearest shape the body can have); a wrong type keeps the
  // field's default.
  void shape(const json& obj, const char* key, body::BodyShape& out) {
    const json* v = find(obj, key);
    if (!v) return;
    if (!v->is_object()) {
      problem(std::string("/") + key, key, "has the wrong type (expected an object)", "build");
      return;
    }
    const std::string base = std::string("/") + key;
    clamped(*v, base, "sex", 0.0, 1.0, out.sex);
    clamped(*v, base, "age", 0.0, 1.0, out.age);
    clamped(*v, base, "muscle", 0.0, 1.0, out.muscle);
    clamped(*v, base, "weight", 0.0, 1.0, out.weight);
    // 0 means "MakeHuman's average height"; anything else is a plausible adult height.
    if (const json* h = find(*v, "height_m"); h && h->is_number() && h->get<double>() == 0.0) {
      out.height = 0.0f;
    } else {
      clamped(*v, base, "height_m", body::kMinHeight, body::kMaxHeight, out.height);
    }
  }

  void clamped(const json& obj, const std::string& base, const char* key, double lo, double hi,
               float& out) {
    const json* v = find(obj, key);
    if (!v) return;
    const std::string nm = name(base, key);
    const std::string ptr = base + "/" + key;
    if (!v->is_number()) {
      problem(ptr, nm, "has the wrong type (expected a number)", defaultText(out));
      return;
    }
    const double d = v->get<double>();
    const double c = std::clamp(d, lo, hi);
    if (c != d) {
      report(ptr, nm,
             "is out of range: " + fmt(d) + " is outside [" + fmt(lo) + ", " + fmt(hi) +
                 "]; clamped to " + fmt(c));
    }
    out = static_cast<float>(c);
  }

 private:
  std::string path_;
  LineIndex lines_;
  const stretches::PositionedJson& doc_;

  static std::string name(const std::string& base, const char* key) {
    return base.empty() ? std::string(key) : base.substr(1) + "." + key;
  }
  static std::string defaultText(float v) { return fmt(v); }
  static std::string defaultText(const std::optional<float>& v) {
    return v ? fmt(*v) : std::string("(automatic)");
  }
};

LoadedSettings corrupt(const std::filesystem::path& path, const std::string& what) {
  LoadedSettings out;
  out.state = SettingsFileState::Corrupt;
  out.warning = escapeForTerminal(path.string() + what) + " — using default settings";
  return out;
}

}  // namespace

LoadedSettings loadSettings(const std::filesystem::path& path) {
  LoadedSettings out;
  std::error_code ec;
  const auto status = std::filesystem::status(path, ec);
  if (status.type() == std::filesystem::file_type::not_found) return out;  // also a dangling link
  auto unreadable = [&](const std::string& why) {
    out.state = SettingsFileState::Unreadable;
    out.mayOverwrite = false;
    out.warning = escapeForTerminal(why) +
                  " — using default settings; the file is left alone and settings are not saved "
                  "this session";
    return out;
  };
  if (ec) return unreadable(path.string() + ": " + ec.message());
  if (std::filesystem::is_regular_file(status)) {
    const auto size = std::filesystem::file_size(path, ec);
    if (!ec && size > kMaxSettingsFileBytes) {
      return corrupt(path, ": settings file too large: " + formatBytes(size) + " (the limit is " +
                               formatBytes(kMaxSettingsFileBytes) + ")");
    }
  }
  auto text = readFile(path, kMaxSettingsFileBytes);
  if (!text) return unreadable(text.error().message);
  return parseSettings(*text, path);
}

LoadedSettings parseSettings(std::string_view text, const std::filesystem::path& path) {
  if (text.size() > kMaxSettingsFileBytes) {
    return corrupt(path, ": settings file too large: " + formatBytes(text.size()) +
                             " (the limit is " + formatBytes(kMaxSettingsFileBytes) + ")");
  }
  LoadedSettings out;
  stretches::PositionedJson doc;
  stretches::JsonParseError perr;
  if (!stretches::parseJsonWithPositions(text, doc, perr)) {
    const TextPosition pos = positionOfOffset(text, perr.offset);
    return corrupt(path, ":" + std::to_string(pos.line) + ":" + std::to_string(pos.column) +
                             ": settings file is not valid JSON (" + perr.message + ")");
  }
  const json& j = doc.value;
  if (!j.is_object()) return corrupt(path, ": settings file is not a JSON object");

  Settings s;
  Reader r(path, text, doc);
  r.number(j, "", "ui_scale", kUiScaleRange[0], kUiScaleRange[1], s.uiScale);
  if (const json* p = Reader::find(j, "panels"); p && p->is_object()) {
    r.boolean(*p, "/panels", "groups", s.showGroups);
    r.boolean(*p, "/panels", "browser", s.showBrowser);
    r.boolean(*p, "/panels", "details", s.showDetails);
    r.boolean(*p, "/panels", "gauge", s.showGauge);
    r.boolean(*p, "/panels", "profile", s.showProfile);
    r.boolean(*p, "/panels", "stats", s.showStats);
    r.boolean(*p, "/panels", "left_folded", s.leftCollapsed);
    r.boolean(*p, "/panels", "right_folded", s.rightCollapsed);
    r.boolean(*p, "/panels", "routine", s.showRoutine);
  } else if (p) {
    r.problem("/panels", "panels", "has the wrong type (expected an object)", "(all shown)");
  }
  // Panel sizes: a hand-edited or damaged file must not hide a panel or cover the viewport.
  if (const json* l = Reader::find(j, "layout"); l && l->is_object()) {
    r.number(*l, "/layout", "left_width", kStoredWidthRange[0], kStoredWidthRange[1],
             s.layout.leftWidth);
    r.number(*l, "/layout", "right_width", kStoredWidthRange[0], kStoredWidthRange[1],
             s.layout.rightWidth);
    r.number(*l, "/layout", "groups_share", kStoredShareRange[0], kStoredShareRange[1],
             s.layout.groupsShare);
    r.number(*l, "/layout", "gauge_height", kStoredHeightRange[0], kStoredHeightRange[1],
             s.layout.gaugeHeight);
    r.number(*l, "/layout", "profile_height", kStoredHeightRange[0], kStoredHeightRange[1],
             s.layout.profileHeight);
  } else if (l) {
    r.problem("/layout", "layout", "has the wrong type (expected an object)",
              "(the default layout)");
  }
  r.boolean(j, "", "follow_limb", s.followLimb);
  r.boolean(j, "", "skeleton_overlay", s.skeletonOverlay);
  r.boolean(j, "", "wireframe", s.wireframe);
  r.boolean(j, "", "heatmap", s.heatmap);
  r.boolean(j, "", "muscle_paths", s.musclePaths);
  r.oneOf(j, "practitioner", s.practitioner, {"shown", "ghosted", "hidden"});
  r.boolean(j, "", "force_arrows", s.forceArrows);
  r.boolean(j, "", "adaptive_resolution", s.adaptiveResolution);
  r.string(j, "last_stretch", s.lastStretch);
  r.oneOf(j, "side", s.side, {"left", "right"});
  r.string(j, "technique", s.technique);
  r.oneOf(j, "flexibility", s.flexibility, {"stiff", "average", "flexible"});
  r.number(j, "", "measured_range_deg", kMeasuredRangeDegrees[0], kMeasuredRangeDegrees[1],
           s.measuredRange);
  r.number(j, "", "hold_seconds", kHoldSecondsRange[0], kHoldSecondsRange[1], s.holdSeconds);
  r.strings(j, "selected_groups", s.selectedGroups);
  r.oneOf(j, "group_side", s.groupSide, {"both", "left", "right"});
  r.number(j, "", "speed", kSpeedRange[0], kSpeedRange[1], s.speed);
  r.boolean(j, "", "loop", s.loop);
  r.integer(j, "repetitions", kRepetitionsRange[0], kRepetitionsRange[1], s.repetitions);
  r.oneOf(j, "screenshot_scope", s.screenshotScope, {"window", "view"});
  r.integer(j, "screenshot_width", 0, kMaxScreenshotSide, s.screenshotWidth);
  r.integer(j, "screenshot_height", 0, kMaxScreenshotSide, s.screenshotHeight);
  r.boolean(j, "", "screenshot_transparent", s.screenshotTransparent);
  r.shape(j, "client_body", s.clientBody);
  r.shape(j, "practitioner_body", s.practitionerBody);
  r.boolean(j, "", "clothing", s.clothing);
  r.text(j, "practitioner_name", kMaxHeaderTextBytes, s.practitionerName);
  r.text(j, "clinic", kMaxHeaderTextBytes, s.clinic);
  r.number(j, "", "changeover_seconds", kChangeoverRange[0], kChangeoverRange[1],
           s.changeoverSeconds);
  out.settings = s;
  out.state = SettingsFileState::Valid;
  if (!r.problems.empty()) {
    out.state = SettingsFileState::Repaired;
    std::string msg;
    for (const std::string& line : r.problems) {
      if (!msg.empty()) msg += '\n';
      msg += line;
    }
    out.warning = msg;
  }
  return out;
}

std::filesystem::path settingsBackupPath(const std::filesystem::path& path) {
  std::error_code ec;
  std::filesystem::path candidate = path.string() + ".bad";
  for (int n = 2; std::filesystem::symlink_status(candidate, ec).type() !=
                  std::filesystem::file_type::not_found;
       ++n) {
    candidate = path.string() + ".bad." + std::to_string(n);
  }
  return candidate;
}

LoadedSettings openSettings(const std::filesystem::path& path) {
  LoadedSettings out = loadSettings(path);
  if (out.state != SettingsFileState::Corrupt && out.state != SettingsFileState::Repaired) {
    return out;
  }
  // The defaults (or repaired values) will be saved over the file: keep it as it was. A link
  // is resolved so the user's real file is what is kept, and the link is left dangling until
  // the save recreates its target.
  std::error_code ec;
  std::filesystem::path file = path;
  if (std::filesystem::is_symlink(path, ec)) {
    file = std::filesystem::canonical(path, ec);
    if (ec) file = path;
  }
  const std::filesystem::path backup = settingsBackupPath(file);
  std::filesystem::rename(file, backup, ec);
  // Appended piecewise: '"\n" + std::string' trips GCC 12's false -Wrestrict (PR 105329).
  std::string& warning = *out.warning;
  warning += '\n';
  if (ec) {
    out.mayOverwrite = false;
    warning += escapeForTerminal(path.string() + ": cannot keep a copy as " + backup.string() +
                                 " (" + ec.message() + "); settings are not saved this session");
  } else {
    warning +=
        escapeForTerminal(path.string() + ": the file as it was is kept as " + backup.string());
  }
  return out;
}

stretches::ClientProfile clientProfile(const Settings& s) {
  stretches::ClientProfile p;
  p.flexibility = s.flexibility == "stiff"      ? stretches::Flexibility::Stiff
                  : s.flexibility == "flexible" ? stretches::Flexibility::Flexible
                                                : stretches::Flexibility::Average;
  p.measuredKeyRange = s.measuredRange;
  p.holdSeconds = s.holdSeconds;
  return p;
}

Status saveSettings(const std::filesystem::path& path, const Settings& s) {
  return writeFileAtomic(path, serializeSettings(s));
}

}  // namespace sv::ui

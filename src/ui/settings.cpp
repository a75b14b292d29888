#include "ui/settings.h"

#include <algorithm>
#include <cstdlib>

#include <nlohmann/json.hpp>

#include "core/file_io.h"

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
  j["panels"] = {{"groups", s.showGroups}, {"browser", s.showBrowser}, {"details", s.showDetails},
                 {"gauge", s.showGauge},   {"profile", s.showProfile}, {"stats", s.showStats}};
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
  return j.dump(2) + "\n";
}

namespace {

// Reads one field when present and of the right type; otherwise keeps the default and notes
// the problem (a wrong type is corruption worth reporting, a missing key is not).
template <class T>
void read(const json& j, const char* key, T& out, std::vector<std::string>& problems) {
  auto it = j.find(key);
  if (it == j.end() || it->is_null()) return;
  try {
    out = it->get<T>();
  } catch (const json::exception&) {
    problems.push_back(std::string("'") + key + "' has the wrong type");
  }
}

void readOneOf(const json& j, const char* key, std::string& out,
               std::initializer_list<const char*> allowed, std::vector<std::string>& problems) {
  std::string v = out;
  read(j, key, v, problems);
  if (std::find_if(allowed.begin(), allowed.end(), [&](const char* a) { return v == a; }) ==
      allowed.end()) {
    problems.push_back(std::string("'") + key + "' has an unknown value '" + v + "'");
    return;
  }
  out = v;
}

// A panel size from the "layout" object: kept only when it is a number within [lo, hi] (a
// hand-edited or damaged file must not hide a panel or cover the viewport); otherwise the
// default stays and the problem is noted. Null is the automatic size where there is one.
template <class T>
void readSize(const json& layout, const char* key, float lo, float hi, T& out,
              std::vector<std::string>& problems) {
  auto it = layout.find(key);
  if (it == layout.end() || it->is_null()) return;
  if (!it->is_number()) {
    problems.push_back(std::string("'layout.") + key + "' has the wrong type");
    return;
  }
  const double v = it->get<double>();
  if (!(v >= lo && v <= hi)) {  // also false for NaN
    problems.push_back(std::string("'layout.") + key + "' is out of range");
    return;
  }
  out = static_cast<float>(v);
}

// A body shape object: each field a number; values outside their ranges are clamped and
// reported (body::clampShape).
void readShape(const json& j, const char* key, body::BodyShape& out,
               std::vector<std::string>& problems) {
  auto it = j.find(key);
  if (it == j.end() || it->is_null()) return;
  if (!it->is_object()) {
    problems.push_back(std::string("'") + key + "' has the wrong type");
    return;
  }
  body::BodyShape b = out;
  const std::pair<const char*, float*> fields[] = {{"sex", &b.sex},
                                                   {"age", &b.age},
                                                   {"muscle", &b.muscle},
                                                   {"weight", &b.weight},
                                                   {"height_m", &b.height}};
  for (const auto& [name, field] : fields) {
    auto f = it->find(name);
    if (f == it->end() || f->is_null()) continue;
    if (!f->is_number()) {
      problems.push_back(std::string("'") + key + "." + name + "' has the wrong type");
      continue;
    }
    *field = f->get<float>();
  }
  std::string warning;
  out = body::clampShape(b, &warning);
  if (!warning.empty()) {
    while (!warning.empty() && warning.back() == '\n') warning.pop_back();
    for (std::size_t pos = 0; (pos = warning.find('\n', pos)) != std::string::npos;) {
      warning.replace(pos, 1, "; ");
    }
    problems.push_back(std::string("'") + key + "': " + warning);
  }
}

}  // namespace

LoadedSettings loadSettings(const std::filesystem::path& path) {
  LoadedSettings out;
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) return out;
  auto text = readFile(path);
  if (!text) {
    out.warning = text.error().message + " — using default settings";
    return out;
  }
  json j;
  try {
    j = json::parse(*text);
  } catch (const json::parse_error& e) {
    const TextPosition pos = positionOfOffset(*text, e.byte > 0 ? e.byte - 1 : 0);
    out.warning = path.string() + ":" + std::to_string(pos.line) + ":" +
                  std::to_string(pos.column) +
                  ": settings file is not valid JSON — using default settings";
    return out;
  }
  if (!j.is_object()) {
    out.warning = path.string() + ": settings file is not a JSON object — using default settings";
    return out;
  }
  Settings s;
  std::vector<std::string> problems;
  read(j, "ui_scale", s.uiScale, problems);
  s.uiScale = std::clamp(s.uiScale, 0.75f, 2.0f);
  if (auto p = j.find("panels"); p != j.end() && p->is_object()) {
    read(*p, "groups", s.showGroups, problems);
    read(*p, "browser", s.showBrowser, problems);
    read(*p, "details", s.showDetails, problems);
    read(*p, "gauge", s.showGauge, problems);
    read(*p, "profile", s.showProfile, problems);
    read(*p, "stats", s.showStats, problems);
  }
  if (auto l = j.find("layout"); l != j.end() && !l->is_null()) {
    if (l->is_object()) {
      readSize(*l, "left_width", kStoredWidthRange[0], kStoredWidthRange[1], s.layout.leftWidth,
               problems);
      readSize(*l, "right_width", kStoredWidthRange[0], kStoredWidthRange[1], s.layout.rightWidth,
               problems);
      readSize(*l, "groups_share", kStoredShareRange[0], kStoredShareRange[1], s.layout.groupsShare,
               problems);
      readSize(*l, "gauge_height", kStoredHeightRange[0], kStoredHeightRange[1],
               s.layout.gaugeHeight, problems);
      readSize(*l, "profile_height", kStoredHeightRange[0], kStoredHeightRange[1],
               s.layout.profileHeight, problems);
    } else {
      problems.emplace_back("'layout' has the wrong type");
    }
  }
  read(j, "follow_limb", s.followLimb, problems);
  read(j, "skeleton_overlay", s.skeletonOverlay, problems);
  read(j, "wireframe", s.wireframe, problems);
  read(j, "heatmap", s.heatmap, problems);
  read(j, "muscle_paths", s.musclePaths, problems);
  readOneOf(j, "practitioner", s.practitioner, {"shown", "ghosted", "hidden"}, problems);
  read(j, "force_arrows", s.forceArrows, problems);
  read(j, "last_stretch", s.lastStretch, problems);
  readOneOf(j, "side", s.side, {"left", "right"}, problems);
  read(j, "technique", s.technique, problems);
  readOneOf(j, "flexibility", s.flexibility, {"stiff", "average", "flexible"}, problems);
  float f = 0.0f;
  if (j.contains("measured_range_deg") && !j["measured_range_deg"].is_null()) {
    read(j, "measured_range_deg", f, problems);
    s.measuredRange = f;
  }
  if (j.contains("hold_seconds") && !j["hold_seconds"].is_null()) {
    read(j, "hold_seconds", f, problems);
    s.holdSeconds = std::clamp(f, 5.0f, 120.0f);
  }
  read(j, "selected_groups", s.selectedGroups, problems);
  readOneOf(j, "group_side", s.groupSide, {"both", "left", "right"}, problems);
  read(j, "speed", s.speed, problems);
  s.speed = std::clamp(s.speed, 0.25f, 2.0f);
  read(j, "loop", s.loop, problems);
  read(j, "repetitions", s.repetitions, problems);
  s.repetitions = std::clamp(s.repetitions, 1, 10);
  readShape(j, "client_body", s.clientBody, problems);
  readShape(j, "practitioner_body", s.practitionerBody, problems);
  read(j, "clothing", s.clothing, problems);
  out.settings = s;
  if (!problems.empty()) {
    std::string msg = path.string() + ": ";
    for (std::size_t i = 0; i < problems.size(); ++i) msg += (i ? "; " : "") + problems[i];
    out.warning = msg + " — those settings were reset to their defaults";
  }
  return out;
}

Status saveSettings(const std::filesystem::path& path, const Settings& s) {
  return writeFileAtomic(path, serializeSettings(s));
}

}  // namespace sv::ui

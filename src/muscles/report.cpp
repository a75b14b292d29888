#include "muscles/report.h"

#include <cmath>
#include <cstdio>

#include "animation/timeline.h"
#include "core/file_io.h"
#include "core/text.h"
#include "stretches/json_reader.h"
#include "stretches/playback.h"
#include "stretches/stretch_loader.h"

namespace sv::muscles {

using nlohmann::json;
namespace an = sv::anatomy;

namespace {

const char* sideId(an::Side s) {
  return s == an::Side::Right ? "right" : s == an::Side::Left ? "left" : "center";
}

// Appends instead of `"literal" + std::string` (GCC 12 -O2 reports a false -Wrestrict there).
std::string pointer(std::string_view base, std::string_view token) {
  std::string out(base);
  out += '/';
  out += stretches::escapePointerToken(token);
  return out;
}

std::string fmt(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.4g", v);
  return buf;
}

double round6(double v) {
  return std::round(v * 1e6) / 1e6;
}

json anglesJson(const an::Pose& pose) {
  json out = json::object();
  for (int m = 0; m < an::kMotionCount; ++m) {
    const an::Motion mo = static_cast<an::Motion>(m);
    const std::string id(an::motionId(mo));
    if (an::isBilateral(mo)) {
      out[id] = {{"left", round6(pose.get(mo, an::Side::Left))},
                 {"right", round6(pose.get(mo, an::Side::Right))}};
    } else {
      out[id] = round6(pose.get(mo));
    }
  }
  return out;
}

json measurementJson(const stretches::Measurement& m, an::Side side, const an::Pose& pose) {
  const float v = stretches::measurementValue(m, side, pose);
  return {{"motion", std::string(an::motionId(m.motion))},
          {"side", an::isBilateral(m.motion) ? sideId(side) : "center"},
          {"condition", m.condition},
          {"value", round6(v)},
          {"target", {{"min", m.target.min}, {"max", m.target.max}}},
          {"in_target", m.target.contains(v)}};
}

}  // namespace

// ---- pose files ---------------------------------------------------------------------------

Result<an::Pose> parsePoseFile(std::string_view text, std::string_view fileName,
                               const an::RomTable& rom) {
  stretches::PositionedJson doc;
  stretches::JsonParseError perr;
  auto at = [&](std::size_t offset, const std::string& what) {
    const TextPosition p = positionOfOffset(text, offset);
    return Error{escapeForTerminal(std::string(fileName) + ":" + std::to_string(p.line) + ":" +
                                   std::to_string(p.column) + ": " + what)};
  };
  if (!stretches::parseJsonWithPositions(text, doc, perr)) {
    return at(perr.offset, "malformed JSON: " + perr.message);
  }
  auto err = [&](const std::string& ptr, const std::string& what) {
    return at(doc.offsetOf(ptr), (ptr.empty() ? std::string("/") : ptr) + ": " + what);
  };
  const json& root = doc.value;
  if (!root.is_object()) return err("", "a pose file is a JSON object with \"angles\"");
  for (auto it = root.begin(); it != root.end(); ++it) {
    const std::string& k = it.key();
    const std::string ptr = pointer("", k);
    if (k == "format") {
      if (!it->is_string() || it->get<std::string>() != kPoseFormat) {
        return err(ptr, "format must be \"stretchviz-pose\"");
      }
    } else if (k == "version") {
      // Compared as a number, never narrowed: 4294967297 must not pass as 1.
      if (!it->is_number() || it->get<double>() != kPoseFormatVersion) {
        return err(ptr, "unsupported version " + it->dump() + " (expected 1)");
      }
    } else if (k == "name" || k == "description") {
      if (!it->is_string()) return err(ptr, "\"" + k + "\" must be a string");
    } else if (k != "angles") {
      return err(ptr, "unknown field \"" + k + "\" (expected \"angles\")");
    }
  }
  if (!root.contains("angles")) return err("", "missing \"angles\"");
  const json& angles = root["angles"];
  if (!angles.is_object()) return err("/angles", "\"angles\" must be an object");
  an::Pose pose;
  auto number = [&](const json& v, const std::string& ptr, an::Motion mo,
                    float& out) -> std::optional<Error> {
    const std::string id(an::motionId(mo));
    if (!v.is_number()) return err(ptr, "motion \"" + id + "\": expected a number of degrees");
    const double d = v.get<double>();
    const an::RomLimits lim = stretches::absoluteLimits(rom, mo);
    if (!(d >= lim.min && d <= lim.max)) {
      return err(ptr, id + " " + fmt(d) + " is outside the absolute limits [" + fmt(lim.min) +
                          ", " + fmt(lim.max) + "]");
    }
    out = static_cast<float>(d);
    return std::nullopt;
  };
  for (auto it = angles.begin(); it != angles.end(); ++it) {
    const std::string& id = it.key();
    const std::string ptr = pointer("/angles", id);
    const auto mo = an::motionFromId(id);
    if (!mo) return err(ptr, "unknown motion \"" + id + "\"");
    const std::string what = "motion \"" + id + "\"";
    if (it->is_object()) {
      if (!an::isBilateral(*mo)) {
        return err(ptr, what + ": a midline motion takes one number, not per-side values");
      }
      if (it->empty()) return err(ptr, what + ": per-side values need \"left\" and/or \"right\"");
      for (auto s = it->begin(); s != it->end(); ++s) {
        const std::string sptr = pointer(ptr, s.key());
        an::Side side;
        if (s.key() == "left") {
          side = an::Side::Left;
        } else if (s.key() == "right") {
          side = an::Side::Right;
        } else {
          return err(sptr, what + ": unknown side \"" + s.key() + "\" (expected left or right)");
        }
        float v = 0.0f;
        if (auto e = number(*s, sptr, *mo, v)) return *e;
        pose.set(*mo, side, v);
      }
    } else {
      float v = 0.0f;
      if (auto e = number(*it, ptr, *mo, v)) return *e;
      if (an::isBilateral(*mo)) {
        pose.set(*mo, an::Side::Left, v);
        pose.set(*mo, an::Side::Right, v);
      } else {
        pose.set(*mo, v);
      }
    }
  }
  return pose;
}

Result<an::Pose> loadPoseFile(const std::filesystem::path& path, const an::RomTable& rom) {
  Result<std::string> text = readFile(path, kMaxPoseFileBytes);
  if (!text) return Error{escapeForTerminal(text.error().message)};
  return parsePoseFile(*text, path.string(), rom);
}

// ---- reports ------------------------------------------------------------------------------

json reportForPose(const MuscleModel& model, const an::Pose& pose) {
  std::vector<MuscleValue> values(static_cast<std::size_t>(model.count()));
  model.evaluate(pose, values);
  json muscles = json::array();
  for (int i = 0; i < model.count(); ++i) {
    const MuscleInfo& m = model.info(i);
    const MuscleValue& v = values[static_cast<std::size_t>(i)];
    muscles.push_back({{"key", m.key},
                       {"id", m.id},
                       {"name", m.name},
                       {"side", sideId(m.side)},
                       {"group", std::string(an::muscleGroupId(m.group))},
                       {"length_m", round6(v.length)},
                       {"rest_length_m", round6(m.restLength)},
                       {"max_length_m", round6(m.maxLength)},
                       {"strain", round6(v.strain)},
                       {"share", round6(v.share)}});
  }
  json groups = json::array();
  for (int g = 0; g < an::kMuscleGroupCount; ++g) {
    for (an::Side side : {an::Side::Left, an::Side::Right}) {
      const std::uint16_t region = an::regionId(static_cast<an::MuscleGroup>(g), side);
      const int leader = model.regionLeader(values, region);
      if (leader < 0) continue;
      groups.push_back({{"group", std::string(an::muscleGroupId(static_cast<an::MuscleGroup>(g)))},
                        {"side", sideId(side)},
                        {"share", round6(values[static_cast<std::size_t>(leader)].share)},
                        {"leader", model.info(leader).key}});
    }
  }
  return {{"angles", anglesJson(pose)},
          {"muscles", std::move(muscles)},
          {"groups", std::move(groups)},
          {"credit", model.credit()}};
}

Result<json> reportForStretch(const MuscleModel& model, const stretches::Stretch& stretch,
                              an::Side side, std::optional<float> timeSeconds,
                              const an::RomTable& rom, std::string_view technique) {
  const stretches::Stretch s = stretches::stretchForSide(stretch, side);
  an::Pose pose;
  json extra = json::object();
  if (timeSeconds) {
    if (s.techniques.empty()) return Error{"stretch \"" + s.id + "\" has no technique"};
    std::string techniqueId = s.techniques.front().id;
    if (!technique.empty()) {
      std::string known;
      bool found = false;
      for (const stretches::Technique& t : s.techniques) {
        found = found || t.id == technique;
        known += (known.empty() ? "" : ", ") + t.id;
      }
      if (!found) {
        return Error{"stretch \"" + s.id + "\" has no technique \"" + std::string(technique) +
                     "\" (it has " + known + ")"};
      }
      techniqueId = technique;
    }
    Result<stretches::StretchTimeline> tl =
        stretches::buildTimeline(s, techniqueId, side, stretches::ClientProfile{}, rom);
    if (!tl) return tl.error();
    const float end = tl->timeline.duration();
    if (!(*timeSeconds >= 0.0f && *timeSeconds <= end)) {
      return Error{"time " + fmt(*timeSeconds) + " s is outside the technique \"" + techniqueId +
                   "\" (0 to " + fmt(end) + " s)"};
    }
    const float t = *timeSeconds;
    const int phase = tl->timeline.sample(t, pose);
    extra["time_s"] = t;
    extra["duration_s"] = tl->timeline.duration();
    extra["technique"] = techniqueId;
    if (phase >= 0) {
      extra["phase"] = std::string(stretches::phaseKindId(tl->phaseText(phase).kind));
    }
  } else {
    const stretches::NamedPose* end = s.pose("end");
    if (!end) return Error{"stretch \"" + s.id + "\" has no end pose"};
    pose = end->pose;
    extra["pose"] = "end";
  }
  json out = reportForPose(model, pose);
  out["stretch"] = s.id;
  out["side"] = sideId(side);
  out["key_measurement"] = measurementJson(s.key, side, pose);
  if (s.second) out["second_measurement"] = measurementJson(*s.second, side, pose);
  for (auto it = extra.begin(); it != extra.end(); ++it) out[it.key()] = *it;
  return out;
}

// ---- library check ------------------------------------------------------------------------

std::vector<LibraryCheckRow> checkLibrary(const MuscleModel& model,
                                          const stretches::Library& library) {
  std::vector<LibraryCheckRow> rows;
  std::vector<MuscleValue> start(static_cast<std::size_t>(model.count()));
  std::vector<MuscleValue> end(start.size());
  for (const stretches::Stretch& file : library.stretches) {
    for (an::Side side : {an::Side::Right, an::Side::Left}) {
      const stretches::Stretch s = stretches::stretchForSide(file, side);
      const stretches::NamedPose* sp = s.pose("start");
      const stretches::NamedPose* ep = s.pose("end");
      if (!sp || !ep) continue;
      model.evaluate(sp->pose, start);
      model.evaluate(ep->pose, end);
      for (an::MuscleGroup g : s.primaryGroups) {
        LibraryCheckRow row;
        row.stretch = s.id;
        row.side = side;
        row.group = g;
        const std::uint16_t region = an::regionId(g, side);
        const int leader = model.regionLeader(end, region);
        for (int i : model.regionMembers(region)) {
          const auto k = static_cast<std::size_t>(i);
          if (end[k].length > start[k].length + 1e-5f) row.lengthened = true;
        }
        if (leader >= 0) {
          const auto k = static_cast<std::size_t>(leader);
          row.muscle = model.info(leader).key;
          row.startShare = start[k].share;
          row.endShare = end[k].share;
          row.startLength = start[k].length;
          row.endLength = end[k].length;
          row.halfway = end[k].share >= 0.5f;
        }
        rows.push_back(row);
      }
    }
  }
  return rows;
}

std::string formatLibraryTable(const std::vector<LibraryCheckRow>& rows) {
  std::string out;
  char line[256];
  std::snprintf(line, sizeof line, "%-42s %-5s %-18s %-30s %7s %7s  %s\n", "stretch", "side",
                "group", "muscle", "start", "end", "result");
  out += line;
  for (const LibraryCheckRow& r : rows) {
    std::snprintf(line, sizeof line, "%-42s %-5s %-18s %-30s %7.3f %7.3f  %s\n", r.stretch.c_str(),
                  sideId(r.side), std::string(an::muscleGroupId(r.group)).c_str(), r.muscle.c_str(),
                  static_cast<double>(r.startShare), static_cast<double>(r.endShare),
                  r.pass()        ? "ok"
                  : !r.lengthened ? "FAIL: not lengthened"
                                  : "FAIL: end share < 0.5");
    out += line;
  }
  return out;
}

}  // namespace sv::muscles

#include "stretches/stretch_loader.h"

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <cstdio>
#include <initializer_list>

#include <glm/gtc/quaternion.hpp>

#include "core/file_io.h"
#include "core/text.h"
#include "stretches/json_check.h"
#include "stretches/json_reader.h"

namespace sv::stretches {

using nlohmann::json;
namespace an = sv::anatomy;

anatomy::RomLimits absoluteLimits(const anatomy::RomTable& rom, anatomy::Motion motion) {
  const an::RomEntry& e = rom.entry(motion);
  if (!e.present) return {-180.0f, 180.0f};
  float lo = e.min;
  float hi = e.max;
  for (const an::RomRange& r : e.alternatives) {
    lo = std::min(lo, r.min);
    hi = std::max(hi, r.max);
  }
  lo -= std::max(10.0f, 0.15f * std::fabs(lo));
  hi += std::max(10.0f, 0.15f * std::fabs(hi));
  return {std::max(lo, -180.0f), std::min(hi, 180.0f)};
}

namespace {

std::string fmt(double v) {
  return formatNumber(v);
}

constexpr std::string_view kTechniqueIds[] = {"static", "contract_relax", "crac"};

// The stretch schema on top of the shared checks (json_check.h).
class Checker : public JsonChecker {
 public:
  Checker(std::string_view text, std::string_view file, const PositionedJson& doc,
          const an::RomTable& rom)
      : JsonChecker(text, file, doc, kMaxErrorsPerFile), doc_(doc), rom_(rom) {}

  std::optional<glm::vec3> vec3(const json& obj, const std::string& ptr, std::string_view key,
                                bool required) {
    const json* arr = get(obj, ptr, key, T::Array, required);
    if (!arr) return std::nullopt;
    const std::string aptr = child(ptr, key);
    if (arr->size() != 3) {
      error(aptr, "expected 3 numbers [x, y, z], got " + std::to_string(arr->size()));
      return std::nullopt;
    }
    glm::vec3 v{0.0f};
    for (std::size_t i = 0; i < 3; ++i) {
      if (!typed((*arr)[i], child(aptr, i), T::Number)) return std::nullopt;
      const auto f = toFloat((*arr)[i], child(aptr, i));
      if (!f) return std::nullopt;
      v[static_cast<glm::length_t>(i)] = *f;
    }
    return v;
  }

  template <class E>
  std::optional<E> enumField(const json& obj, const std::string& ptr, std::string_view key,
                             std::optional<E> (*fromId)(std::string_view), const char* what,
                             const char* choices) {
    const std::string s = str(obj, ptr, key);
    if (s.empty()) return std::nullopt;
    auto e = fromId(s);
    if (!e)
      error(child(ptr, key),
            std::string("unknown ") + what + " \"" + s + "\" (expected " + choices + ")");
    return e;
  }

  std::optional<an::Side> side(const json& obj, const std::string& ptr, std::string_view key) {
    const std::string s = str(obj, ptr, key);
    if (s == "left") return an::Side::Left;
    if (s == "right") return an::Side::Right;
    if (!s.empty()) error(child(ptr, key), "unknown side \"" + s + "\" (expected left or right)");
    return std::nullopt;
  }

  std::optional<Range> range(const json& obj, const std::string& ptr, std::string_view key,
                             std::initializer_list<std::string_view> extraKeys) {
    const json* r = get(obj, ptr, key, T::Object);
    if (!r) return std::nullopt;
    const std::string rptr = child(ptr, key);
    std::vector<std::string_view> keys{"min", "max"};
    keys.insert(keys.end(), extraKeys.begin(), extraKeys.end());
    for (auto it = r->begin(); it != r->end(); ++it) {
      if (std::find(keys.begin(), keys.end(), it.key()) == keys.end()) {
        error(child(rptr, it.key()), "unknown field \"" + it.key() + "\"");
      }
    }
    // Ranges are joint angles: within a half turn either way (a ±1e30 range would make
    // every value "in target").
    auto end = [&](const char* k) -> std::optional<float> {
      const json* v = get(*r, rptr, k, T::Number);
      if (!v) return std::nullopt;
      return bounded(*v, child(rptr, k), -kMaxRangeDegrees, kMaxRangeDegrees, k);
    };
    const auto lo = end("min");
    const auto hi = end("max");
    if (!lo || !hi) return std::nullopt;
    if (*lo > *hi) {
      error(rptr, "min " + fmt(*lo) + " is greater than max " + fmt(*hi));
      return std::nullopt;
    }
    return Range{*lo, *hi};
  }

  std::optional<Measurement> measurement(const json& obj, const std::string& ptr,
                                         std::string_view key, bool required) {
    const json* m = get(obj, ptr, key, T::Object, required);
    if (!m) return std::nullopt;
    const std::string mptr = child(ptr, key);
    onlyKeys(*m, mptr, {"motion", "condition", "target_range", "normal_range"});
    Measurement out;
    bool ok = true;
    const std::string motion = str(*m, mptr, "motion");
    if (!motion.empty()) {
      if (auto mo = an::motionFromId(motion)) {
        out.motion = *mo;
      } else {
        error(child(mptr, "motion"), "unknown motion \"" + motion + "\"");
        ok = false;
      }
    } else {
      ok = false;
    }
    out.condition = str(*m, mptr, "condition");
    const auto target = range(*m, mptr, "target_range", {"reason"});
    const auto normal = range(*m, mptr, "normal_range", {"source", "reason"});
    if (!target || !normal) return std::nullopt;
    const std::string tptr = child(mptr, "target_range");
    const std::string nptr = child(mptr, "normal_range");
    out.target = *target;
    out.normal = *normal;
    const json& tj = (*m)["target_range"];
    const json& nj = (*m)["normal_range"];
    out.targetReason = str(tj, tptr, "reason", false);
    out.normalSource = str(nj, nptr, "source");
    out.normalSourceLabel = rom_.sourceLabel(out.normalSource);
    out.normalReason = str(nj, nptr, "reason", false);
    if (!ok) return std::nullopt;
    if ((out.target.min < out.normal.min || out.target.max > out.normal.max) &&
        out.targetReason.empty()) {
      error(tptr, "target range [" + fmt(out.target.min) + ", " + fmt(out.target.max) +
                      "] leaves the normal range [" + fmt(out.normal.min) + ", " +
                      fmt(out.normal.max) + "] without a \"reason\"");
    }
    const an::RomEntry& rom = rom_.entry(out.motion);
    if (rom.present && out.normalReason.empty()) {
      bool matches = false;
      for (const an::RomRange& r : rom.alternatives) {
        if (std::fabs(r.min - out.normal.min) <= 0.5f &&
            std::fabs(r.max - out.normal.max) <= 0.5f) {
          matches = true;
        }
      }
      if (!matches) {
        error(nptr, "normal range [" + fmt(out.normal.min) + ", " + fmt(out.normal.max) +
                        "] matches no range of " + std::string(an::motionId(out.motion)) +
                        " in rom.json; give a \"reason\"");
      }
    }
    return out;
  }

  std::optional<an::Transform> root(const json& obj, const std::string& ptr, std::string_view key) {
    const json* r = get(obj, ptr, key, T::Object, false);
    if (!r) return std::nullopt;
    const std::string rptr = child(ptr, key);
    onlyKeys(*r, rptr, {"translation_m", "rotation_deg"});
    an::Transform t;
    if (auto tr = vec3(*r, rptr, "translation_m", false)) {
      if (glm::length(*tr) > 3.0f) {
        error(child(rptr, "translation_m"), "translation of more than 3 m from the rest position");
      }
      t.translation = *tr;
    }
    if (auto rot = vec3(*r, rptr, "rotation_deg", false)) {
      bool inRange = true;
      for (glm::length_t i = 0; i < 3 && inRange; ++i) {
        if (!(std::fabs((*rot)[i]) <= kMaxRootRotationDegrees)) {
          error(child(child(rptr, "rotation_deg"), static_cast<std::size_t>(i)),
                "rotation " + fmt((*rot)[i]) + " is outside [" + fmt(-kMaxRootRotationDegrees) +
                    ", " + fmt(kMaxRootRotationDegrees) + "] degrees");
          inRange = false;
        }
      }
      if (inRange) {
        const glm::vec3 rad = glm::radians(*rot);
        t.rotation = glm::angleAxis(rad.y, glm::vec3(0, 1, 0)) *
                     glm::angleAxis(rad.x, glm::vec3(1, 0, 0)) *
                     glm::angleAxis(rad.z, glm::vec3(0, 0, 1));
      }
    }
    return t;
  }

  void angle(float v, an::Motion m, const std::string& ptr) {
    const an::RomLimits lim = absoluteLimits(rom_, m);
    if (!(v >= lim.min && v <= lim.max)) {
      error(ptr, std::string(an::motionId(m)) + " " + fmt(v) + " is outside the absolute limits [" +
                     fmt(lim.min) + ", " + fmt(lim.max) + "]");
    }
  }

  void poseAngles(const json& angles, const std::string& aptr, an::Side stretchSide,
                  an::Pose& pose) {
    for (auto it = angles.begin(); it != angles.end(); ++it) {
      const std::string mptr = child(aptr, it.key());
      const auto m = an::motionFromId(it.key());
      if (!m) {
        error(mptr, "unknown motion \"" + it.key() + "\"");
        continue;
      }
      const json& v = it.value();
      if (v.is_number()) {
        const auto f = static_cast<float>(v.get<double>());
        angle(f, *m, mptr);
        pose.set(*m, stretchSide, f);
      } else if (v.is_object()) {
        if (!an::isBilateral(*m)) {
          error(mptr, "a midline motion takes one number, not per-side values");
          continue;
        }
        onlyKeys(v, mptr, {"left", "right"});
        if (v.empty()) error(mptr, "per-side values need \"left\" and/or \"right\"");
        for (const auto& [name, s] :
             {std::pair{"left", an::Side::Left}, std::pair{"right", an::Side::Right}}) {
          if (auto f = num(v, mptr, name, false)) {
            angle(*f, *m, child(mptr, name));
            pose.set(*m, s, *f);
          }
        }
      } else {
        error(mptr, "expected a number or {\"left\": …, \"right\": …}, got " + jsonTypeName(v));
      }
    }
  }

  std::optional<Phase> phase(const json& p, const std::string& ptr,
                             const std::vector<std::string>& poseNames, bool hasProgression) {
    if (!typed(p, ptr, T::Object)) return std::nullopt;
    onlyKeys(p, ptr, {"kind", "duration_s", "pose", "practitioner", "client", "effort", "cue"});
    Phase out;
    bool ok = true;
    const auto kind =
        enumField<PhaseKind>(p, ptr, "kind", &phaseKindFromId, "phase kind",
                             "move, hold, contract, relax, agonist_contract or return");
    if (kind)
      out.kind = *kind;
    else
      ok = false;
    if (auto d = num(p, ptr, "duration_s")) {
      if (!(*d > 0.0f)) {
        error(child(ptr, "duration_s"), "duration must be positive, got " + fmt(*d));
        ok = false;
      } else if (*d > 600.0f) {
        error(child(ptr, "duration_s"), "duration " + fmt(*d) + " s is longer than 600 s");
        ok = false;
      }
      out.duration = *d;
    } else {
      ok = false;
    }
    auto known = [&](const std::string& name, const std::string& nptr) {
      if (name == "cycle_start" || name == "cycle_end") {
        if (!hasProgression) {
          error(nptr, "pose \"" + name + "\" needs a \"progression\" in the technique");
          return false;
        }
        return true;
      }
      if (std::find(poseNames.begin(), poseNames.end(), name) == poseNames.end()) {
        error(nptr, "unknown pose \"" + name + "\"");
        return false;
      }
      return true;
    };
    auto it = p.find("pose");
    const std::string pptr = child(ptr, "pose");
    if (it == p.end()) {
      error(ptr, "missing required field \"pose\"");
      ok = false;
    } else if (it->is_string()) {
      out.poseFrom = it->get<std::string>();
      if (!known(out.poseFrom, pptr)) ok = false;
    } else if (it->is_object()) {
      onlyKeys(*it, pptr, {"between", "weight"});
      const json* between = get(*it, pptr, "between", T::Array);
      const auto w = num(*it, pptr, "weight");
      if (!between || !w) {
        ok = false;
      } else if (between->size() != 2 || !(*between)[0].is_string() || !(*between)[1].is_string()) {
        error(child(pptr, "between"), "expected two pose names");
        ok = false;
      } else {
        out.poseFrom = (*between)[0].get<std::string>();
        out.poseTo = (*between)[1].get<std::string>();
        if (!known(out.poseFrom, child(child(pptr, "between"), 0))) ok = false;
        if (!known(out.poseTo, child(child(pptr, "between"), 1))) ok = false;
        if (!(*w >= 0.0f && *w <= 1.0f)) {
          error(child(pptr, "weight"), "weight must be between 0 and 1, got " + fmt(*w));
          ok = false;
        }
        out.weight = *w;
      }
    } else {
      error(pptr, "expected a pose name or {\"between\": [a, b], \"weight\": w}, got " +
                      jsonTypeName(*it));
      ok = false;
    }
    out.practitioner = str(p, ptr, "practitioner");
    out.client = str(p, ptr, "client");
    out.effort = str(p, ptr, "effort");
    out.cue = str(p, ptr, "cue");
    if (!ok) return std::nullopt;
    return out;
  }

  void phases(const json& t, const std::string& ptr, std::string_view key, bool required,
              const std::vector<std::string>& poseNames, bool hasProgression,
              std::vector<Phase>& out) {
    const json* arr = get(t, ptr, key, T::Array, required);
    if (!arr) return;
    const std::string aptr = child(ptr, key);
    if (required && arr->empty()) error(aptr, "a technique needs at least one phase");
    for (std::size_t i = 0; i < arr->size(); ++i) {
      if (auto ph = phase((*arr)[i], child(aptr, i), poseNames, hasProgression)) out.push_back(*ph);
    }
  }

  std::optional<Technique> technique(const json& t, const std::string& ptr, const std::string& id,
                                     const std::vector<std::string>& poseNames) {
    if (!typed(t, ptr, T::Object)) return std::nullopt;
    onlyKeys(t, ptr, {"name", "cycles", "progression", "lead_in", "cycle", "finish", "sources"});
    Technique out;
    out.id = id;
    out.name = str(t, ptr, "name");
    const std::size_t before = errorCount();
    if (const json* c = get(t, ptr, "cycles", T::Integer)) {
      const double n = c->get<double>();  // not int64: 1e30 is an integer too
      if (!(n >= 1 && n <= 10)) {
        error(child(ptr, "cycles"), "cycles must be between 1 and 10, got " + fmt(n));
      } else {
        out.cycles = static_cast<int>(n);
      }
    }
    bool hasProgression = false;
    if (const json* pr = get(t, ptr, "progression", T::Object, false)) {
      const std::string pptr = child(ptr, "progression");
      onlyKeys(*pr, pptr, {"from", "to"});
      out.progressionFrom = str(*pr, pptr, "from");
      out.progressionTo = str(*pr, pptr, "to");
      for (const auto& [name, key] :
           {std::pair{out.progressionFrom, "from"}, std::pair{out.progressionTo, "to"}}) {
        if (!name.empty() &&
            std::find(poseNames.begin(), poseNames.end(), name) == poseNames.end()) {
          error(child(pptr, key), "unknown pose \"" + name + "\"");
        }
      }
      hasProgression = true;
    }
    phases(t, ptr, "lead_in", false, poseNames, hasProgression, out.leadIn);
    phases(t, ptr, "cycle", true, poseNames, hasProgression, out.cycle);
    phases(t, ptr, "finish", false, poseNames, hasProgression, out.finish);
    // Played phases are indexed with 16 bits (animation::Timeline); far fewer make sense.
    const std::size_t played = out.leadIn.size() +
                               static_cast<std::size_t>(out.cycles) * out.cycle.size() +
                               out.finish.size();
    if (played > kMaxPlayedPhases) {
      error(ptr, "the technique plays " + std::to_string(played) + " phases (lead_in " +
                     std::to_string(out.leadIn.size()) + " + " + std::to_string(out.cycles) +
                     " cycles of " + std::to_string(out.cycle.size()) + " + finish " +
                     std::to_string(out.finish.size()) + "); at most " +
                     std::to_string(kMaxPlayedPhases) + " are allowed");
    }
    out.sources = strings(t, ptr, "sources");
    if (errorCount() != before) return std::nullopt;
    return out;
  }

  // A point on the client: "joint" (its segment), "offset_m" (from the joint, ≤ 0.5 m) and
  // "force_direction" (non-zero, normalised), each required.
  void pointOnSegment(const json& c, const std::string& ptr, an::Joint& joint, glm::vec3& offset,
                      glm::vec3& force) {
    const std::string name = str(c, ptr, "joint");
    if (!name.empty()) {
      if (auto j = an::jointFromName(name)) {
        joint = *j;
      } else {
        error(child(ptr, "joint"), "unknown joint \"" + name + "\"");
      }
    }
    if (auto o = vec3(c, ptr, "offset_m", true)) {
      if (glm::length(*o) > 0.5f)
        error(child(ptr, "offset_m"), "offset of more than 0.5 m from the joint");
      offset = *o;
    }
    if (auto f = vec3(c, ptr, "force_direction", true)) {
      // In double: the squared length of [1e20, 1e20, 0] overflows a float (to a "zero"
      // direction after normalising).
      const glm::dvec3 d(*f);
      const double len = glm::length(d);
      if (!(len >= 1e-3)) {
        error(child(ptr, "force_direction"), "force direction must not be zero");
      } else {
        force = glm::vec3(d / len);
      }
    }
  }

  std::optional<Contact> contact(const json& c, const std::string& ptr) {
    if (!typed(c, ptr, T::Object)) return std::nullopt;
    onlyKeys(c, ptr,
             {"hand", "landmark", "joint", "offset_m", "force_direction", "force_description",
              "role", "grip", "forearm_along"});
    Contact out;
    const std::size_t before = errorCount();
    if (auto h = side(c, ptr, "hand")) out.hand = *h == an::Side::Left ? Hand::Left : Hand::Right;
    out.landmark = str(c, ptr, "landmark");
    pointOnSegment(c, ptr, out.joint, out.offset, out.forceDirection);
    if (c.contains("forearm_along")) {
      const std::string fptr = child(ptr, "forearm_along");
      if (const json* f = get(c, ptr, "forearm_along", T::Object)) {
        onlyKeys(*f, fptr, {"joint", "offset_m", "force_direction"});
        ForearmAlong fa;
        pointOnSegment(*f, fptr, fa.joint, fa.offset, fa.forceDirection);
        out.forearm = fa;
      }
    }
    out.forceDescription = str(c, ptr, "force_description");
    const std::string grip = str(c, ptr, "grip", false);
    if (!grip.empty()) {
      if (auto g = an::handPoseFromId(grip)) {
        out.grip = *g;
      } else {
        error(child(ptr, "grip"),
              "unknown grip \"" + grip + "\" (expected flat, cup, wrap, cradle, hook or relaxed)");
      }
    }
    const std::string role = str(c, ptr, "role");
    if (role == "move") {
      out.role = ContactRole::Move;
    } else if (role == "stabilise") {
      out.role = ContactRole::Stabilise;
    } else if (!role.empty()) {
      error(child(ptr, "role"), "unknown role \"" + role + "\" (expected move or stabilise)");
    }
    if (errorCount() != before) return std::nullopt;
    return out;
  }

  void groups(const json& doc, std::string_view key, bool nonEmpty,
              std::vector<an::MuscleGroup>& out) {
    const json* arr = get(doc, "", key, T::Array);
    if (!arr) return;
    const std::string aptr = child("", key);
    if (nonEmpty && arr->empty()) error(aptr, "must list at least one muscle group");
    for (std::size_t i = 0; i < arr->size(); ++i) {
      if (!typed((*arr)[i], child(aptr, i), T::String)) continue;
      const auto s = (*arr)[i].get<std::string>();
      if (auto g = an::muscleGroupFromId(s)) {
        out.push_back(*g);
      } else {
        error(child(aptr, i), "unknown muscle group \"" + s + "\"");
      }
    }
  }

  void checkEndPose(const Stretch& s, const Measurement& m, const std::string& mptr) {
    const NamedPose* end = s.pose("end");
    if (!end) return;
    const float v = measurementValue(m, s.side, end->pose);
    if (!m.target.contains(v)) {
      error("/poses/end", "end pose puts " + std::string(an::motionId(m.motion)) + " at " + fmt(v) +
                              ", outside the target range [" + fmt(m.target.min) + ", " +
                              fmt(m.target.max) + "] of " + mptr);
    }
  }

  std::optional<Stretch> run(std::string_view fileName) {
    const json& doc = doc_.value;
    if (!typed(doc, "", T::Object)) return std::nullopt;
    onlyKeys(doc, "",
             {"format",
              "version",
              "id",
              "name",
              "description",
              "primary_groups",
              "secondary_groups",
              "side",
              "key_measurement",
              "second_measurement",
              "client",
              "practitioner",
              "poses",
              "techniques",
              "practitioner_cues",
              "client_cues",
              "common_mistakes",
              "contraindications",
              "precautions",
              "references",
              "view"});
    Stretch s;
    const std::string format = str(doc, "", "format");
    if (!format.empty() && format != kStretchFormat) {
      error("/format", "expected \"" + std::string(kStretchFormat) + "\", got \"" + format + "\"");
    }
    if (const json* v = get(doc, "", "version", T::Integer)) {
      if (v->get<double>() != kStretchFormatVersion) {  // not int64: 1e30 is an integer too
        error("/version", "unsupported version " + v->dump() + " (expected 1)");
      }
    }
    s.id = str(doc, "", "id");
    if (!s.id.empty()) {
      const std::string stem = std::filesystem::path(std::string(fileName)).stem().string();
      const bool isJsonFile = hasJsonExtension(fileName);
      if (isJsonFile && stem != s.id) {
        error("/id", "id \"" + s.id + "\" does not match the file name \"" + stem + ".json\"");
      }
      for (char c : s.id) {
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) {
          error("/id", "id may only contain a-z, 0-9 and '-'");
          break;
        }
      }
    }
    s.name = str(doc, "", "name");
    s.description = str(doc, "", "description");
    groups(doc, "primary_groups", true, s.primaryGroups);
    groups(doc, "secondary_groups", false, s.secondaryGroups);
    if (auto sd = side(doc, "", "side")) s.side = *sd;
    const auto key = measurement(doc, "", "key_measurement", true);
    const auto second = measurement(doc, "", "second_measurement", false);
    if (key) s.key = *key;
    s.second = second;

    if (const json* c = get(doc, "", "client", T::Object)) {
      onlyKeys(*c, "/client", {"position", "support", "placement", "root"});
      if (auto p = enumField<ClientPosition>(
              *c, "/client", "position", &clientPositionFromId, "client position",
              "supine, prone, side_lying, seated, standing or kneeling")) {
        s.clientPosition = *p;
      }
      if (auto p = enumField<Support>(*c, "/client", "support", &supportFromId, "support",
                                      "table, floor or chair")) {
        s.support = *p;
      }
      s.placement = str(*c, "/client", "placement");
      if (auto r = root(*c, "/client", "root")) s.root = *r;
    }
    if (const json* p = get(doc, "", "practitioner", T::Object)) {
      onlyKeys(*p, "/practitioner", {"position", "posture", "placement", "side", "contacts"});
      const std::string side = str(*p, "/practitioner", "side", false);
      if (side == "stretched") {
        s.practitionerSide = PractitionerSide::Stretched;
      } else if (side == "opposite") {
        s.practitionerSide = PractitionerSide::Opposite;
      } else if (!side.empty() && side != "auto") {
        error("/practitioner/side",
              "unknown side \"" + side + "\" (expected stretched, opposite or auto)");
      }
      if (auto pp = enumField<PractitionerPosition>(
              *p, "/practitioner", "position", &practitionerPositionFromId, "practitioner position",
              "standing_side, standing_end, standing_front, kneeling_on_table, kneeling_floor, "
              "head_of_table, "
              "behind_seated or behind_standing")) {
        s.practitionerPosition = *pp;
      }
      if (p->contains("posture")) {
        if (auto pp = enumField<PractitionerPosture>(
                *p, "/practitioner", "posture", &practitionerPostureFromId, "practitioner posture",
                "standing, lunge, half_kneeling or kneeling")) {
          s.practitionerPosture = *pp;
        }
      }
      s.practitionerPlacement = str(*p, "/practitioner", "placement");
      if (const json* cs = get(*p, "/practitioner", "contacts", T::Array)) {
        if (cs->empty()) error("/practitioner/contacts", "must list at least one contact");
        for (std::size_t i = 0; i < cs->size(); ++i) {
          if (auto ct = contact((*cs)[i], child("/practitioner/contacts", i)))
            s.contacts.push_back(*ct);
        }
      }
    }

    std::vector<std::string> poseNames;
    if (const json* poses = get(doc, "", "poses", T::Object)) {
      for (auto it = poses->begin(); it != poses->end(); ++it) poseNames.push_back(it.key());
      for (const char* required : {"start", "barrier", "end"}) {
        if (!poses->contains(required))
          error("/poses", "missing required pose \"" + std::string(required) + "\"");
      }
      for (auto it = poses->begin(); it != poses->end(); ++it) {
        const std::string pptr = child("/poses", it.key());
        if (it.key() == "cycle_start" || it.key() == "cycle_end") {
          error(pptr, "\"" + it.key() + "\" is a reserved pose name");
          continue;
        }
        if (!typed(it.value(), pptr, T::Object)) continue;
        onlyKeys(it.value(), pptr, {"angles", "root"});
        NamedPose np;
        np.name = it.key();
        np.pose.root = s.root;
        if (const json* a = get(it.value(), pptr, "angles", T::Object)) {
          poseAngles(*a, child(pptr, "angles"), s.side, np.pose);
        }
        if (auto r = root(it.value(), pptr, "root")) {
          np.pose.root = *r;
          np.explicitRoot = true;
        }
        s.poses.push_back(std::move(np));
      }
    }

    if (const json* ts = get(doc, "", "techniques", T::Object)) {
      if (!ts->contains("static")) error("/techniques", "missing required technique \"static\"");
      for (auto it = ts->begin(); it != ts->end(); ++it) {
        const std::string tptr = child("/techniques", it.key());
        if (std::find(std::begin(kTechniqueIds), std::end(kTechniqueIds), it.key()) ==
            std::end(kTechniqueIds)) {
          error(tptr,
                "unknown technique \"" + it.key() + "\" (expected static, contract_relax or crac)");
          continue;
        }
        if (auto t = technique(it.value(), tptr, it.key(), poseNames))
          s.techniques.push_back(std::move(*t));
      }
    }
    s.practitionerCues = strings(doc, "", "practitioner_cues");
    s.clientCues = strings(doc, "", "client_cues");
    s.commonMistakes = strings(doc, "", "common_mistakes");
    s.contraindications = strings(doc, "", "contraindications");
    s.precautions = strings(doc, "", "precautions");
    s.references = strings(doc, "", "references");
    if (const json* v = get(doc, "", "view", T::Object, false)) {
      onlyKeys(*v, "/view", {"yaw_deg", "pitch_deg"});
      const auto angle = [&](const char* field, double lo, double hi) -> std::optional<float> {
        const json* n = get(*v, "/view", field, T::Number);
        return n ? bounded(*n, child("/view", field), lo, hi, field) : std::nullopt;
      };
      const auto yaw = angle("yaw_deg", -180.0, 180.0);
      const auto pitch = angle("pitch_deg", 0.0, 89.0);
      if (yaw && pitch) s.view = AuthoredView{*yaw, *pitch};
    }

    if (errorCount() == 0) {
      checkEndPose(s, s.key, "/key_measurement");
      if (s.second) checkEndPose(s, *s.second, "/second_measurement");
    }
    if (errorCount() != 0) return std::nullopt;
    s.fileName = std::string(fileName);
    return s;
  }

 private:
  const PositionedJson& doc_;
  const an::RomTable& rom_;
};

}  // namespace

bool hasJsonExtension(std::string_view fileName) {
  if (fileName.size() < 5) return false;
  const std::string_view ext = fileName.substr(fileName.size() - 5);
  std::string lower(ext);
  std::transform(lower.begin(), lower.end(), lower.begin(), [](char c) {
    return static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  });
  return lower == ".json";
}

StretchParseResult parseStretch(std::string_view text, std::string_view fileName,
                                const anatomy::RomTable& rom) {
  StretchParseResult result;
  PositionedJson doc;
  JsonParseError perr;
  if (!parseJsonWithPositions(text, doc, perr)) {
    result.errors.push_back(malformedJsonMessage(text, fileName, perr));
    result.errorCount = 1;
    return result;
  }
  Checker checker(text, fileName, doc, rom);
  result.stretch = checker.run(fileName);
  checker.finish();
  result.errors = std::move(checker.errors);
  result.errorCount = checker.errorCount();
  if (result.errorCount != 0) result.stretch.reset();
  return result;
}

StretchParseResult loadStretchFile(const std::filesystem::path& path,
                                   const anatomy::RomTable& rom) {
  auto text = readFile(path, kMaxStretchFileBytes);
  if (!text.ok()) {
    StretchParseResult r;
    r.errors.push_back(escapeForTerminal(text.error().message));
    r.errorCount = 1;
    return r;
  }
  return parseStretch(*text, path.string(), rom);
}

}  // namespace sv::stretches

#include "handout/from_routine.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "anatomy/muscle_groups.h"
#include "core/text.h"
#include "routines/ids.h"

namespace sv::handout {

namespace an = sv::anatomy;
namespace st = sv::stretches;
namespace rt = sv::routines;

namespace {

// The joint and the names of a motion's two directions, as a client reads them.
struct MotionWords {
  an::Motion motion;
  const char* joint;
  const char* positive;
  const char* negative;
};
constexpr MotionWords kWords[] = {
    {an::Motion::HipFlexion, "Hip", "flexion", "extension"},
    {an::Motion::HipAbduction, "Hip", "abduction", "adduction"},
    {an::Motion::HipInternalRotation, "Hip", "internal rotation", "external rotation"},
    {an::Motion::KneeFlexion, "Knee", "flexion", "extension"},
    {an::Motion::AnkleDorsiflexion, "Ankle", "dorsiflexion", "plantarflexion"},
    {an::Motion::AnkleInversion, "Ankle", "inversion", "eversion"},
    {an::Motion::ToesExtension, "Toe", "extension", "flexion"},
    {an::Motion::ScapulaElevation, "Shoulder blade", "elevation", "depression"},
    {an::Motion::ScapulaProtraction, "Shoulder blade", "protraction", "retraction"},
    {an::Motion::ShoulderFlexion, "Shoulder", "flexion", "extension"},
    {an::Motion::ShoulderAbduction, "Shoulder", "abduction", "adduction"},
    {an::Motion::ShoulderHorizontalAdduction, "Shoulder", "horizontal adduction",
     "horizontal abduction"},
    {an::Motion::ShoulderInternalRotation, "Shoulder", "internal rotation", "external rotation"},
    {an::Motion::ElbowFlexion, "Elbow", "flexion", "extension"},
    {an::Motion::ForearmPronation, "Forearm", "pronation", "supination"},
    {an::Motion::WristFlexion, "Wrist", "flexion", "extension"},
    {an::Motion::WristRadialDeviation, "Wrist", "radial deviation", "ulnar deviation"},
    {an::Motion::LumbarFlexion, "Lower back", "flexion", "extension"},
    // Spine side-bend and rotation are positive toward the right (docs/anatomy.md).
    {an::Motion::LumbarLateralFlexion, "Lower back", "side-bend to the right",
     "side-bend to the left"},
    {an::Motion::LumbarRotation, "Lower back", "rotation to the right", "rotation to the left"},
    {an::Motion::ThoracicFlexion, "Upper back", "flexion", "extension"},
    {an::Motion::ThoracicLateralFlexion, "Upper back", "side-bend to the right",
     "side-bend to the left"},
    {an::Motion::ThoracicRotation, "Upper back", "rotation to the right", "rotation to the left"},
    {an::Motion::CervicalFlexion, "Neck", "flexion", "extension"},
    {an::Motion::CervicalLateralFlexion, "Neck", "side-bend to the right", "side-bend to the left"},
    {an::Motion::CervicalRotation, "Neck", "rotation to the right", "rotation to the left"},
};

std::string degrees(float v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", std::round(static_cast<double>(v)));
  return buf;
}

std::string lowerFirst(std::string_view s) {
  std::string out(s);
  if (!out.empty() && out[0] >= 'A' && out[0] <= 'Z') out[0] = static_cast<char>(out[0] + 32);
  return out;
}

std::string listWords(const std::vector<std::string>& words) {
  std::string out;
  for (std::size_t i = 0; i < words.size(); ++i) {
    if (i > 0) out += i + 1 == words.size() ? " and " : ", ";
    out += words[i];
  }
  return out;
}

std::string sidesText(rt::EntrySide s) {
  switch (s) {
    case rt::EntrySide::Left:
      return "Left side";
    case rt::EntrySide::Right:
      return "Right side";
    case rt::EntrySide::Both:
      return "Both sides: right, then left";
  }
  return "";
}

bool contains(const std::vector<std::string>& v, const std::string& s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

}  // namespace

std::string describeRange(an::Motion motion, const st::Range& r) {
  const MotionWords* w = nullptr;
  for (const MotionWords& m : kWords) {
    if (m.motion == motion) w = &m;
  }
  if (!w)
    return std::string(an::motionName(motion)) + " " + degrees(r.min) + "-" + degrees(r.max) +
           "\u00b0";
  const std::string joint = w->joint;
  if (r.min >= 0.0f) {
    return joint + " " + w->positive + " " + degrees(r.min) + "-" + degrees(r.max) + "\u00b0";
  }
  if (r.max <= 0.0f) {
    return joint + " " + w->negative + " " + degrees(-r.max) + "-" + degrees(-r.min) + "\u00b0";
  }
  return joint + " from " + w->negative + " " + degrees(-r.min) + "\u00b0 to " + w->positive + " " +
         degrees(r.max) + "\u00b0";
}

std::string longDate(const std::string& iso) {
  if (!rt::isCalendarDate(iso)) return iso;
  static constexpr const char* kMonths[] = {"January",   "February", "March",    "April",
                                            "May",       "June",     "July",     "August",
                                            "September", "October",  "November", "December"};
  const int month = (iso[5] - '0') * 10 + (iso[6] - '0');
  const int day = (iso[8] - '0') * 10 + (iso[9] - '0');
  return std::to_string(day) + " " + kMonths[month - 1] + " " + iso.substr(0, 4);
}

Result<Handout> handoutFromRoutine(const rt::Routine& routine, const st::Library& library,
                                   const rt::Client* client, const Author& author) {
  Handout h;
  h.title = routine.name;
  h.clientName = client ? client->name : std::string();
  h.practitioner = author.practitioner;
  h.clinic = author.clinic;
  h.date = longDate(author.date);
  h.introduction = routine.notes;
  // Wording from the stretching reference: "stretch to tightness or slight discomfort"
  // (ACSM) and "pain that lasts after stretching" (precautions, section 3).
  h.footer =
      "Stretch to mild tightness, never to pain. Stop and contact your practitioner if pain "
      "lasts after stretching.";

  std::vector<const st::Stretch*> stretches;
  for (std::size_t i = 0; i < routine.entries.size(); ++i) {
    const rt::RoutineEntry& e = routine.entries[i];
    const st::Stretch* s = library.find(e.stretch);
    const std::string where = "routine \"" + routine.id + "\", entry " + std::to_string(i + 1);
    if (!s) return Error{escapeForTerminal(where + ": unknown stretch \"" + e.stretch + "\"")};
    if (!s->technique(e.technique)) {
      return Error{escapeForTerminal(where + ": \"" + e.stretch +
                                     "\" does not offer the technique \"" + e.technique + "\"")};
    }
    stretches.push_back(s);
  }
  // Cautions every stretch shares are printed once, on the first page.
  if (!stretches.empty()) {
    for (const std::string& c : stretches.front()->contraindications) {
      if (std::all_of(stretches.begin(), stretches.end(),
                      [&](const st::Stretch* s) { return contains(s->contraindications, c); })) {
        h.generalSafety.push_back(c);
      }
    }
    for (const std::string& c : stretches.front()->precautions) {
      if (std::all_of(stretches.begin(), stretches.end(),
                      [&](const st::Stretch* s) { return contains(s->precautions, c); })) {
        h.generalCautions.push_back(c);
      }
    }
  }

  for (std::size_t i = 0; i < routine.entries.size(); ++i) {
    const rt::RoutineEntry& e = routine.entries[i];
    const st::Stretch& s = *stretches[i];
    const st::Technique& t = *s.technique(e.technique);
    HandoutStretch out;
    out.name = s.name;
    out.sides = sidesText(e.side);
    out.technique = t.name;
    out.cues = s.clientCues;
    out.dose = rt::describeDose(*rt::effectiveDose(e, s));
    out.target = describeRange(s.key.motion, s.key.target);
    if (!s.key.condition.empty()) out.target += " (" + s.key.condition + ")";
    if (client) {
      const an::Side first = rt::sidesOf(e.side).front();
      if (const rt::MeasuredRange* m = rt::latestMeasurement(*client, s.key.motion, first, s.id)) {
        out.target += ". Last measured: " + degrees(m->degrees) + "\u00b0 on " + longDate(m->date);
      }
    }
    std::vector<std::string> groups;
    for (an::MuscleGroup g : s.primaryGroups) groups.push_back(lowerFirst(an::muscleGroupLabel(g)));
    out.feel = "A steady, gentle pull in the " + listWords(groups) +
               ": tight or slightly uncomfortable, never painful. It should ease a little as you "
               "hold it.";
    out.safety = s.commonMistakes;
    for (const std::string& c : s.contraindications) {
      if (!contains(h.generalSafety, c)) out.safety.push_back("Do not do this stretch with: " + c);
    }
    for (const std::string& c : s.precautions) {
      if (!contains(h.generalCautions, c)) out.safety.push_back(c);
    }
    out.notes = e.notes;
    h.stretches.push_back(std::move(out));
  }
  return h;
}

std::vector<PictureMoment> pictureMoments(const rt::SessionPlan& plan) {
  std::vector<PictureMoment> out;
  for (std::size_t i = 0; i < plan.segments.size(); ++i) {
    const rt::PlanSegment& seg = plan.segments[i];
    if (!out.empty() && plan.segments[out.back().segment].entry == seg.entry) continue;
    PictureMoment m;
    m.segment = i;
    // The deepest point of the key measurement, sampled every 0.1 s (the first one wins, so
    // a hold at the end range gives its start).
    const auto& tl = seg.timeline;
    float best = -1e30f;
    an::Pose pose;
    for (float t = 0.0f; t <= seg.duration; t += 0.1f) {
      tl.timeline.sample(t, pose);
      const float depth = tl.key.direction * tl.key.value(pose);
      if (depth > best + 1e-3f) {
        best = depth;
        m.endTime = t;
      }
    }
    out.push_back(m);
  }
  return out;
}

}  // namespace sv::handout

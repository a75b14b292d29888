#include "assist/staging_check.h"

#include <cmath>
#include <cstdio>
#include <memory>

namespace sv::assist {
namespace {

bool finiteAll(std::span<const glm::mat4> ms) {
  for (const glm::mat4& m : ms) {
    for (int c = 0; c < 4; ++c) {
      for (int r = 0; r < 4; ++r) {
        if (!std::isfinite(m[c][r])) return false;
      }
    }
  }
  return true;
}

std::string segmentName(int joint) {
  if (joint < 0 || joint >= anatomy::kJointCount) return "?";
  return std::string(anatomy::jointName(static_cast<anatomy::Joint>(joint)));
}

}  // namespace

StagingWorst sweepStaging(const AssistScene& scene, float hz) {
  StagingWorst w;
  auto frame = std::make_unique<AssistFrame>();
  StagingMetrics m;
  const float dur = scene.duration();
  const int steps = std::max(1, static_cast<int>(std::ceil(dur * hz)));
  anatomy::Pose last, now;
  for (int i = 0; i <= steps; ++i) {
    const float t = std::min(dur, static_cast<float>(i) / hz);
    ++w.frames;
    // A frame with the previous frame's client pose stages identically (AssistScene::update):
    // nothing new to measure (holds and contractions are most of a technique's time).
    scene.sampleClient(t, now);
    if (i > 0 && now == last) continue;
    last = now;
    scene.update(t, *frame);
    scene.measure(*frame, m);
    w.finite = w.finite && finiteAll(frame->practitionerModel) && finiteAll(frame->clientModel);
    StagingMetrics& x = w.worst;
    if (m.clientDepth > x.clientDepth) {
      x.clientDepth = m.clientDepth;
      x.clientJoint = m.clientJoint;
      x.practitionerJoint = m.practitionerJoint;
      w.clientAt = t;
    }
    if (m.tableDepth > x.tableDepth) {
      x.tableDepth = m.tableDepth;
      x.tableJoint = m.tableJoint;
      w.tableAt = t;
    }
    if (m.floorDepth > x.floorDepth) {
      x.floorDepth = m.floorDepth;
      w.floorAt = t;
    }
    if (i == 0 || m.footLift > x.footLift) {
      x.footLift = m.footLift;
      w.footLiftAt = t;
    }
    if (m.headClearance < x.headClearance) {
      x.headClearance = m.headClearance;
      w.headAt = t;
    }
    if (m.palmDistance > x.palmDistance) {
      x.palmDistance = m.palmDistance;
      w.palmDistanceAt = t;
    }
    if (m.forearmDistance > x.forearmDistance) {
      x.forearmDistance = m.forearmDistance;
      w.forearmAt = t;
    }
    if (m.palmAngle > x.palmAngle) {
      x.palmAngle = m.palmAngle;
      w.palmAngleAt = t;
    }
    x.trunkLean = std::max(x.trunkLean, m.trunkLean);
    if (m.lumbarFlexion > x.lumbarFlexion) {
      x.lumbarFlexion = m.lumbarFlexion;
      w.lumbarAt = t;
    }
    w.maxPush = std::max(w.maxPush, glm::length(frame->push));
  }
  return w;
}

std::string stagingProblems(const StagingWorst& w, const StagingLimits& lim) {
  std::string out;
  // One broken limit in words, appended after a "; ".
  auto say = [&](bool broken, const char* format, auto... args) {
    if (!broken) return;
    char buf[200];
    std::snprintf(buf, sizeof buf, format, args...);
    if (!out.empty()) out += "; ";
    out += buf;
  };
  const StagingMetrics& x = w.worst;
  auto cm = [](float m) { return static_cast<double>(100.0f * m); };
  auto d = [](float v) { return static_cast<double>(v); };
  say(!w.finite, "%s", "a figure's pose is not finite");
  say(x.clientDepth > lim.clientDepth, "practitioner's %s %.1f cm into the client's %s (at %.2f s)",
      segmentName(x.practitionerJoint).c_str(), cm(x.clientDepth),
      segmentName(x.clientJoint).c_str(), d(w.clientAt));
  say(x.tableDepth > lim.tableDepth,
      "practitioner's %s %.1f cm into the table or stool (at %.2f s)",
      segmentName(x.tableJoint).c_str(), cm(x.tableDepth), d(w.tableAt));
  say(x.floorDepth > lim.floorDepth, "practitioner %.1f cm below the floor (at %.2f s)",
      cm(x.floorDepth), d(w.floorAt));
  say(x.footLift > lim.footLift,
      "a foot or knee the practitioner stands on %.1f cm above the floor (at %.2f s)",
      cm(x.footLift), d(w.footLiftAt));
  say(x.palmDistance > lim.palmDistance, "a palm %.1f cm off the skin (at %.2f s)",
      cm(x.palmDistance), d(w.palmDistanceAt));
  say(x.forearmDistance > lim.forearmDistance,
      "a forearm %.1f cm off the skin it lies along (at %.2f s)", cm(x.forearmDistance),
      d(w.forearmAt));
  say(x.palmAngle > lim.palmAngle, "a palm %.0f degrees off the skin's normal (at %.2f s)",
      d(x.palmAngle), d(w.palmAngleAt));
  say(x.headClearance < lim.headClearance,
      "practitioner's head %.1f cm from the client (at %.2f s)", cm(x.headClearance), d(w.headAt));
  say(x.lumbarFlexion > lim.lumbarFlexion, "practitioner's lumbar flexion %.0f degrees (at %.2f s)",
      d(x.lumbarFlexion), d(w.lumbarAt));
  return out;
}

}  // namespace sv::assist

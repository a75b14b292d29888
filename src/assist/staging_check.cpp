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
  for (int i = 0; i <= steps; ++i) {
    const float t = std::min(dur, static_cast<float>(i) / hz);
    scene.update(t, *frame);
    scene.measure(*frame, m);
    ++w.frames;
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
    if (i == 0 || m.footLift > x.footLift) x.footLift = m.footLift;
    if (m.headClearance < x.headClearance) {
      x.headClearance = m.headClearance;
      w.headAt = t;
    }
    if (m.palmDistance > x.palmDistance) {
      x.palmDistance = m.palmDistance;
      w.palmDistanceAt = t;
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
  char buf[200];
  auto add = [&](const char* s) {
    if (!out.empty()) out += "; ";
    out += s;
  };
  const StagingMetrics& x = w.worst;
  if (!w.finite) add("a figure's pose is not finite");
  if (x.clientDepth > lim.clientDepth) {
    std::snprintf(buf, sizeof buf, "practitioner's %s %.1f cm into the client's %s (at %.2f s)",
                  segmentName(x.practitionerJoint).c_str(), 100.0f * x.clientDepth,
                  segmentName(x.clientJoint).c_str(), static_cast<double>(w.clientAt));
    add(buf);
  }
  if (x.tableDepth > lim.tableDepth) {
    std::snprintf(buf, sizeof buf, "practitioner's %s %.1f cm into the table or stool (at %.2f s)",
                  segmentName(x.tableJoint).c_str(), 100.0f * x.tableDepth,
                  static_cast<double>(w.tableAt));
    add(buf);
  }
  if (x.floorDepth > lim.floorDepth) {
    std::snprintf(buf, sizeof buf, "practitioner %.1f cm below the floor (at %.2f s)",
                  100.0f * x.floorDepth, static_cast<double>(w.floorAt));
    add(buf);
  }
  if (x.palmDistance > lim.palmDistance) {
    std::snprintf(buf, sizeof buf, "a palm %.1f cm off the skin (at %.2f s)",
                  100.0f * x.palmDistance, static_cast<double>(w.palmDistanceAt));
    add(buf);
  }
  if (x.palmAngle > lim.palmAngle) {
    std::snprintf(buf, sizeof buf, "a palm %.0f degrees off the skin's normal (at %.2f s)",
                  static_cast<double>(x.palmAngle), static_cast<double>(w.palmAngleAt));
    add(buf);
  }
  if (x.headClearance < lim.headClearance) {
    std::snprintf(buf, sizeof buf, "practitioner's head %.1f cm from the client (at %.2f s)",
                  100.0f * x.headClearance, static_cast<double>(w.headAt));
    add(buf);
  }
  if (x.lumbarFlexion > lim.lumbarFlexion) {
    std::snprintf(buf, sizeof buf, "practitioner's lumbar flexion %.0f degrees (at %.2f s)",
                  static_cast<double>(x.lumbarFlexion), static_cast<double>(w.lumbarAt));
    add(buf);
  }
  return out;
}

}  // namespace sv::assist

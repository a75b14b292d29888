// Named hand poses: the finger and thumb joint angles a hand takes when it rests, lies flat,
// cups a heel, wraps a wrist, cradles a head or hooks behind a knee. The body's finger bones
// are driven by these (body/body_rig.h); the assist picks one per hand and contact.
//
// Angles in degrees, per finger joint, the same on both hands (anatomical, not mirrored):
//  - index … little: flexion at the MCP, PIP and DIP joints (0 = straight, positive toward
//    the palm) and the MCP spread (positive = away from the middle finger; the middle finger's
//    spread is toward the thumb). Normal ranges for scale: MCP 0–90, PIP 0–100, DIP 0–90
//    (AAOS, Joint Motion: Method of Measuring and Recording, 1965; Norkin & White, Measurement
//    of Joint Motion, 5th ed., 2016).
//  - thumb: CMC flexion (across the palm toward the little finger), CMC palmar abduction
//    (away from the palm), MCP and IP flexion — all RELATIVE TO THE BODY MODEL'S OWN THUMB
//    (modelled relaxed and slightly opposed), since a thumb's neutral is not defined by one
//    straight line the way a finger's is.
// The pose values themselves are set by eye against renders of the hands; they are not
// clinical data.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string_view>

namespace sv::anatomy {

enum class HandPose : std::uint8_t {
  Relaxed,  // resting cascade, fingers slightly apart
  Flat,     // flat palm: fingers straight and together (pressing, pinning)
  Cup,      // cupping a heel or a rounded part: palm hollow, thumb opposed
  Wrap,     // wrapping a wrist, forearm or ankle (about 6–8 cm across)
  Cradle,   // cradling the back of the head: fingers curved and spread
  Hook,     // fingertips hooked behind a knee or over an edge, MCP nearly straight
};
inline constexpr int kHandPoseCount = 6;

enum class Finger : std::uint8_t { Thumb, Index, Middle, Ring, Little };
inline constexpr int kFingerCount = 5;

struct FingerAngles {
  // Index … little: MCP, PIP, DIP flexion. Thumb: CMC flexion, MCP flexion, IP flexion.
  std::array<float, 3> flexion{};
  // Index … little: MCP spread. Thumb: CMC palmar abduction.
  float spread = 0.0f;
};

struct HandShape {
  std::array<FingerAngles, kFingerCount> fingers{};
};

const HandShape& handShape(HandPose pose);
std::string_view handPoseId(HandPose pose);  // "relaxed", "flat", "cup", "wrap", "cradle", "hook"
std::optional<HandPose> handPoseFromId(std::string_view id);

// Component-wise blend (t = 0: a, 1: b), for transitions between grips.
HandShape blendHandShapes(const HandShape& a, const HandShape& b, float t);

}  // namespace sv::anatomy

#include "anatomy/hand_pose.h"

#include <algorithm>

namespace sv::anatomy {
namespace {

// {MCP, PIP, DIP}, spread — thumb: {CMC, MCP, IP}, palmar abduction (relative to the model).
constexpr FingerAngles F(float a, float b, float c, float spread) {
  return FingerAngles{{a, b, c}, spread};
}

constexpr std::array<HandShape, kHandPoseCount> kShapes = {{
    // Relaxed: the resting cascade (each finger a little more flexed toward the little one).
    {{F(0, 5, 5, 0), F(20, 30, 10, 4), F(25, 35, 12, 0), F(30, 40, 14, 3), F(35, 45, 16, 7)}},
    // Flat: straight and together, thumb alongside the index.
    {{F(-5, 0, 0, -15), F(0, 3, 0, -3), F(0, 3, 0, 0), F(0, 3, 0, -2), F(0, 3, 0, -4)}},
    // Cup: hollow palm, fingers together, thumb opposed.
    {{F(25, 15, 15, 20), F(35, 35, 20, -2), F(38, 38, 20, 0), F(40, 40, 22, -1),
      F(42, 42, 24, -2)}},
    // Wrap: around a 6–8 cm limb.
    {{F(35, 30, 30, 35), F(55, 70, 45, 0), F(60, 75, 45, 0), F(62, 78, 48, 0), F(65, 80, 50, 0)}},
    // Cradle: curved and spread under the occiput.
    {{F(10, 10, 10, 25), F(40, 25, 10, 6), F(42, 25, 10, 0), F(44, 28, 12, 5), F(46, 30, 14, 10)}},
    // Hook: fingertips curled, knuckles nearly straight.
    {{F(5, 10, 10, 5), F(10, 80, 50, 0), F(10, 85, 50, 0), F(12, 85, 50, 0), F(15, 85, 50, 0)}},
}};

constexpr std::array<std::string_view, kHandPoseCount> kIds = {"relaxed", "flat",   "cup",
                                                               "wrap",    "cradle", "hook"};

}  // namespace

const HandShape& handShape(HandPose pose) {
  return kShapes[static_cast<std::size_t>(pose)];
}

std::string_view handPoseId(HandPose pose) {
  return kIds[static_cast<std::size_t>(pose)];
}

std::optional<HandPose> handPoseFromId(std::string_view id) {
  for (int i = 0; i < kHandPoseCount; ++i) {
    if (kIds[static_cast<std::size_t>(i)] == id) return static_cast<HandPose>(i);
  }
  return std::nullopt;
}

HandShape blendHandShapes(const HandShape& a, const HandShape& b, float t) {
  const float u = std::clamp(t, 0.0f, 1.0f);
  HandShape out;
  for (std::size_t f = 0; f < out.fingers.size(); ++f) {
    for (std::size_t j = 0; j < 3; ++j) {
      out.fingers[f].flexion[j] =
          a.fingers[f].flexion[j] + (b.fingers[f].flexion[j] - a.fingers[f].flexion[j]) * u;
    }
    out.fingers[f].spread = a.fingers[f].spread + (b.fingers[f].spread - a.fingers[f].spread) * u;
  }
  return out;
}

}  // namespace sv::anatomy

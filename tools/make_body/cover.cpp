#include <algorithm>
#include <cmath>

#include "surface.h"

namespace sv::makebody {
namespace {

using anatomy::Joint;

glm::vec3 J(const RestMesh& m, Joint j) {
  return glm::vec3(m.skeleton.restModel[static_cast<std::size_t>(anatomy::index(j))][3]);
}

std::uint8_t coverage(float signedDistance, float edge) {
  const float c = 128.0f + 127.0f * std::clamp(signedDistance / edge, -1.0f, 1.0f);
  return static_cast<std::uint8_t>(std::clamp(std::lround(c), 0L, 255L));
}

}  // namespace

std::vector<std::array<std::uint8_t, 4>> classifyCover(const RestMesh& m) {
  // Coverage ramp half-width (metres) around a hem: wider than the triangles of the coarsest
  // level of detail (~5 cm), so the coverage is linear across every triangle a hem crosses and
  // its 1/2 line is straight at every level.
  const float edge = 0.06f;
  const float H = m.skeleton.height;
  const glm::vec3 hipL = J(m, Joint::HipL), kneeL = J(m, Joint::KneeL);
  const glm::vec3 shoulderL = J(m, Joint::ShoulderL), elbowL = J(m, Joint::ElbowL);
  const glm::vec3 cervical = J(m, Joint::Cervical), head = J(m, Joint::Head);
  const float waistY = m.waist.y;
  // Shorts: from just below the waist to 40% of the way down the thigh.
  const float shortsTop = waistY - 0.015f * H / 1.7f;
  const float shortsHem = hipL.y - 0.40f * (hipL.y - kneeL.y);
  // Eyeball centres (left and right) for the iris.
  glm::vec3 eyeC[2]{glm::vec3(0.0f), glm::vec3(0.0f)};
  int eyeN[2]{0, 0};
  for (std::size_t v = 0; v < m.positions.size(); ++v) {
    if (!m.eye[v]) continue;
    const int s = m.positions[v].x >= 0.0f ? 0 : 1;
    eyeC[s] += m.positions[v];
    ++eyeN[s];
  }
  for (int s = 0; s < 2; ++s) eyeC[s] /= static_cast<float>(std::max(eyeN[s], 1));

  std::vector<std::array<std::uint8_t, 4>> out(m.positions.size(), {0, 0, 0, 0});
  for (std::size_t v = 0; v < m.positions.size(); ++v) {
    const glm::vec3 p = m.positions[v];
    const glm::vec3 n = m.normals[v];
    const Joint j = static_cast<Joint>(m.joint[v]);
    const Joint lj = anatomy::leftOf(j);
    std::array<std::uint8_t, 4>& c = out[v];
    if (m.eye[v]) {
      const int s = p.x >= 0.0f ? 0 : 1;
      const glm::vec3 d = glm::normalize(p - eyeC[s]);
      c[3] = 255;
      // Iris: within ~24° of straight ahead (drawn in the hair's dark colour).
      c[2] = coverage(d.z - std::cos(glm::radians(24.0f)), 0.03f);
      continue;
    }
    const bool arm = lj == Joint::ShoulderL || lj == Joint::ElbowL || lj == Joint::ForearmL ||
                     lj == Joint::WristL || lj == Joint::HandL;
    const bool leg = lj == Joint::HipL || lj == Joint::KneeL || lj == Joint::AnkleL ||
                     lj == Joint::SubtalarL || lj == Joint::ToesL;
    const bool headPart = j == Joint::Head;
    // Top: trunk from the waist to a scoop neckline, short sleeves over the upper arm.
    {
      float d = -1.0f;
      if (!leg && !headPart && lj != Joint::ForearmL && lj != Joint::WristL && lj != Joint::HandL &&
          lj != Joint::ElbowL) {
        const float side = std::fabs(p.x);
        // Neckline: 4 cm below the base of the neck at the front, at it behind, rising over
        // the shoulders.
        const float front = std::clamp(p.z / 0.08f, 0.0f, 1.0f);
        const float neckY = cervical.y - 0.045f * front + 0.6f * std::max(side - 0.05f, 0.0f);
        float dTop = std::min(neckY - p.y, p.y - (waistY - 0.03f));
        if (arm) {
          // Sleeve: a third of the way down the upper arm.
          const glm::vec3 sh =
              p.x >= 0.0f ? shoulderL : glm::vec3(-shoulderL.x, shoulderL.y, shoulderL.z);
          const float along =
              glm::dot(p - sh, glm::normalize(glm::vec3(0, elbowL.y - shoulderL.y, 0)));
          dTop = std::min(dTop, 0.33f * (shoulderL.y - elbowL.y) - along);
        }
        d = dTop;
      }
      c[0] = coverage(d, edge);
    }
    // Shorts.
    {
      float d = -1.0f;
      if (!arm && !headPart && (leg || j == Joint::Pelvis || j == Joint::Lumbar)) {
        d = std::min(shortsTop - p.y, p.y - shortsHem);
      }
      c[1] = coverage(d, edge);
    }
    // Hair: the scalp above a line from the forehead (7 cm above the skull base at the front)
    // down to the nape behind, away from the ears' front.
    if (headPart) {
      const float t = std::clamp((p.z - head.z + 0.02f) / 0.12f, 0.0f, 1.0f);  // 0 back … 1 front
      const float line = head.y - 0.01f + t * 0.115f;
      float d = p.y - line;
      if (n.y < -0.2f) d = std::min(d, -0.01f);  // never under the jaw
      c[2] = coverage(d, edge);
    }
  }
  return out;
}

}  // namespace sv::makebody

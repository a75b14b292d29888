#include "body_sdf.h"

#include <algorithm>
#include <cmath>

#include <glm/gtc/matrix_transform.hpp>

#include "anatomy/kinematics.h"

namespace sv::mannequin {
namespace {

using anatomy::Joint;
using anatomy::Side;

float smin(float a, float b, float k) {
  const float h = std::max(k - std::fabs(a - b), 0.0f) / k;
  return std::min(a, b) - h * h * k * 0.25f;
}

// Trunk cross-sections: height y (m), half-width a, half-depth b, centre z (m) for a 1.75 m
// adult. Widths and depths follow adult survey means (ANSUR II 2012 and Pheasant & Haslehurst,
// Bodyspace, 3rd ed., 2006, UK adults, sexes pooled): hip breadth ~37 cm, buttock depth
// ~23 cm, waist breadth ~28 cm and depth ~18.5 cm, chest breadth ~33 cm and depth ~24 cm.
// Heights follow Winter's proportions of H (crotch ~0.46H, waist ~0.61H, nipple ~0.72H,
// shoulder 0.818H).
struct Section {
  float y, a, b, zc;
};
constexpr Section kSections[] = {
    {0.800f, 0.140f, 0.092f, -0.010f},  // crotch
    {0.860f, 0.168f, 0.112f, -0.018f},  // buttocks
    {0.930f, 0.172f, 0.110f, -0.012f},  // hip joints / greater trochanters
    {1.000f, 0.158f, 0.102f, -0.004f},  // iliac crest
    {1.070f, 0.140f, 0.093f, 0.000f},   // waist
    {1.150f, 0.148f, 0.102f, 0.004f},   // lower ribs
    {1.230f, 0.160f, 0.115f, 0.006f},   // lower chest
    {1.290f, 0.165f, 0.118f, 0.004f},   // chest
    {1.350f, 0.166f, 0.110f, -0.006f},  // armpits
    {1.405f, 0.150f, 0.092f, -0.018f},  // upper chest
    {1.450f, 0.095f, 0.068f, -0.026f},  // shoulder line toward the neck
    {1.475f, 0.060f, 0.054f, -0.028f},  // neck base
};
constexpr int kSectionCount = static_cast<int>(sizeof(kSections) / sizeof(kSections[0]));
constexpr float kCapBottom = 0.06f;
constexpr float kCapTop = 0.02f;

glm::vec3 sectionAt(float y) {
  // Piecewise cubic Hermite (Catmull-Rom tangents for uneven spacing) over (a, b, zc).
  auto v = [](int i) { return glm::vec3(kSections[i].a, kSections[i].b, kSections[i].zc); };
  const float y0 = kSections[0].y;
  const float yN = kSections[kSectionCount - 1].y;
  if (y <= y0) {
    const float s =
        std::sqrt(std::max(0.0f, 1.0f - ((y0 - y) / kCapBottom) * ((y0 - y) / kCapBottom)));
    return glm::vec3(v(0).x * s, v(0).y * s, v(0).z);
  }
  if (y >= yN) {
    const float s = std::sqrt(std::max(0.0f, 1.0f - ((y - yN) / kCapTop) * ((y - yN) / kCapTop)));
    const glm::vec3 t = v(kSectionCount - 1);
    return glm::vec3(t.x * s, t.y * s, t.z);
  }
  int i = 0;
  while (i + 1 < kSectionCount - 1 && kSections[i + 1].y < y) ++i;
  auto tangent = [&](int j) {
    const int lo = std::max(j - 1, 0);
    const int hi = std::min(j + 1, kSectionCount - 1);
    return (v(hi) - v(lo)) / (kSections[hi].y - kSections[lo].y);
  };
  const float h = kSections[i + 1].y - kSections[i].y;
  const float t = (y - kSections[i].y) / h;
  const float t2 = t * t, t3 = t2 * t;
  return (2 * t3 - 3 * t2 + 1) * v(i) + (t3 - 2 * t2 + t) * h * tangent(i) +
         (-2 * t3 + 3 * t2) * v(i + 1) + (t3 - t2) * h * tangent(i + 1);
}

float ellipse2(float x, float z, float a, float b) {
  const float k0 = std::sqrt((x / a) * (x / a) + (z / b) * (z / b));
  const float k1 = std::sqrt((x / (a * a)) * (x / (a * a)) + (z / (b * b)) * (z / (b * b)));
  if (k1 < 1e-9f) return -std::min(a, b);
  return k0 * (k0 - 1.0f) / k1;
}

float sdRoundCone(const glm::vec3& p, const glm::vec3& a, const glm::vec3& b, float r1, float r2) {
  // Exact distance to a cone with spherical ends (I. Quilez, "distance functions").
  const glm::vec3 ba = b - a;
  const float l2 = glm::dot(ba, ba);
  const float rr = r1 - r2;
  const float a2 = l2 - rr * rr;
  const float il2 = 1.0f / l2;
  const glm::vec3 pa = p - a;
  const float y = glm::dot(pa, ba);
  const float z = y - l2;
  const glm::vec3 xv = pa * l2 - ba * y;
  const float x2 = glm::dot(xv, xv);
  const float y2 = y * y * l2;
  const float z2 = z * z * l2;
  const float k = (rr > 0 ? 1.0f : (rr < 0 ? -1.0f : 0.0f)) * rr * rr * x2;
  const float sz = z > 0 ? 1.0f : (z < 0 ? -1.0f : 0.0f);
  const float sy = y > 0 ? 1.0f : (y < 0 ? -1.0f : 0.0f);
  if (sz * a2 * z2 > k) return std::sqrt(x2 + z2) * il2 - r2;
  if (sy * a2 * y2 < k) return std::sqrt(x2 + y2) * il2 - r1;
  return (std::sqrt(x2 * a2 * il2) + y * rr) * il2 - r1;
}

glm::mat3 rotX(float deg) {
  return glm::mat3(glm::rotate(glm::mat4(1.0f), glm::radians(deg), glm::vec3(1, 0, 0)));
}
glm::mat3 rotY(float deg) {
  return glm::mat3(glm::rotate(glm::mat4(1.0f), glm::radians(deg), glm::vec3(0, 1, 0)));
}
glm::mat3 rotZ(float deg) {
  return glm::mat3(glm::rotate(glm::mat4(1.0f), glm::radians(deg), glm::vec3(0, 0, 1)));
}

void finishBounds(Primitive& p) {
  switch (p.kind) {
    case Primitive::Kind::RoundCone:
      p.boundCentre = 0.5f * (p.a + p.b);
      p.boundRadius = 0.5f * glm::length(p.b - p.a) + std::max(p.r1, p.r2);
      break;
    case Primitive::Kind::Ellipsoid:
      p.boundCentre = p.a;
      p.boundRadius = std::max(p.radii.x, std::max(p.radii.y, p.radii.z));
      break;
    case Primitive::Kind::RoundBox:
      p.boundCentre = p.a;
      p.boundRadius = glm::length(p.radii) + p.r1;
      break;
  }
}

void finishGroup(Group& g) {
  glm::vec3 lo(1e9f), hi(-1e9f);
  for (const Primitive& p : g.prims) {
    lo = glm::min(lo, p.boundCentre - glm::vec3(p.boundRadius));
    hi = glm::max(hi, p.boundCentre + glm::vec3(p.boundRadius));
  }
  g.boundCentre = 0.5f * (lo + hi);
  g.boundRadius = 0.0f;
  for (const Primitive& p : g.prims) {
    g.boundRadius =
        std::max(g.boundRadius, glm::length(p.boundCentre - g.boundCentre) + p.boundRadius);
  }
}

// Builds primitives given in the anatomical position for the left side (or midline), placed
// on `side` and carried into the bind pose by the joint's bind transform.
class Placer {
 public:
  Placer(const anatomy::Skeleton& s, const std::array<glm::mat4, anatomy::kJointCount>& bind,
         Side side)
      : s_(s), bind_(bind), side_(side) {}

  Primitive cone(Joint j, glm::vec3 a, glm::vec3 b, float r1, float r2) const {
    Primitive p;
    p.kind = Primitive::Kind::RoundCone;
    p.bone = anatomy::index(anatomy::onSide(j, side_));
    p.a = place(j, a);
    p.b = place(j, b);
    p.r1 = r1;
    p.r2 = r2;
    finishBounds(p);
    return p;
  }
  Primitive ellipsoid(Joint j, glm::vec3 c, glm::vec3 radii,
                      glm::mat3 rot = glm::mat3(1.0f)) const {
    Primitive p;
    p.kind = Primitive::Kind::Ellipsoid;
    p.bone = anatomy::index(anatomy::onSide(j, side_));
    p.a = place(j, c);
    p.radii = radii;
    p.toLocal = glm::transpose(orient(j, rot));
    finishBounds(p);
    return p;
  }
  Primitive box(Joint j, glm::vec3 c, glm::vec3 half, float round,
                glm::mat3 rot = glm::mat3(1.0f)) const {
    Primitive p;
    p.kind = Primitive::Kind::RoundBox;
    p.bone = anatomy::index(anatomy::onSide(j, side_));
    p.a = place(j, c);
    p.radii = half;
    p.r1 = round;
    p.toLocal = glm::transpose(orient(j, rot));
    finishBounds(p);
    return p;
  }

 private:
  glm::vec3 place(Joint j, glm::vec3 restPoint) const {
    const Joint jj = anatomy::onSide(j, side_);
    if (side_ == Side::Right) restPoint.x = -restPoint.x;
    const glm::vec3 restPos(s_.restModel[static_cast<std::size_t>(anatomy::index(jj))][3]);
    return glm::vec3(bind_[static_cast<std::size_t>(anatomy::index(jj))] *
                     glm::vec4(restPoint - restPos, 1.0f));
  }
  glm::mat3 orient(Joint j, glm::mat3 rot) const {
    const Joint jj = anatomy::onSide(j, side_);
    if (side_ == Side::Right) {
      const glm::mat3 m(glm::vec3(-1, 0, 0), glm::vec3(0, 1, 0), glm::vec3(0, 0, 1));
      rot = m * rot * m;
    }
    return glm::mat3(bind_[static_cast<std::size_t>(anatomy::index(jj))]) * rot;
  }
  const anatomy::Skeleton& s_;
  const std::array<glm::mat4, anatomy::kJointCount>& bind_;
  Side side_;
};

}  // namespace

float Primitive::distance(const glm::vec3& p) const {
  switch (kind) {
    case Kind::RoundCone:
      return sdRoundCone(p, a, b, r1, r2);
    case Kind::Ellipsoid: {
      const glm::vec3 q = toLocal * (p - a);
      const float k0 = glm::length(q / radii);
      const float k1 = glm::length(q / (radii * radii));
      if (k1 < 1e-9f) return -std::min(radii.x, std::min(radii.y, radii.z));
      return k0 * (k0 - 1.0f) / k1;
    }
    case Kind::RoundBox: {
      const glm::vec3 q = glm::abs(toLocal * (p - a)) - radii;
      return glm::length(glm::max(q, glm::vec3(0.0f))) +
             std::min(std::max(q.x, std::max(q.y, q.z)), 0.0f) - r1;
    }
  }
  return 1e9f;
}

BodySdf::BodySdf(const anatomy::Skeleton& skeleton) : skeleton_(skeleton) {
  // Bind pose: the rest pose with both shoulders abducted by kBindShoulderAbductionDeg.
  anatomy::Pose pose;
  pose.set(anatomy::Motion::ShoulderAbduction, Side::Left, kBindShoulderAbductionDeg);
  pose.set(anatomy::Motion::ShoulderAbduction, Side::Right, kBindShoulderAbductionDeg);
  std::array<anatomy::Transform, anatomy::kJointCount> local{};
  anatomy::poseToLocal(skeleton, pose, local);
  anatomy::localToModel(skeleton, local, bindModel_);

  // ---- trunk group (midline; clavicle/trapezius, pectoral and buttock volumes per side) ----
  trunk_.k = 0.03f;
  for (Side side : {Side::Left, Side::Right}) {
    const Placer P(skeleton, bindModel_, side);
    // Upper trapezius ridge from the neck to the acromion (shoulder slope).
    trunk_.prims.push_back(P.cone(Joint::ClavicleL, {0.045f, 1.468f, -0.032f},
                                  {0.165f, 1.442f, -0.012f}, 0.036f, 0.030f));
    // Pectoralis major: a flat volume on the upper chest.
    trunk_.prims.push_back(P.ellipsoid(Joint::Thoracic, {0.072f, 1.300f, 0.078f},
                                       {0.078f, 0.052f, 0.026f}, rotZ(-12.0f)));
    // Gluteal mass.
    trunk_.prims.push_back(
        P.ellipsoid(Joint::Pelvis, {0.075f, 0.875f, -0.062f}, {0.085f, 0.095f, 0.065f}));
    // Latissimus / rib cage flank.
    trunk_.prims.push_back(
        P.ellipsoid(Joint::Thoracic, {0.105f, 1.250f, -0.030f}, {0.055f, 0.11f, 0.07f}));
    // Ear.
    trunk_.prims.push_back(
        P.ellipsoid(Joint::Head, {0.074f, 1.640f, -0.005f}, {0.008f, 0.026f, 0.014f}));
  }
  {
    const Placer P(skeleton, bindModel_, Side::Left);
    // Neck: C7 to skull base, circumference ~37 cm.
    trunk_.prims.push_back(
        P.cone(Joint::Cervical, {0.0f, 1.420f, -0.030f}, {0.0f, 1.575f, -0.006f}, 0.060f, 0.052f));
    // Cranium: head breadth ~15.5 cm, length ~19.5 cm, vertex at 1.75 m.
    trunk_.prims.push_back(
        P.ellipsoid(Joint::Head, {0.0f, 1.648f, 0.008f}, {0.076f, 0.102f, 0.095f}, rotX(-8.0f)));
    // Jaw and chin (kept soft), cheeks, a subtle nose and brow.
    trunk_.prims.push_back(
        P.ellipsoid(Joint::Head, {0.0f, 1.585f, 0.030f}, {0.056f, 0.045f, 0.062f}, rotX(-15.0f)));
    trunk_.prims.push_back(
        P.ellipsoid(Joint::Head, {0.0f, 1.624f, 0.094f}, {0.010f, 0.021f, 0.012f}, rotX(-18.0f)));
  }
  for (Primitive& p : trunk_.prims) finishBounds(p);
  // The loft's bound (approximate) is folded into the group bound below.
  finishGroup(trunk_);
  trunk_.boundRadius = std::max(trunk_.boundRadius, 1.0f);

  // ---- limbs ----
  for (Side side : {Side::Left, Side::Right}) {
    const Placer P(skeleton, bindModel_, side);
    Group arm;
    arm.k = 0.018f;
    // Deltoid cap (bideltoid breadth ~49 cm), upper arm (mid-arm circumference ~31 cm).
    arm.prims.push_back(P.ellipsoid(Joint::ShoulderL, {0.200f, 1.408f, 0.000f},
                                    {0.050f, 0.080f, 0.055f}, rotZ(8.0f)));
    arm.prims.push_back(P.cone(Joint::ShoulderL, {0.1925f, 1.420f, -0.004f},
                               {0.1925f, 1.110f, -0.006f}, 0.045f, 0.036f));
    arm.prims.push_back(P.ellipsoid(Joint::ShoulderL, {0.1915f, 1.245f, 0.016f},
                                    {0.033f, 0.075f, 0.030f}));  // biceps
    arm.prims.push_back(P.ellipsoid(Joint::ShoulderL, {0.1935f, 1.290f, -0.018f},
                                    {0.035f, 0.085f, 0.032f}));  // triceps
    // Elbow, forearm (circumference ~27 cm below the elbow, ~16.5 cm at the wrist).
    arm.prims.push_back(
        P.ellipsoid(Joint::ElbowL, {0.1925f, 1.106f, -0.010f}, {0.036f, 0.035f, 0.034f}));
    arm.prims.push_back(P.cone(Joint::ElbowL, {0.1925f, 1.100f, -0.004f}, {0.1925f, 0.980f, 0.000f},
                               0.038f, 0.032f));
    arm.prims.push_back(P.ellipsoid(Joint::ElbowL, {0.1925f, 1.045f, 0.004f},
                                    {0.041f, 0.065f, 0.033f}));  // forearm muscle bellies
    arm.prims.push_back(P.cone(Joint::ForearmL, {0.1925f, 0.980f, 0.000f},
                               {0.1925f, 0.858f, 0.000f}, 0.031f, 0.024f));
    arm.prims.push_back(P.ellipsoid(Joint::ForearmL, {0.1925f, 0.858f, 0.000f},
                                    {0.029f, 0.018f, 0.018f}));  // wrist, wider than deep
    // Hand (hand length 0.108H = 18.9 cm, breadth ~8.5 cm at the knuckles, palm ~3 cm thick),
    // palm facing forward (+Z). The palm (moved by the wrist) is a rounded slab, flatter on
    // the palm side, with a transverse bar for the metacarpal heads (the knuckles) and the
    // hypothenar and distal pads on the palm side; with the thenar eminence of the thumb they
    // leave a shallow cup in the middle of the palm.
    arm.prims.push_back(
        P.box(Joint::WristL, {0.1925f, 0.801f, -0.003f}, {0.023f, 0.032f, 0.001f}, 0.013f));
    arm.prims.push_back(P.cone(Joint::WristL, {0.1560f, 0.770f, -0.001f},
                               {0.2150f, 0.764f, -0.001f}, 0.0110f, 0.0125f));
    arm.prims.push_back(P.ellipsoid(Joint::WristL, {0.1715f, 0.806f, 0.005f},
                                    {0.013f, 0.030f, 0.012f}, rotZ(-6.0f)));  // hypothenar
    arm.prims.push_back(P.ellipsoid(Joint::WristL, {0.1915f, 0.773f, 0.005f},
                                    {0.031f, 0.012f, 0.010f}));  // distal palm pad
    limbs_.push_back(arm);
    const int limb = static_cast<int>(limbs_.size()) - 1;
    // Thumb: from the base of the palm on the radial (lateral) side, pointing down, forward
    // and out, its tip turned toward the index finger; moved by the wrist (no finger joints
    // in the canonical skeleton).
    Digit thumb;
    thumb.limb = limb;
    thumb.kPalm = 0.012f;
    thumb.k = 0.008f;
    thumb.prims.push_back(P.ellipsoid(Joint::WristL, {0.2105f, 0.815f, 0.010f},
                                      {0.016f, 0.030f, 0.012f}, rotZ(20.0f)));  // thenar
    thumb.prims.push_back(P.cone(Joint::WristL, {0.2165f, 0.830f, 0.008f},
                                 {0.2420f, 0.784f, 0.024f}, 0.0130f, 0.0110f));
    thumb.prims.push_back(P.cone(Joint::WristL, {0.2420f, 0.784f, 0.024f},
                                 {0.2440f, 0.753f, 0.036f}, 0.0105f, 0.0094f));
    thumb.prims.push_back(P.cone(Joint::WristL, {0.2440f, 0.753f, 0.036f},
                                 {0.2405f, 0.729f, 0.044f}, 0.0092f, 0.0080f));
    digits_.push_back(thumb);
    // Four fingers (moved by the hand joint at the knuckles), each a proximal phalanx and a
    // middle+distal segment, in a relaxed cascade: slightly spread, flexed toward the palm a
    // little more from the index to the little finger. Lengths follow the hand length (the
    // middle fingertip ~0.108H below the wrist when straight).
    struct FingerSpec {
      float x, y, fanDeg, flex1Deg, flex2Deg, len1, len2, r0, r1, r2;
    };
    constexpr FingerSpec kFingers[] = {
        {0.2170f, 0.765f, 3.0f, 6.0f, 18.0f, 0.042f, 0.044f, 0.0088f, 0.0078f, 0.0067f},  // index
        {0.1945f, 0.760f, 0.0f, 8.0f, 22.0f, 0.046f, 0.049f, 0.0090f, 0.0080f, 0.0069f},  // middle
        {0.1720f, 0.763f, -3.0f, 10.0f, 26.0f, 0.043f, 0.045f, 0.0085f, 0.0075f, 0.0065f},  // ring
        {0.1510f, 0.770f, -6.0f, 12.0f, 30.0f, 0.034f, 0.035f, 0.0075f, 0.0066f,
         0.0058f},  // little
    };
    // The fingers are ~1.7 cm thick and ~6 mm apart (one sampling-grid step: narrower clefts
    // come out ragged) and spread a little toward the tips; they are webbed only at the
    // knuckles, where they blend with the palm.
    Digit fingers;
    fingers.limb = limb;
    fingers.kPalm = 0.010f;
    fingers.k = 0.004f;
    for (const FingerSpec& f : kFingers) {
      auto dir = [&](float flexDeg) {
        const float fan = glm::radians(f.fanDeg), flex = glm::radians(flexDeg);
        return glm::vec3(std::sin(fan) * std::cos(flex), -std::cos(fan) * std::cos(flex),
                         std::sin(flex));
      };
      const glm::vec3 base(f.x, f.y, 0.0f);
      const glm::vec3 mid = base + f.len1 * dir(f.flex1Deg);
      const glm::vec3 tip = mid + f.len2 * dir(f.flex2Deg);
      fingers.prims.push_back(P.cone(Joint::HandL, base, mid, f.r0, f.r1));
      fingers.prims.push_back(P.cone(Joint::HandL, mid, tip, f.r1, f.r2));
    }
    digits_.push_back(fingers);
  }
  for (Digit& d : digits_) {
    Group g;
    g.prims = d.prims;
    finishGroup(g);
    d.boundCentre = g.boundCentre;
    d.boundRadius = g.boundRadius;
  }
  for (Side side : {Side::Left, Side::Right}) {
    const Placer P(skeleton, bindModel_, side);
    Group leg;
    leg.k = 0.025f;
    // Thigh (upper-thigh circumference ~57 cm, above the knee ~38 cm).
    leg.prims.push_back(
        P.cone(Joint::HipL, {0.098f, 0.900f, -0.008f}, {0.0905f, 0.540f, -0.004f}, 0.082f, 0.050f));
    leg.prims.push_back(P.ellipsoid(Joint::HipL, {0.095f, 0.730f, 0.030f},
                                    {0.062f, 0.170f, 0.050f}));  // quadriceps
    leg.prims.push_back(P.ellipsoid(Joint::HipL, {0.070f, 0.575f, 0.026f},
                                    {0.034f, 0.060f, 0.034f}));  // vastus medialis
    leg.prims.push_back(P.ellipsoid(Joint::HipL, {0.090f, 0.735f, -0.030f},
                                    {0.058f, 0.160f, 0.052f}));  // hamstrings
    // Knee: condyles and patella.
    leg.prims.push_back(
        P.ellipsoid(Joint::KneeL, {0.089f, 0.500f, 0.000f}, {0.050f, 0.050f, 0.046f}));
    leg.prims.push_back(
        P.ellipsoid(Joint::KneeL, {0.089f, 0.505f, 0.034f}, {0.028f, 0.032f, 0.018f}));
    // Shank (calf circumference ~37 cm, ankle ~22 cm).
    leg.prims.push_back(
        P.cone(Joint::KneeL, {0.089f, 0.480f, -0.004f}, {0.089f, 0.085f, -0.006f}, 0.046f, 0.031f));
    leg.prims.push_back(P.ellipsoid(Joint::KneeL, {0.096f, 0.375f, -0.026f},
                                    {0.045f, 0.105f, 0.046f}));  // lateral calf
    leg.prims.push_back(P.ellipsoid(Joint::KneeL, {0.076f, 0.360f, -0.022f},
                                    {0.036f, 0.095f, 0.042f}));  // medial calf
    // Ankle and malleoli.
    leg.prims.push_back(
        P.ellipsoid(Joint::AnkleL, {0.089f, 0.070f, -0.004f}, {0.036f, 0.032f, 0.030f}));
    // Foot (foot length 0.152H = 26.6 cm, breadth ~10 cm): heel, instep, forefoot, toes.
    leg.prims.push_back(
        P.ellipsoid(Joint::SubtalarL, {0.089f, 0.036f, -0.040f}, {0.030f, 0.035f, 0.034f}));
    leg.prims.push_back(P.ellipsoid(Joint::SubtalarL, {0.090f, 0.048f, 0.030f},
                                    {0.036f, 0.034f, 0.075f}, rotX(8.0f)));
    leg.prims.push_back(
        P.box(Joint::SubtalarL, {0.094f, 0.024f, 0.070f}, {0.026f, 0.006f, 0.058f}, 0.018f));
    leg.prims.push_back(P.box(Joint::ToesL, {0.096f, 0.016f, 0.164f}, {0.030f, 0.002f, 0.016f},
                              0.014f, rotY(-6.0f)));
    limbs_.push_back(leg);
  }
  for (Group& g : limbs_) finishGroup(g);
  for (const Digit& d : digits_) {  // the limb's bound covers its digits
    Group& g = limbs_[static_cast<std::size_t>(d.limb)];
    g.boundRadius =
        std::max(g.boundRadius, glm::length(d.boundCentre - g.boundCentre) + d.boundRadius);
  }
  // Arms blend with the trunk over ~2 cm (clean armpits), legs over ~5 cm (hip creases).
  limbK_ = {0.03f, 0.03f, 0.05f, 0.05f};
}

glm::vec3 BodySdf::trunkTags(float y) {
  // Weights of pelvis / lumbar / thoracic along the trunk, switching smoothly around L5/S1
  // (1.006 m) and T12/L1 (1.19 m).
  auto smooth = [](float e0, float e1, float x) {
    const float t = std::clamp((x - e0) / (e1 - e0), 0.0f, 1.0f);
    return t * t * (3.0f - 2.0f * t);
  };
  const float aboveL5 = smooth(0.96f, 1.06f, y);
  const float aboveT12 = smooth(1.12f, 1.26f, y);
  return {1.0f - aboveL5, aboveL5 * (1.0f - aboveT12), aboveL5 * aboveT12};
}

float BodySdf::trunkLoft(const glm::vec3& p) const {
  // Between the end sections: the 2-D ellipse distance of the section at p.y, scaled down a
  // little because the sections change with height (keeps the field a distance bound).
  // Beyond the ends: half-ellipsoid caps over the end sections (continuous zero set).
  const Section& lo = kSections[0];
  const Section& hi = kSections[kSectionCount - 1];
  auto capDistance = [&](const Section& s, float capH) {
    const glm::vec3 q(p.x, p.y - s.y, p.z - s.zc);
    const glm::vec3 r(s.a, capH, s.b);
    const float k0 = glm::length(q / r);
    const float k1 = glm::length(q / (r * r));
    return k1 < 1e-9f ? -std::min(s.a, std::min(capH, s.b)) : k0 * (k0 - 1.0f) / k1;
  };
  if (p.y <= lo.y) return capDistance(lo, kCapBottom);
  if (p.y >= hi.y) return capDistance(hi, kCapTop);
  const glm::vec3 s = sectionAt(p.y);
  return 0.85f * ellipse2(p.x, p.z - s.z, s.x, s.y);
}

float BodySdf::groupDistance(const Group& g, const glm::vec3& p) const {
  float d = 1e9f;
  for (const Primitive& prim : g.prims) {
    if (glm::length(p - prim.boundCentre) - prim.boundRadius > d + g.k) continue;
    d = smin(d, prim.distance(p), g.k);
  }
  return d;
}

float BodySdf::distance(const glm::vec3& p) const {
  const float trunk = smin(trunkLoft(p), groupDistance(trunk_, p), trunk_.k);
  float d = trunk;
  for (std::size_t i = 0; i < limbs_.size(); ++i) {
    const Group& g = limbs_[i];
    const float k = limbK_[i];
    if (glm::length(p - g.boundCentre) - g.boundRadius > d + k) continue;
    float limb = groupDistance(g, p);
    const float palmSide = limb;  // the arm group without the digits
    for (const Digit& dg : digits_) {
      if (dg.limb != static_cast<int>(i)) continue;
      if (glm::length(p - dg.boundCentre) - dg.boundRadius > palmSide + dg.kPalm) continue;
      float digit = 1e9f;
      for (const Primitive& prim : dg.prims) digit = smin(digit, prim.distance(p), dg.k);
      limb = std::min(limb, smin(digit, palmSide, dg.kPalm));
    }
    d = std::min(d, smin(trunk, limb, k));
  }
  return d;
}

glm::vec3 BodySdf::gradient(const glm::vec3& p) const {
  constexpr float e = 0.0005f;
  const glm::vec3 g(distance(p + glm::vec3(e, 0, 0)) - distance(p - glm::vec3(e, 0, 0)),
                    distance(p + glm::vec3(0, e, 0)) - distance(p - glm::vec3(0, e, 0)),
                    distance(p + glm::vec3(0, 0, e)) - distance(p - glm::vec3(0, 0, e)));
  const float l = glm::length(g);
  return l > 0.0f ? g / l : glm::vec3(0, 1, 0);
}

void BodySdf::boneDistances(const glm::vec3& p,
                            std::array<float, anatomy::kJointCount>& out) const {
  out.fill(1e9f);
  auto take = [&](const Primitive& prim) {
    const auto b = static_cast<std::size_t>(prim.bone);
    out[b] = std::min(out[b], prim.distance(p));
  };
  for (const Primitive& prim : trunk_.prims) take(prim);
  for (const Group& g : limbs_) {
    for (const Primitive& prim : g.prims) take(prim);
  }
  for (const Digit& dg : digits_) {
    for (const Primitive& prim : dg.prims) take(prim);
  }
  // The loft moves with pelvis, lumbar and thoracic by height: a tag weight t becomes a
  // distance offset -sigma*ln(t), so exp(-(d - dmin)/sigma) reproduces the tag.
  const float loft = trunkLoft(p);
  const glm::vec3 tags = trunkTags(p.y);
  const Joint trunkBones[3] = {Joint::Pelvis, Joint::Lumbar, Joint::Thoracic};
  for (int i = 0; i < 3; ++i) {
    const float t = std::max(tags[i], 1e-4f);
    const auto b = static_cast<std::size_t>(anatomy::index(trunkBones[i]));
    out[b] = std::min(out[b], loft - kTagSigma * std::log(t));
  }
}

}  // namespace sv::mannequin

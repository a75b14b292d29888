#include "model/foreign_rig.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "anatomy/kinematics.h"
#include "anatomy/rig_rest.h"
#include "model/rigged_model.h"

namespace sv {
namespace {

using anatomy::Joint;

constexpr float kAdultMin = 1.3f, kAdultMax = 2.1f;  // plausible adult standing height, m
constexpr float kTypical = 1.7f;
constexpr glm::quat kIdentity(1.0f, 0.0f, 0.0f, 0.0f);

std::string fmt(const char* f, double a, double b = 0.0) {
  char buf[200];
  std::snprintf(buf, sizeof buf, f, a, b);
  return buf;
}

bool finite(const glm::vec3& v) {
  return std::isfinite(v.x) && std::isfinite(v.y) && std::isfinite(v.z);
}

// The rest mesh: vertices skinned with the rest palette (the rest pose need not be the bind
// pose, and the bind space may be scaled or rotated against it).
std::vector<glm::vec3> restMesh(const RiggedModel& m, const std::vector<glm::mat4>& world) {
  std::vector<glm::mat4> palette(m.skinJointNode.size());
  std::vector<glm::vec3> out(m.mesh.vertices.size());
  if (!computePalette(world, m.skinJointNode, m.inverseBind, palette) ||
      !skinVertices(m.mesh, palette, out, {})) {
    out.clear();
  }
  out.erase(std::remove_if(out.begin(), out.end(), [](const glm::vec3& v) { return !finite(v); }),
            out.end());
  return out;
}

struct UnitChoice {
  float scale = 1.0f;
  std::string source, text;
};

// Metres per unit from the figure's height in the scene's units (`raw`), the declared unit
// first.
UnitChoice chooseUnit(float raw, const SourceUnits& src) {
  UnitChoice u;
  if (src.metresPerUnit) {
    const float h = raw * static_cast<float>(*src.metresPerUnit);
    if (h >= kAdultMin && h <= kAdultMax) {
      u.scale = static_cast<float>(*src.metresPerUnit);
      u.source = "declared";
      u.text = src.unitDeclared + fmt(": the figure is %.2f m tall", h);
      return u;
    }
  }
  struct Unit {
    float metres;
    const char* name;
  };
  constexpr Unit kUnits[] = {{1.0f, "metres"},
                             {0.01f, "centimetres"},
                             {0.001f, "millimetres"},
                             {0.1f, "decimetres"},
                             {0.0254f, "inches"}};
  const Unit* best = nullptr;
  for (const Unit& c : kUnits) {
    const float h = raw * c.metres;
    if (h < kAdultMin || h > kAdultMax) continue;
    if (!best || std::fabs(h - kTypical) < std::fabs(raw * best->metres - kTypical)) best = &c;
  }
  const std::string declared =
      src.metresPerUnit
          ? src.unitDeclared + fmt(" would make the figure %.3g m tall", raw * *src.metresPerUnit)
          : std::string("no unit declared");
  u.source = "height";
  if (best) {
    u.scale = best->metres;
    u.text = std::string(best->name) + ", from the figure's height (" + fmt("%.4g units", raw) +
             "; " + declared + ")";
  } else {
    u.scale = 1.75f / raw;
    u.text = fmt("scaled to 1.75 m: no common unit makes %.4g units an adult's height (", raw) +
             declared + ")";
  }
  return u;
}

// Bakes N = T·R·S(s) into the model: roots' rest transforms and keys, mesh, inverse binds.
void bake(RiggedModel& m, float s, const glm::quat& R, const glm::vec3& T) {
  auto apply = [&](NodeTransform& t) {
    t.translation = T + R * (s * t.translation);
    t.rotation = glm::normalize(R * t.rotation);
    t.scale *= s;
  };
  for (std::size_t i = 0; i < m.parents.size(); ++i) {
    if (m.parents[i] >= 0) continue;
    apply(m.restLocal[i]);
    for (AnimationClip& clip : m.animations) {
      for (AnimationTrack& tr : clip.tracks) {
        if (tr.node != static_cast<int>(i)) continue;
        for (glm::vec3& v : tr.translations) v = T + R * (s * v);
        for (glm::quat& q : tr.rotations) q = glm::normalize(R * q);
        for (glm::vec3& v : tr.scales) v *= s;
      }
    }
  }
  glm::mat4 N = glm::mat4_cast(R) * s;
  N[3] = glm::vec4(T, 1.0f);
  const glm::mat4 Ninv = glm::inverse(N);
  for (glm::mat4& ibm : m.inverseBind) ibm = ibm * Ninv;
  const glm::mat3 Rm = glm::mat3_cast(R);
  for (Vertex& v : m.mesh.vertices) {
    v.position = glm::vec3(N * glm::vec4(v.position, 1.0f));
    v.normal = glm::normalize(Rm * v.normal);
  }
}

std::string axisName(const glm::vec3& v) {
  const glm::vec3 a = glm::abs(v);
  const int i = a.x >= a.y && a.x >= a.z ? 0 : a.y >= a.z ? 1 : 2;
  return std::string(v[i] < 0.0f ? "-" : "+") + "XYZ"[i];
}

}  // namespace

void normaliseModel(RiggedModel& model, const SourceUnits& source) {
  Normalisation& norm = model.normalisation;
  norm = Normalisation{};
  model.humanoid.reset();
  model.rig.reset();
  const std::size_t n = model.parents.size();
  std::vector<glm::mat4> world(n);
  if (!nodeLocalToModel(model.parents, model.restLocal, world)) {
    model.humanoidError = "the node tree is not ordered parents first";
    return;
  }
  const std::vector<glm::vec3> mesh = restMesh(model, world);

  // 1. Declared units and axes.
  const float s0 = source.metresPerUnit ? static_cast<float>(*source.metresPerUnit) : 1.0f;
  const glm::quat A0 = source.axisToYUp.value_or(kIdentity);
  std::vector<glm::vec3> pos(n);
  std::vector<std::uint8_t> deforms(n, 0);
  for (std::size_t i = 0; i < n; ++i) pos[i] = A0 * (s0 * glm::vec3(world[i][3]));
  for (int j : model.skinJointNode) {
    if (j >= 0 && static_cast<std::size_t>(j) < n) deforms[static_cast<std::size_t>(j)] = 1;
  }

  // 2. Recognition.
  // Names as the report shows them ("node7" for an unnamed node: not a bone name anywhere).
  std::vector<std::string> names(n);
  for (std::size_t i = 0; i < n; ++i) {
    names[i] =
        model.nodeNames[i].empty() ? model.displayName(static_cast<int>(i)) : model.nodeNames[i];
  }
  std::vector<glm::vec3> surface;
  surface.reserve(std::min<std::size_t>(mesh.size(), 4096));
  const std::size_t stride = std::max<std::size_t>(1, mesh.size() / 4096);
  for (std::size_t v = 0; v < mesh.size(); v += stride) surface.push_back(A0 * (s0 * mesh[v]));
  anatomy::RigBones bones;
  bones.names = names;
  bones.surface = surface;
  bones.parents = model.parents;
  bones.positions = pos;
  bones.deforms = deforms;
  auto rec = anatomy::recogniseRig(bones, source.humanoidBones);
  if (rec && n > 1024) {
    rec = Error{"rig mapping: " + std::to_string(n) + " nodes (at most 1024 can be driven)"};
  }

  glm::quat R = A0;
  const bool declaredAxes = source.axisToYUp.has_value();
  norm.upSource = declaredAxes ? "declared" : "none";
  norm.up = declaredAxes ? source.axisDeclared : "not declared; kept as +Y";
  auto bone = [&](Joint j) {
    return static_cast<std::size_t>(
        rec->mapping.boneOfJoint[static_cast<std::size_t>(anatomy::index(j))]);
  };
  auto J = [&](Joint j) { return pos[bone(j)]; };
  float jointHeight = 0.0f;  // head above the ankles / 0.861, in the declared frame's units
  if (rec) {
    // 3. The skeleton checks the axes.
    const glm::vec3 feet = 0.5f * (J(Joint::AnkleL) + J(Joint::AnkleR));
    glm::vec3 up = J(Joint::Head) - feet;
    if (finite(up) && glm::length(up) > 0.0f) {
      jointHeight = glm::length(up) / (0.900f - 0.039f);  // skull base over ankle, Winter
      up = glm::normalize(up);
      if (up.y < std::cos(glm::radians(30.0f))) {
        const glm::quat fix = anatomy::shortestRotation(up, glm::vec3(0.0f, 1.0f, 0.0f));
        R = fix * R;
        norm.upSource = "skeleton";
        norm.up = "feet-to-head along " + axisName(up) + " (" +
                  (declaredAxes ? source.axisDeclared : std::string("axes not declared")) +
                  "): turned to +Y";
      }
      const glm::quat Rrel = R * glm::conjugate(A0);
      glm::vec3 left =
          Rrel * ((J(Joint::HipL) - J(Joint::HipR)) + (J(Joint::ShoulderL) - J(Joint::ShoulderR)));
      left.y = 0.0f;
      if (glm::length(left) > 0.0f) {
        const float yaw = std::atan2(left.z, left.x);  // turns `left` onto +X about +Y
        if (std::fabs(glm::degrees(yaw)) > 0.5f) {
          R = glm::angleAxis(yaw, glm::vec3(0.0f, 1.0f, 0.0f)) * R;
          norm.facing = fmt("turned %.0f° about +Y to face +Z (its left to +X)", glm::degrees(yaw));
        }
      }
    }
  } else {
    model.humanoidError = rec.error().message;
  }

  // 4. Units, from the height along the final up axis, in the scene's own units.
  const glm::vec3 upFile = glm::conjugate(R) * glm::vec3(0.0f, 1.0f, 0.0f);
  float lo = 1e30f, hi = -1e30f;
  for (const glm::vec3& v : mesh) {
    const float h = glm::dot(v, upFile);
    lo = std::min(lo, h);
    hi = std::max(hi, h);
  }
  float raw = hi > lo ? hi - lo : 0.0f;
  std::string heightSource = "mesh";
  if (rec && jointHeight > 0.0f) {
    const float joints = jointHeight / s0;  // back to scene units
    if (!(raw > 0.0f) || raw > 1.5f * joints || raw < 0.8f * joints) {
      raw = joints;
      heightSource = "joints";
    }
  }
  float s = s0;
  // A figure of (next to) no height has no unit to find: it is kept as declared and, being no
  // body to drive, not humanoid.
  const bool hasHeight = raw > 1e-6f && std::isfinite(raw) && std::isfinite(1.75f / raw);
  if (rec && !hasHeight) {
    model.humanoidError = "rig mapping: the figure has no height (its mesh and joints collapse)";
    rec = Error{model.humanoidError};
  }
  if (rec) {
    UnitChoice u = chooseUnit(raw, source);
    s = u.scale;
    norm.unitSource = u.source;
    norm.unit = u.text;
  } else if (source.metresPerUnit) {
    norm.unitSource = "declared";
    norm.unit = source.unitDeclared;
  } else {
    norm.unitSource = "none";
    norm.unit = "not declared; kept as metres";
  }

  // 5. Standing on y = 0 over the origin.
  glm::vec3 T(0.0f);
  if (!mesh.empty()) {
    glm::vec3 bmin(1e30f), bmax(-1e30f);
    for (const glm::vec3& v : mesh) {
      const glm::vec3 p = R * (s * v);
      bmin = glm::min(bmin, p);
      bmax = glm::max(bmax, p);
    }
    glm::vec3 centre = 0.5f * (bmin + bmax);
    if (rec) {
      centre = R * (s * glm::vec3(world[bone(Joint::Pelvis)][3]));
    }
    T = glm::vec3(-centre.x, -bmin.y, -centre.z);
    if (!finite(T)) T = glm::vec3(0.0f);
  }
  norm.scale = s;
  norm.rotation = R;
  norm.offset = T;
  norm.matrix = glm::mat4_cast(R) * s;
  norm.matrix[3] = glm::vec4(T, 1.0f);
  const float angle = glm::degrees(2.0f * std::acos(std::min(1.0f, std::fabs(R.w))));
  norm.applied = std::fabs(s - 1.0f) > 1e-4f || angle > 0.01f || glm::length(T) > 0.005f;
  if (norm.applied && std::isfinite(s) && s > 0.0f) {
    bake(model, s, R, T);
    if (!nodeLocalToModel(model.parents, model.restLocal, world)) return;
  } else {
    norm.applied = false;
    norm.scale = 1.0f;
    norm.rotation = kIdentity;
    norm.offset = glm::vec3(0.0f);
    norm.matrix = glm::mat4(1.0f);
  }
  if (!rec) return;

  // The rest pose in the anatomical position and the canonical skeleton fitted to it.
  anatomy::RigRestPose rest =
      anatomy::anatomicalRestPose(rec->mapping, rec->fingers, model.parents, world);
  ForeignRig rig;
  rig.standingHeight = raw * s;
  rig.heightSource = heightSource;
  rig.convention = rec->convention;
  rig.bindPose = rest.bindPose;
  rig.armFromSidesDeg = rest.armFromSidesDeg;
  rig.fingers = rec->fingers;
  rig.notes = rec->notes;
  rig.notes.push_back("bind pose: " + rest.bindPose +
                      fmt(" (upper arms %.0f° and %.0f° from the sides)", rest.armFromSidesDeg[0],
                          rest.armFromSidesDeg[1]));
  for (std::string& s2 : rest.notes) rig.notes.push_back(std::move(s2));
  rig.skeleton =
      anatomy::fitRigSkeleton(rec->mapping, rest.position, rig.standingHeight, &rig.notes);
  anatomy::RigMapping mapping = rec->mapping;
  if (Status st = anatomy::computeRestCorrection(mapping, rig.skeleton, rest.rotation,
                                                 model.parents, world);
      !st) {
    model.humanoidError = st.error().message;
    return;
  }
  rig.anatomicalRotation = std::move(rest.rotation);
  rig.anatomicalPosition = std::move(rest.position);
  model.humanoid = mapping;
  model.rig = std::move(rig);
  model.humanoidError.clear();
}

RigPoseBuffers makeRigPoseBuffers(const RiggedModel& model) {
  RigPoseBuffers b;
  b.canonicalLocal.resize(anatomy::kJointCount);
  b.canonicalModel.resize(anatomy::kJointCount, glm::mat4(1.0f));
  b.rigRestLocal.reserve(model.restLocal.size());
  for (const NodeTransform& t : model.restLocal) b.rigRestLocal.push_back(toAnatomyTransform(t));
  b.rigLocal = b.rigRestLocal;
  b.nodeLocal = model.restLocal;
  return b;
}

bool poseRig(const RiggedModel& model, const anatomy::Pose& pose, RigPoseBuffers& b) {
  const std::size_t n = model.restLocal.size();
  if (!model.rig || !model.humanoid || b.rigRestLocal.size() != n || b.rigLocal.size() != n ||
      b.nodeLocal.size() != n) {
    return false;
  }
  const anatomy::Skeleton& skel = model.rig->skeleton;
  if (!anatomy::poseToLocal(skel, pose, b.canonicalLocal) ||
      !anatomy::localToModel(skel, b.canonicalLocal, b.canonicalModel) ||
      !anatomy::applyToRig(skel, *model.humanoid, b.canonicalModel, model.parents, b.rigRestLocal,
                           b.rigLocal)) {
    return false;
  }
  for (std::size_t i = 0; i < n; ++i) {
    b.nodeLocal[i].translation = b.rigLocal[i].translation;
    b.nodeLocal[i].rotation = b.rigLocal[i].rotation;
    b.nodeLocal[i].scale = model.restLocal[i].scale;
  }
  return true;
}

}  // namespace sv

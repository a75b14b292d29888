#include "anatomy/rig_mapping.h"

#include <cctype>
#include <string_view>
#include <vector>

namespace sv::anatomy {
namespace {

// Normalised aliases (lower case, no separators) per canonical joint.
struct Alias {
  Joint joint;
  std::string_view name;
};
constexpr Alias kAliases[] = {
    {Joint::Pelvis, "pelvis"},
    {Joint::Pelvis, "hips"},
    {Joint::Lumbar, "lumbar"},
    {Joint::Lumbar, "spine"},
    {Joint::Thoracic, "thoracic"},
    {Joint::Thoracic, "spine1"},
    {Joint::Thoracic, "chest"},
    {Joint::Cervical, "cervical"},
    {Joint::Cervical, "neck"},
    {Joint::Head, "head"},
    // left arm
    {Joint::ClavicleL, "claviclel"},
    {Joint::ClavicleL, "leftshoulder"},
    {Joint::ShoulderL, "shoulderl"},
    {Joint::ShoulderL, "leftarm"},
    {Joint::ShoulderL, "leftupperarm"},
    {Joint::ElbowL, "elbowl"},
    {Joint::ElbowL, "leftforearm"},
    {Joint::ElbowL, "leftlowerarm"},
    {Joint::ForearmL, "forearml"},
    {Joint::ForearmL, "leftforearmtwist"},
    {Joint::ForearmL, "leftlowerarmtwist"},
    {Joint::WristL, "wristl"},
    {Joint::WristL, "lefthand"},
    {Joint::HandL, "handl"},
    {Joint::HandL, "lefthandmiddle1"},
    {Joint::HandL, "leftmiddleproximal"},
    // right arm
    {Joint::ClavicleR, "clavicler"},
    {Joint::ClavicleR, "rightshoulder"},
    {Joint::ShoulderR, "shoulderr"},
    {Joint::ShoulderR, "rightarm"},
    {Joint::ShoulderR, "rightupperarm"},
    {Joint::ElbowR, "elbowr"},
    {Joint::ElbowR, "rightforearm"},
    {Joint::ElbowR, "rightlowerarm"},
    {Joint::ForearmR, "forearmr"},
    {Joint::ForearmR, "rightforearmtwist"},
    {Joint::ForearmR, "rightlowerarmtwist"},
    {Joint::WristR, "wristr"},
    {Joint::WristR, "righthand"},
    {Joint::HandR, "handr"},
    {Joint::HandR, "righthandmiddle1"},
    {Joint::HandR, "rightmiddleproximal"},
    // left leg
    {Joint::HipL, "hipl"},
    {Joint::HipL, "leftupleg"},
    {Joint::HipL, "leftupperleg"},
    {Joint::HipL, "leftthigh"},
    {Joint::KneeL, "kneel"},
    {Joint::KneeL, "leftleg"},
    {Joint::KneeL, "leftlowerleg"},
    {Joint::KneeL, "leftshin"},
    {Joint::AnkleL, "anklel"},
    {Joint::AnkleL, "leftfoot"},
    {Joint::SubtalarL, "subtalarl"},
    {Joint::ToesL, "toesl"},
    {Joint::ToesL, "lefttoebase"},
    {Joint::ToesL, "lefttoes"},
    // right leg
    {Joint::HipR, "hipr"},
    {Joint::HipR, "rightupleg"},
    {Joint::HipR, "rightupperleg"},
    {Joint::HipR, "rightthigh"},
    {Joint::KneeR, "kneer"},
    {Joint::KneeR, "rightleg"},
    {Joint::KneeR, "rightlowerleg"},
    {Joint::KneeR, "rightshin"},
    {Joint::AnkleR, "ankler"},
    {Joint::AnkleR, "rightfoot"},
    {Joint::SubtalarR, "subtalarr"},
    {Joint::ToesR, "toesr"},
    {Joint::ToesR, "righttoebase"},
    {Joint::ToesR, "righttoes"},
};
constexpr std::string_view kUpperChest[] = {"spine2", "upperchest"};

std::string normalise(std::string_view name) {
  const std::size_t cut = name.find_last_of(":|");
  if (cut != std::string_view::npos) name = name.substr(cut + 1);
  std::string out;
  out.reserve(name.size());
  for (char c : name) {
    if (c == '_' || c == '-' || c == '.' || c == ' ') continue;
    out.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  }
  return out;
}

bool endsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

}  // namespace

bool isRequiredJoint(Joint j) {
  switch (leftOf(j)) {
    case Joint::Pelvis:
    case Joint::Lumbar:
    case Joint::Head:
    case Joint::ShoulderL:
    case Joint::ElbowL:
    case Joint::WristL:
    case Joint::HipL:
    case Joint::KneeL:
    case Joint::AnkleL:
      return true;
    default:
      return false;
  }
}

Result<RigMapping> mapRigBones(std::span<const std::string> boneNames) {
  RigMapping mapping;
  mapping.boneOfJoint.fill(-1);
  mapping.restCorrection.fill(glm::quat(1.0f, 0.0f, 0.0f, 0.0f));
  // Exact matches first; then names that end with an alias (unknown prefixes such as
  // "Armature_mixamorig_"), longest alias winning.
  std::array<int, kJointCount> suffixBone;
  std::array<std::size_t, kJointCount> suffixLen{};
  suffixBone.fill(-1);
  for (std::size_t b = 0; b < boneNames.size(); ++b) {
    const std::string n = normalise(boneNames[b]);
    const int bi = static_cast<int>(b);
    for (std::string_view u : kUpperChest) {
      if (n == u && mapping.upperChestBone < 0) mapping.upperChestBone = bi;
    }
    bool exact = false;
    for (const Alias& a : kAliases) {
      if (n == a.name) {
        int& slot = mapping.boneOfJoint[static_cast<std::size_t>(index(a.joint))];
        if (slot < 0) slot = bi;
        exact = true;
        break;
      }
    }
    if (exact) continue;
    const Alias* best = nullptr;
    for (const Alias& a : kAliases) {
      if (endsWith(n, a.name) && (!best || a.name.size() > best->name.size())) best = &a;
    }
    if (best) {
      const auto ji = static_cast<std::size_t>(index(best->joint));
      if (suffixBone[ji] < 0 || best->name.size() > suffixLen[ji]) {
        suffixBone[ji] = bi;
        suffixLen[ji] = best->name.size();
      }
    }
  }
  for (std::size_t j = 0; j < kJointCount; ++j) {
    if (mapping.boneOfJoint[j] < 0) mapping.boneOfJoint[j] = suffixBone[j];
  }
  std::string missing;
  for (int j = 0; j < kJointCount; ++j) {
    const Joint joint = static_cast<Joint>(j);
    if (isRequiredJoint(joint) && mapping.boneOfJoint[static_cast<std::size_t>(j)] < 0) {
      missing += missing.empty() ? "" : ", ";
      missing += jointName(joint);
    }
  }
  if (!missing.empty()) {
    return Error{"rig mapping: required joint(s) not found among " +
                 std::to_string(boneNames.size()) + " bones: " + missing};
  }
  return mapping;
}

Status computeRestCorrection(RigMapping& mapping, const Skeleton& canonical,
                             std::span<const glm::mat4> foreignRestModel) {
  for (std::size_t j = 0; j < kJointCount; ++j) {
    const int b = mapping.boneOfJoint[j];
    if (b < 0) continue;
    if (static_cast<std::size_t>(b) >= foreignRestModel.size()) {
      return Error{"rig mapping: bone index " + std::to_string(b) + " for joint " +
                   std::string(jointName(static_cast<Joint>(j))) + " is outside the rest pose (" +
                   std::to_string(foreignRestModel.size()) + " bones)"};
    }
    glm::mat3 g(foreignRestModel[static_cast<std::size_t>(b)]);
    for (int c = 0; c < 3; ++c) g[c] = glm::normalize(g[c]);  // drop uniform scale
    const glm::quat G = glm::normalize(glm::quat_cast(g));
    const glm::quat C = glm::normalize(glm::quat_cast(glm::mat3(canonical.restModel[j])));
    mapping.restCorrection[j] = glm::normalize(glm::conjugate(C) * G);
  }
  return {};
}

bool applyToRig(const Skeleton& canonical, const RigMapping& mapping,
                std::span<const glm::mat4> canonicalModel, std::span<const int> foreignParents,
                std::span<const Transform> foreignRestLocal, std::span<Transform> foreignLocalOut) {
  const std::size_t n = foreignParents.size();
  if (canonicalModel.size() != static_cast<std::size_t>(kJointCount) ||
      foreignRestLocal.size() != n || foreignLocalOut.size() != n || n > 1024) {
    return false;
  }
  // Joint per bone (inverse of boneOfJoint). Fixed-size scratch: no allocation.
  std::array<int8_t, 1024> jointOfBone;
  std::array<glm::quat, 1024> world;
  for (std::size_t b = 0; b < n; ++b) jointOfBone[b] = -1;
  for (int j = 0; j < kJointCount; ++j) {
    const int b = mapping.boneOfJoint[static_cast<std::size_t>(j)];
    if (b >= 0 && static_cast<std::size_t>(b) < n)
      jointOfBone[static_cast<std::size_t>(b)] = static_cast<int8_t>(j);
  }
  for (std::size_t b = 0; b < n; ++b) {
    const int p = foreignParents[b];
    if (p >= static_cast<int>(b)) return false;  // parents must come first
    const glm::quat parentWorld =
        p < 0 ? glm::quat(1.0f, 0.0f, 0.0f, 0.0f) : world[static_cast<std::size_t>(p)];
    Transform t = foreignRestLocal[b];
    const int j = jointOfBone[b];
    if (j >= 0) {
      const auto ju = static_cast<std::size_t>(j);
      const glm::quat W = glm::normalize(glm::quat_cast(glm::mat3(canonicalModel[ju])));
      const glm::quat Wf = W * mapping.restCorrection[ju];
      t.rotation = glm::normalize(glm::conjugate(parentWorld) * Wf);
      if (j == index(Joint::Pelvis)) {
        const glm::vec3 delta =
            glm::vec3(canonicalModel[ju][3]) - glm::vec3(canonical.restModel[ju][3]);
        t.translation += glm::conjugate(parentWorld) * delta;
      }
      world[b] = Wf;
    } else {
      world[b] = parentWorld * t.rotation;
    }
    foreignLocalOut[b] = t;
  }
  return true;
}

}  // namespace sv::anatomy

// The humanoid test rigs of tests/support/humanoid_rigs.h as glTF documents (the project's own
// writer), with bone frames as exporters make them: each bone's Y axis along the bone, rolled
// by a different angle per bone, so nothing lines up with the model axes by accident.
#pragma once

#include <cmath>
#include <string>
#include <vector>

#include <glm/gtc/matrix_transform.hpp>

#include "anatomy/kinematics.h"
#include "model/gltf_io.h"
#include "support/humanoid_rigs.h"

namespace sv::test {

struct RigDocOptions {
  // Put the skeleton under an "Armature" node scaling file units to metres (as exporters do
  // for a centimetre rig), instead of leaving the file in its units.
  bool armatureScale = false;
  // Write a VRMC_vrm humanBones map (VRM 1.0 names) for the mapped roles.
  bool vrm = false;
};

inline gltf::Document rigDocument(const std::vector<RigBone>& bones, float unitsPerMetre,
                                  const RigDocOptions& opt = {}) {
  gltf::Document doc;
  const int off = opt.armatureScale ? 1 : 0;
  if (opt.armatureScale) {
    doc.nodes.push_back(
        {"Armature", -1, glm::vec3(0.0f), glm::quat(1, 0, 0, 0), glm::vec3(1.0f / unitsPerMetre)});
  }
  const glm::mat4 A = opt.armatureScale
                          ? glm::scale(glm::mat4(1.0f), glm::vec3(1.0f / unitsPerMetre))
                          : glm::mat4(1.0f);
  const std::size_t n = bones.size();
  // Bone frames: Y toward the first child (leaves: along the parent's bone), rolled.
  std::vector<glm::quat> W(n);
  std::vector<glm::vec3> tip(n);
  for (std::size_t i = 0; i < n; ++i) {
    int child = -1;
    for (std::size_t k = i + 1; k < n && child < 0; ++k) {
      if (bones[k].parent == static_cast<int>(i)) child = static_cast<int>(k);
    }
    glm::vec3 d;
    if (child >= 0) {
      tip[i] = bones[static_cast<std::size_t>(child)].position;
      d = tip[i] - bones[i].position;
    } else {
      const glm::vec3 along =
          bones[i].position - bones[static_cast<std::size_t>(bones[i].parent)].position;
      tip[i] = bones[i].position + 0.6f * along;
      d = along;
    }
    const glm::vec3 dir = glm::length(d) > 0.0f ? glm::normalize(d) : glm::vec3(0, 1, 0);
    W[i] = glm::normalize(glm::angleAxis(glm::radians(37.0f * static_cast<float>(i) + 11.0f), dir) *
                          anatomy::shortestRotation(glm::vec3(0.0f, 1.0f, 0.0f), dir));
  }
  std::vector<glm::mat4> world(n);
  for (std::size_t i = 0; i < n; ++i) {
    const int p = bones[i].parent;
    gltf::Node node;
    node.name = bones[i].name;
    node.parent = p < 0 ? (opt.armatureScale ? 0 : -1) : p + off;
    if (p < 0) {
      node.translation = bones[i].position;
      node.rotation = W[i];
    } else {
      const auto pu = static_cast<std::size_t>(p);
      node.rotation = glm::normalize(glm::conjugate(W[pu]) * W[i]);
      node.translation = glm::conjugate(W[pu]) * (bones[i].position - bones[pu].position);
    }
    doc.nodes.push_back(node);
    glm::mat4 m = glm::mat4_cast(W[i]);
    m[3] = glm::vec4(bones[i].position, 1.0f);
    world[i] = A * m;
  }
  doc.nodes.push_back({"body", -1, glm::vec3(0.0f), glm::quat(1, 0, 0, 0), glm::vec3(1.0f)});
  doc.meshNode = static_cast<int>(doc.nodes.size()) - 1;
  // Skin: every deforming bone; mesh: a box along each deforming bone, fully weighted to it.
  const float scaleToMesh = opt.armatureScale ? 1.0f / unitsPerMetre : 1.0f;
  for (std::size_t i = 0; i < n; ++i) {
    if (!bones[i].deforms) continue;
    const auto joint = static_cast<std::uint16_t>(doc.skinJoints.size());
    doc.skinJoints.push_back(static_cast<int>(i) + off);
    doc.inverseBind.push_back(glm::inverse(world[i]));
    const glm::vec3 a = bones[i].position * scaleToMesh, b = tip[i] * scaleToMesh;
    const glm::vec3 axis = b - a;
    const float len = glm::length(axis);
    if (len <= 0.0f) continue;
    const glm::vec3 u = glm::normalize(axis);
    const glm::vec3 ref = std::fabs(u.y) < 0.9f ? glm::vec3(0, 1, 0) : glm::vec3(1, 0, 0);
    const glm::vec3 s = glm::normalize(glm::cross(u, ref)), t = glm::cross(u, s);
    const float w = 0.1f * len;
    const auto base = static_cast<std::uint32_t>(doc.positions.size());
    for (int e = 0; e < 2; ++e) {
      for (int c = 0; c < 4; ++c) {
        const glm::vec3 o = ((c & 1) ? w : -w) * s + ((c & 2) ? w : -w) * t;
        doc.positions.push_back((e ? b : a) + o);
        doc.normals.push_back(glm::normalize(o));
        doc.joints0.push_back({joint, 0, 0, 0});
        doc.weights0.push_back({1.0f, 0.0f, 0.0f, 0.0f});
      }
    }
    const std::uint32_t quads[6][4] = {{0, 1, 3, 2}, {4, 6, 7, 5}, {0, 4, 5, 1},
                                       {2, 3, 7, 6}, {0, 2, 6, 4}, {1, 5, 7, 3}};
    for (const auto& q : quads) {
      for (std::uint32_t k : {q[0], q[1], q[2], q[0], q[2], q[3]}) doc.indices.push_back(base + k);
    }
  }
  if (opt.vrm) {
    nlohmann::json human = nlohmann::json::object();
    auto vrmName = [](Role r, anatomy::Side s) -> std::string {
      const std::string side = s == anatomy::Side::Right ? "right" : "left";
      switch (r) {
        case Role::Pelvis:
          return "hips";
        case Role::Spine:
          return "spine";
        case Role::Chest:
          return "chest";
        case Role::UpperChest:
          return "upperChest";
        case Role::Neck:
          return "neck";
        case Role::Head:
          return "head";
        case Role::Clavicle:
          return side + "Shoulder";
        case Role::UpperArm:
          return side + "UpperArm";
        case Role::Forearm:
          return side + "LowerArm";
        case Role::Hand:
          return side + "Hand";
        case Role::Index:
          return side + "IndexProximal";
        case Role::Middle:
          return side + "MiddleProximal";
        case Role::Little:
          return side + "LittleProximal";
        case Role::Thigh:
          return side + "UpperLeg";
        case Role::Shin:
          return side + "LowerLeg";
        case Role::Foot:
          return side + "Foot";
        case Role::Toe:
          return side + "Toes";
        default:
          return "";
      }
    };
    for (std::size_t i = 0; i < n; ++i) {
      const std::string v = vrmName(bones[i].role, bones[i].side);
      if (!v.empty()) human[v] = {{"node", static_cast<int>(i) + off}};
    }
    doc.extensions["VRMC_vrm"] = {{"specVersion", "1.0"}, {"humanoid", {{"humanBones", human}}}};
  }
  return doc;
}

}  // namespace sv::test

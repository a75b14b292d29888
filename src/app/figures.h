// The figures the app draws: the client and the practitioner, each a body::Body (the
// MakeHuman body in its own shape) with its mesh on the GPU — or, with --model, a foreign rig
// as the client and no practitioner.
//
// Costs: load() reads the asset once; reshape() applies a new shape (≤ 10 ms on the CPU plus
// the mesh upload) on a profile change; poseClient() is per frame and allocation-free.
#pragma once

#include <array>
#include <filesystem>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "anatomy/kinematics.h"
#include "anatomy/skeleton.h"
#include "app/character.h"
#include "body/body.h"
#include "core/result.h"
#include "render/renderer.h"
#include "scene/draw_list.h"

namespace sv {

// Colours of one figure (linear RGB), in the clinic's palette: clothing that keeps the heat
// map readable (muted, mid-dark), skin, hair.
struct FigureLook {
  glm::vec3 skin{0.62f, 0.45f, 0.36f};
  glm::vec3 top{0.33f, 0.42f, 0.48f};
  glm::vec3 shorts{0.10f, 0.11f, 0.13f};
  glm::vec3 hair{0.06f, 0.04f, 0.03f};
  glm::vec3 eyeWhite{0.80f, 0.80f, 0.78f};
  float roughness = 0.75f;
};
FigureLook clientLook();
FigureLook practitionerLook();

class Figures {
 public:
  // The built-in body (two figures), or a foreign client rig when `model` is given.
  Status load(Renderer& renderer, const std::optional<std::filesystem::path>& model,
              const body::BodyShape& clientShape, const body::BodyShape& practitionerShape,
              std::string* warning);

  bool loaded() const { return client_.has_value() || foreign_.has_value(); }
  // The client is the built-in body: stretches get a practitioner, muscles and grounding.
  bool builtIn() const { return client_.has_value(); }
  // Posed by anatomical angles (the built-in body or a humanoid foreign rig).
  bool drivable() const { return builtIn() || (foreign_ && foreign_->drivable()); }
  const body::Body* client() const { return client_ ? &*client_ : nullptr; }
  const body::Body* practitioner() const { return practitioner_ ? &*practitioner_ : nullptr; }
  Character* foreign() { return foreign_ ? &*foreign_ : nullptr; }
  const Character* foreign() const { return foreign_ ? &*foreign_ : nullptr; }
  // The client's canonical skeleton: fitted to its body, or to a humanoid foreign rig (the
  // default one for a non-humanoid rig).
  const anatomy::Skeleton& skeleton() const;
  MeshId clientMesh() const { return clientMesh_; }
  MeshId practitionerMesh() const { return practitionerMesh_; }

  // A new shape for one figure (clamped with a warning); its mesh is re-uploaded.
  Status reshape(bool practitioner, const body::BodyShape& shape, Renderer& renderer,
                 std::string* warning);

  // Standing at ease (no stretch open).
  static anatomy::Pose idlePose();
  // The client alone (no stretch open, or no practitioner): posed here, palette kept here.
  void poseClient(const anatomy::Pose& pose);
  std::span<const glm::mat4> clientModel() const;
  std::span<const glm::mat4> clientPalette() const;

  // A draw item for a built-in figure with its palette and look.
  static DrawItem bodyItem(MeshId mesh, std::span<const glm::mat4> palette, const FigureLook& look,
                           bool clothing);

 private:
  anatomy::Skeleton defaultSkeleton_ = anatomy::makeDefaultSkeleton(1.75f);
  std::shared_ptr<const body::BodyModel> model_;
  std::optional<body::Body> client_, practitioner_;
  std::optional<Character> foreign_;
  MeshId clientMesh_ = kNoMesh, practitionerMesh_ = kNoMesh;
  std::array<anatomy::Transform, anatomy::kJointCount> local_{};
  std::array<glm::mat4, anatomy::kJointCount> jointModel_{};
  std::vector<glm::mat4> palette_;
};

}  // namespace sv

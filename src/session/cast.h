// The cast: the figures a session poses — the client and the practitioner, each a body::Body
// (the MakeHuman body in its own shape) — or, with --model, a foreign rig as the client. A
// humanoid rig gets the built-in practitioner too and a stand-in Body made from its own mesh
// (body/foreign_body.h) that the assist stages (support, grounding, contacts, collisions); a
// rig that is not humanoid is shown alone. Pure CPU data: whoever draws them uploads their
// meshes and re-uploads when meshGeneration() changes.
//
// Costs: load() reads the asset once; reshape() applies a new shape (≤ 10 ms) on a profile
// change; poseClient() is per frame and allocation-free.
#pragma once

#include <array>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "anatomy/kinematics.h"
#include "anatomy/skeleton.h"
#include "body/body.h"
#include "core/result.h"
#include "model/character.h"

namespace sv::session {

enum class Figure : std::uint8_t { Client, Practitioner };

class Cast {
 public:
  Cast() = default;
  // The cast keeps pointers into itself (a foreign rig's canonical skeleton): not copied or
  // moved once loaded.
  Cast(const Cast&) = delete;
  Cast& operator=(const Cast&) = delete;

  // The built-in body (`bodyPath`, two figures in the two shapes; a clamped shape adds a line
  // to `warning`), or a foreign client rig when `model` is given (with the built-in
  // practitioner from `bodyPath` for a humanoid rig; where that body or the stand-in cannot be
  // made, `warning` says so and the rig is shown alone).
  Status load(const std::filesystem::path& bodyPath,
              const std::optional<std::filesystem::path>& model, const body::BodyShape& clientShape,
              const body::BodyShape& practitionerShape, std::string* warning);

  bool loaded() const { return client_.has_value() || foreign_.has_value(); }
  // The client is the built-in body: stretches get a practitioner, muscles and grounding.
  bool builtIn() const { return client_.has_value(); }
  // Posed by anatomical angles (the built-in body or a humanoid foreign rig).
  bool drivable() const { return builtIn() || (foreign_ && foreign_->drivable()); }
  // The built-in client body (null for a foreign rig).
  const body::Body* client() const { return client_ ? &*client_ : nullptr; }
  // The body the assist stages as the client: the built-in one, or a humanoid foreign rig's
  // stand-in (null where there is neither, or no practitioner to stage).
  const body::Body* stagingClient() const {
    if (!practitioner_) return nullptr;
    return client_ ? &*client_ : (standIn_ ? &*standIn_ : nullptr);
  }
  // Per skin bone of the drawn client (clientPalette's order): the canonical joint whose
  // segment it moves with (empty for a rig that is not humanoid).
  std::span<const int> clientBoneSegments() const { return boneSegments_; }
  const body::Body* practitioner() const { return practitioner_ ? &*practitioner_ : nullptr; }
  Character* foreign() { return foreign_ ? &*foreign_ : nullptr; }
  const Character* foreign() const { return foreign_ ? &*foreign_ : nullptr; }
  // The client's canonical skeleton: fitted to its body, or to a humanoid foreign rig (the
  // default one for a non-humanoid rig).
  const anatomy::Skeleton& skeleton() const;

  // A new shape for one built-in figure (clamped with a warning); its mesh changes.
  Status reshape(Figure figure, const body::BodyShape& shape, std::string* warning);
  // Counts changes of a figure's mesh (load, reshape): a renderer re-uploads when it moves.
  std::uint32_t meshGeneration(Figure figure) const {
    return generation_[static_cast<std::size_t>(figure)];
  }

  // Standing at ease (no stretch open).
  static anatomy::Pose idlePose();
  // The client alone (no stretch open, or no practitioner): posed here, palette kept here.
  void poseClient(const anatomy::Pose& pose);
  std::span<const glm::mat4> clientModel() const;
  std::span<const glm::mat4> clientPalette() const;

 private:
  anatomy::Skeleton defaultSkeleton_ = anatomy::makeDefaultSkeleton(1.75f);
  std::shared_ptr<const body::BodyModel> model_;
  std::optional<body::Body> client_, practitioner_;
  std::optional<Character> foreign_;
  std::optional<body::Body> standIn_;  // a humanoid foreign client's, for the assist
  std::vector<int> boneSegments_;
  std::array<std::uint32_t, 2> generation_{};
  std::array<anatomy::Transform, anatomy::kJointCount> local_{};
  std::array<glm::mat4, anatomy::kJointCount> jointModel_{};
  std::vector<glm::mat4> palette_;
};

}  // namespace sv::session

#include "session/cast.h"

#include "anatomy/hand_pose.h"
#include "body/foreign_body.h"

namespace sv::session {

namespace {

// The built-in body's canonical segment per skin bone.
std::vector<int> boneSegmentsOf(const body::Body& b) {
  std::vector<int> out;
  for (const body::RigBone& bone : b.rig().bones) out.push_back(bone.segment);
  return out;
}

}  // namespace

Status Cast::load(const std::filesystem::path& bodyPath,
                  const std::optional<std::filesystem::path>& model,
                  const body::BodyShape& clientShape, const body::BodyShape& practitionerShape,
                  std::string* warning) {
  const auto addWarning = [&](const std::string& line) {
    if (warning == nullptr) return;
    if (!warning->empty()) *warning += '\n';
    *warning += line;
  };
  if (model) {
    auto ch = Character::load(*model, defaultSkeleton_);
    if (!ch) return ch.error();
    foreign_ = std::move(*ch);
    ++generation_[static_cast<std::size_t>(Figure::Client)];
    if (!foreign_->drivable()) return {};
    boneSegments_ = body::rigSkinSegments(foreign_->model());
    poseClient(idlePose());  // at ease, as the built-in body
    // The practitioner and the stand-in the assist stages.
    auto standIn = body::bodyFromRig(foreign_->model());
    if (!standIn) {
      addWarning("The model is shown without a practitioner: " + standIn.error().message);
      return {};
    }
    auto m = body::loadBodyModel(bodyPath);
    if (!m) {
      addWarning("The model is shown without a practitioner: " + m.error().message);
      return {};
    }
    model_ = *m;
    auto p = body::Body::create(model_, practitionerShape, warning);
    if (!p) {
      addWarning("The model is shown without a practitioner: " + p.error().message);
      return {};
    }
    standIn_ = std::move(*standIn);
    practitioner_ = std::move(*p);
    ++generation_[static_cast<std::size_t>(Figure::Practitioner)];
    return {};
  }
  auto m = body::loadBodyModel(bodyPath);
  if (!m) return m.error();
  model_ = *m;
  auto c = body::Body::create(model_, clientShape, warning);
  if (!c) return c.error();
  auto p = body::Body::create(model_, practitionerShape, warning);
  if (!p) return p.error();
  client_ = std::move(*c);
  practitioner_ = std::move(*p);
  for (std::uint32_t& g : generation_) ++g;
  palette_.resize(static_cast<std::size_t>(client_->boneCount()));
  boneSegments_ = boneSegmentsOf(*client_);
  poseClient(idlePose());
  return {};
}

anatomy::Pose Cast::idlePose() {
  // Standing at ease rather than in the anatomical position: arms a little away from the
  // sides, elbows soft, palms turned toward the thighs, so the relaxed fingers clear them.
  anatomy::Pose p;
  for (anatomy::Side s : {anatomy::Side::Left, anatomy::Side::Right}) {
    p.set(anatomy::Motion::ShoulderAbduction, s, 8.0f);
    p.set(anatomy::Motion::ElbowFlexion, s, 10.0f);
    p.set(anatomy::Motion::ForearmPronation, s, 75.0f);
  }
  return p;
}

const anatomy::Skeleton& Cast::skeleton() const {
  if (client_) return client_->skeleton();
  return foreign_ && foreign_->drivable() ? foreign_->skeleton() : defaultSkeleton_;
}

Status Cast::reshape(Figure figure, const body::BodyShape& shape, std::string* warning) {
  std::optional<body::Body>& b = figure == Figure::Practitioner ? practitioner_ : client_;
  if (!b) return {};
  if (Status st = b->reshape(shape, warning); !st) return st;
  ++generation_[static_cast<std::size_t>(figure)];
  if (figure == Figure::Client) {
    boneSegments_ = boneSegmentsOf(*b);
    poseClient(idlePose());  // the palette follows the new skeleton
  }
  return {};
}

void Cast::poseClient(const anatomy::Pose& pose) {
  if (client_) {
    anatomy::poseToLocal(client_->skeleton(), pose, local_);
    anatomy::localToModel(client_->skeleton(), local_, jointModel_);
    const auto& relaxed = anatomy::handShape(anatomy::HandPose::Relaxed);
    client_->palette(local_, jointModel_, relaxed, relaxed, palette_);
  } else if (foreign_ && foreign_->drivable()) {
    foreign_->setPose(pose);
  }
}

std::span<const glm::mat4> Cast::clientModel() const {
  if (client_) return jointModel_;
  return foreign_ ? foreign_->canonicalModel() : std::span<const glm::mat4>();
}

std::span<const glm::mat4> Cast::clientPalette() const {
  if (client_) return palette_;
  return foreign_ ? foreign_->palette() : std::span<const glm::mat4>();
}

}  // namespace sv::session

#include "app/figures.h"

namespace sv {

FigureLook clientLook() {
  return FigureLook{};
}

FigureLook practitionerLook() {
  // The practitioner in a clinic polo (deep teal) and dark shorts, darker hair: the two figures
  // read apart at a glance even where they touch.
  FigureLook l;
  l.skin = {0.52f, 0.36f, 0.27f};
  l.top = {0.05f, 0.20f, 0.24f};
  l.shorts = {0.16f, 0.16f, 0.18f};
  l.hair = {0.03f, 0.025f, 0.02f};
  l.roughness = 0.7f;
  return l;
}

Status Figures::load(Renderer& renderer, const std::optional<std::filesystem::path>& model,
                     const body::BodyShape& clientShape, const body::BodyShape& practitionerShape,
                     std::string* warning) {
  if (model) {
    auto ch = Character::load(*model, defaultSkeleton_);
    if (!ch) return ch.error();
    foreign_ = std::move(*ch);
    clientMesh_ = renderer.uploadMesh(foreign_->model().mesh);
    if (foreign_->drivable()) poseClient(idlePose());  // at ease, as the built-in body
    return {};
  }
  auto m = body::loadBodyModel(body::defaultBodyPath());
  if (!m) return m.error();
  model_ = *m;
  auto c = body::Body::create(model_, clientShape, warning);
  if (!c) return c.error();
  auto p = body::Body::create(model_, practitionerShape, warning);
  if (!p) return p.error();
  client_ = std::move(*c);
  practitioner_ = std::move(*p);
  clientMesh_ = renderer.uploadMesh(client_->mesh());
  practitionerMesh_ = renderer.uploadMesh(practitioner_->mesh());
  palette_.resize(static_cast<std::size_t>(client_->boneCount()));
  poseClient(idlePose());
  return {};
}

anatomy::Pose Figures::idlePose() {
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

const anatomy::Skeleton& Figures::skeleton() const {
  if (client_) return client_->skeleton();
  return foreign_ && foreign_->drivable() ? foreign_->skeleton() : defaultSkeleton_;
}

Status Figures::reshape(bool practitioner, const body::BodyShape& shape, Renderer& renderer,
                        std::string* warning) {
  std::optional<body::Body>& b = practitioner ? practitioner_ : client_;
  if (!b) return {};
  if (Status st = b->reshape(shape, warning); !st) return st;
  renderer.replaceMesh(practitioner ? practitionerMesh_ : clientMesh_, b->mesh());
  if (!practitioner) poseClient(idlePose());  // the palette belongs to the new skeleton
  return {};
}

void Figures::poseClient(const anatomy::Pose& pose) {
  if (client_) {
    anatomy::poseToLocal(client_->skeleton(), pose, local_);
    anatomy::localToModel(client_->skeleton(), local_, jointModel_);
    const auto& relaxed = anatomy::handShape(anatomy::HandPose::Relaxed);
    client_->palette(local_, jointModel_, relaxed, relaxed, palette_);
  } else if (foreign_ && foreign_->drivable()) {
    foreign_->setPose(pose);
  }
}

std::span<const glm::mat4> Figures::clientModel() const {
  if (client_) return jointModel_;
  return foreign_ ? foreign_->canonicalModel() : std::span<const glm::mat4>();
}

std::span<const glm::mat4> Figures::clientPalette() const {
  if (client_) return palette_;
  return foreign_ ? foreign_->palette() : std::span<const glm::mat4>();
}

DrawItem Figures::bodyItem(MeshId mesh, std::span<const glm::mat4> palette, const FigureLook& look,
                           bool clothing) {
  DrawItem item;
  item.mesh = mesh;
  item.albedo = look.skin;
  item.roughness = look.roughness;
  // The body's palette is rigid (no scale): dual quaternions keep volume in deep flexion and
  // twist where linear blending collapses (docs/body.md).
  item.flags = kDrawDefault | kDrawDualQuat | kDrawCover;
  // Clothing off paints the garments in the skin colour; hair and eyes stay.
  item.cover = {clothing ? look.top : look.skin, clothing ? look.shorts : look.skin, look.hair,
                look.eyeWhite};
  item.palette = palette.data();
  item.paletteCount = static_cast<std::uint32_t>(palette.size());
  return item;
}

}  // namespace sv

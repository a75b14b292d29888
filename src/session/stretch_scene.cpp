#include "session/stretch_scene.h"

#include <algorithm>
#include <cmath>

#include <glm/gtc/constants.hpp>
#include <glm/gtc/matrix_transform.hpp>

#include "scene/studio.h"

namespace sv::session {

using anatomy::Side;

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

DrawItem bodyItem(MeshId mesh, std::span<const glm::mat4> palette, const FigureLook& look,
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

namespace {

// Path lines through the attachment points of the muscles of the stretch's target groups on
// the stretched side, coloured from rest (grey) to fully lengthened (violet).
void appendMusclePaths(const Session& s, DrawList& out) {
  const muscles::MuscleModel& mm = *s.muscles();
  std::array<glm::vec3, 32> points{};
  for (auto g : s.stretch()->primaryGroups) {
    for (int m : mm.regionMembers(anatomy::regionId(g, s.side()))) {
      const int n = mm.path(m, s.pose(), s.clientModel(), points);
      const float t = std::clamp(s.muscleValues()[static_cast<std::size_t>(m)].share, 0.0f, 1.0f);
      const glm::vec4 c =
          glm::mix(glm::vec4(0.85f, 0.85f, 0.85f, 1.0f), glm::vec4(0.62f, 0.45f, 0.95f, 1.0f), t);
      for (int i = 0; i + 1 < n; ++i) {
        out.lines.push_back({points[static_cast<std::size_t>(i)], c});
        out.lines.push_back({points[static_cast<std::size_t>(i + 1)], c});
      }
    }
  }
}

// Force arrows as lit shaft + head meshes: blue where the practitioner moves the limb, grey
// where a hand stabilises, amber for the client's isometric push in contract phases.
void appendArrows(const assist::AssistFrame& f, const SceneMeshes& meshes, DrawList& out) {
  for (int i = 0; i < f.arrowCount; ++i) {
    const assist::ForceArrow& a = f.arrows[static_cast<std::size_t>(i)];
    if (a.magnitude <= 0.01f) continue;
    const glm::vec3 d = a.head - a.tail;
    const float len = glm::length(d);
    if (len < 1e-3f) continue;
    const glm::vec3 dir = d / len;
    const glm::vec3 color = a.source == assist::ArrowSource::Client ? glm::vec3(0.90f, 0.38f, 0.04f)
                            : a.role == stretches::ContactRole::Move
                                ? glm::vec3(0.05f, 0.32f, 0.85f)
                                : glm::vec3(0.36f, 0.40f, 0.46f);
    // Rotation taking +Y to the arrow's direction.
    const glm::vec3 up(0.0f, 1.0f, 0.0f);
    glm::mat4 rot(1.0f);
    const glm::vec3 axis = glm::cross(up, dir);
    const float s = glm::length(axis), c = glm::dot(up, dir);
    if (s > 1e-5f) {
      rot = glm::rotate(glm::mat4(1.0f), std::atan2(s, c), axis / s);
    } else if (c < 0.0f) {
      rot = glm::rotate(glm::mat4(1.0f), glm::pi<float>(), glm::vec3(1.0f, 0.0f, 0.0f));
    }
    const float headLen = 0.07f;
    DrawItem shaft;
    shaft.mesh = meshes.arrowShaft;
    shaft.model =
        glm::translate(glm::mat4(1.0f), a.tail) * rot *
        glm::scale(glm::mat4(1.0f), glm::vec3(1.0f, std::max(len - headLen, 0.01f), 1.0f));
    shaft.albedo = color;
    shaft.roughness = 0.5f;
    shaft.flags = kDrawReceiveShadow;
    out.items.push_back(shaft);
    DrawItem head = shaft;
    head.mesh = meshes.arrowHead;
    head.model = glm::translate(glm::mat4(1.0f), a.head - dir * headLen) * rot;
    out.items.push_back(head);
  }
}

// Bones as lines from each joint to its parent, and each joint's anatomical axes (X red,
// Y green, Z blue, 6 cm), so the rig can be checked against the skin.
void appendSkeletonOverlay(const Session& s, DrawList& out) {
  const auto model = s.clientModel();
  const auto& parents = s.cast().skeleton().parents;
  const glm::vec4 bone(1.0f, 0.92f, 0.35f, 0.95f);
  const glm::vec4 axisColor[3] = {
      {0.95f, 0.3f, 0.3f, 1.0f}, {0.3f, 0.9f, 0.4f, 1.0f}, {0.35f, 0.55f, 1.0f, 1.0f}};
  for (std::size_t i = 0; i < model.size(); ++i) {
    const glm::vec3 p(model[i][3]);
    const int parent = parents[i];
    if (parent >= 0) {
      out.lines.push_back({glm::vec3(model[static_cast<std::size_t>(parent)][3]), bone});
      out.lines.push_back({p, bone});
    }
    for (int a = 0; a < 3; ++a) {
      out.lines.push_back({p, axisColor[a]});
      out.lines.push_back({p + glm::normalize(glm::vec3(model[i][a])) * 0.06f, axisColor[a]});
    }
  }
}

// A plain table or stool for a client without the assist (a foreign rig): the stretch's
// support at the height its root placement assumes.
void appendStandInSupport(stretches::Support support, const SceneMeshes& meshes, DrawList& out) {
  const glm::vec3 wood(0.36f, 0.28f, 0.22f);
  if (support == stretches::Support::Table) {
    DrawItem top;
    top.mesh = meshes.tableTop;
    top.model = glm::translate(glm::mat4(1.0f), {0.0f, kTableTop - kTableThickness * 0.5f, -0.15f});
    top.albedo = glm::vec3(0.20f, 0.32f, 0.36f);  // padded vinyl top
    top.roughness = 0.6f;
    out.items.push_back(top);
    for (float x : {-0.30f, 0.30f}) {
      for (float z : {-1.0f, 0.7f}) {
        DrawItem leg;
        leg.mesh = meshes.tableLeg;
        leg.model = glm::translate(glm::mat4(1.0f), {x, (kTableTop - kTableThickness) * 0.5f, z});
        leg.albedo = wood;
        out.items.push_back(leg);
      }
    }
  } else if (support == stretches::Support::Chair) {
    DrawItem seat;
    seat.mesh = meshes.seat;
    seat.model = glm::translate(glm::mat4(1.0f), {0.0f, kSeatHeight - 0.03f, -0.05f});
    seat.albedo = wood;
    out.items.push_back(seat);
    for (float x : {-0.19f, 0.19f}) {
      for (float z : {-0.23f, 0.13f}) {
        DrawItem leg;
        leg.mesh = meshes.tableLeg;
        leg.model =
            glm::translate(glm::mat4(1.0f), {x, 0.0f, z}) *
            glm::scale(glm::mat4(1.0f),
                       {0.8f, (kSeatHeight - 0.06f) / (kTableTop - kTableThickness), 0.8f}) *
            glm::translate(glm::mat4(1.0f), {0.0f, (kTableTop - kTableThickness) * 0.5f, 0.0f});
        leg.albedo = wood;
        out.items.push_back(leg);
      }
    }
  }
}

}  // namespace

void buildDrawList(const Session& s, const SceneOptions& o, const SceneMeshes& meshes,
                   DrawList& out) {
  out.clear();
  const Cast& cast = s.cast();
  const assist::AssistScene* assist = s.assist();
  if (cast.builtIn()) {
    DrawItem body = bodyItem(meshes.client, s.clientPalette(), clientLook(), o.clothing);
    body.pickId = kClientPickId;
    body.flags |= kDrawMuscleRegions;
    out.items.push_back(body);
  } else if (const Character* foreign = cast.foreign()) {
    DrawItem body;
    body.mesh = meshes.client;
    body.albedo = glm::vec3(0.70f, 0.66f, 0.62f);
    body.roughness = 0.8f;
    body.pickId = kClientPickId;
    body.flags = kDrawDefault | kDrawMuscleRegions;
    if (foreign->canonical()) body.flags |= kDrawDualQuat;
    body.palette = foreign->palette().data();
    body.paletteCount = static_cast<std::uint32_t>(foreign->palette().size());
    out.items.push_back(body);
  } else {
    DrawItem capsule;
    capsule.mesh = meshes.placeholder;
    capsule.albedo = glm::vec3(0.62f, 0.58f, 0.54f);
    capsule.roughness = 0.75f;
    out.items.push_back(capsule);
  }
  if (assist && o.practitioner != PractitionerShow::Hidden) {
    const assist::AssistFrame& f = s.assistFrame();
    DrawItem prac = bodyItem(meshes.practitioner,
                             std::span<const glm::mat4>(f.practitionerPalette)
                                 .first(static_cast<std::size_t>(f.practitionerBones)),
                             practitionerLook(), o.clothing);
    prac.pickId = kPractitionerPickId;
    if (o.practitioner == PractitionerShow::Ghosted) {
      prac.flags = (prac.flags & ~kDrawDefault) | kDrawGhost;
      prac.opacity = 0.35f;
    }
    out.items.push_back(prac);
  }
  if (o.skeletonOverlay && cast.drivable()) appendSkeletonOverlay(s, out);
  // A foreign client has no muscle regions to tint: its heat map is the target muscles' paths.
  const bool pathsAsHeat = o.heatmap && !cast.builtIn();
  if ((o.musclePaths || pathsAsHeat) && s.muscles() && s.isOpen()) appendMusclePaths(s, out);
  if (!s.isOpen()) return;
  if (assist) {
    const auto& env = assist->environment();
    // Meshes of an older environment are not drawn over this one's.
    if (meshes.environmentGeneration == s.environmentGeneration()) {
      for (std::size_t i = 0; i < env.size() && i < meshes.environment.size(); ++i) {
        DrawItem item;
        item.mesh = meshes.environment[i];
        item.model = env[i].transform;
        item.albedo = env[i].color;
        item.roughness = 0.7f;
        out.items.push_back(item);
      }
    }
    if (o.forceArrows) appendArrows(s.assistFrame(), meshes, out);
    return;
  }
  appendStandInSupport(s.stretch()->support, meshes, out);
}

FrameParams buildFrameParams(const Session& s, const SceneOptions& o, const OrbitCamera& camera,
                             const PixelRect& viewport) {
  FrameParams p = studioFrameParams(camera);
  p.viewport = viewport;
  // Shadows cover the client and the table, not the whole studio: a tight fit keeps detail.
  p.shadowCenter = glm::vec3(0.0f, 0.75f, 0.0f);
  p.shadowRadius = 1.6f;
  p.wireframe = o.wireframe;
  auto mark = [&](anatomy::MuscleGroup g, Side side, float highlight, float selected) {
    RegionStyle& r = p.regions[anatomy::regionId(g, side)];
    r.highlight = std::max(r.highlight, highlight);
    r.selected = std::max(r.selected, selected);
  };
  for (int i = 0; i < anatomy::kMuscleGroupCount; ++i) {
    if (!o.selectedGroups.test(static_cast<std::size_t>(i))) continue;
    const auto g = static_cast<anatomy::MuscleGroup>(i);
    if (o.selectLeft) mark(g, Side::Left, 0.0f, 1.0f);
    if (o.selectRight) mark(g, Side::Right, 0.0f, 1.0f);
  }
  const stretches::Stretch* st = s.stretch();
  if (st) {
    for (auto g : st->primaryGroups) mark(g, s.side(), 0.75f, 0.0f);
    for (auto g : st->secondaryGroups) mark(g, s.side(), 0.35f, 0.0f);
  }
  const muscles::MuscleModel* mm = s.muscles();
  p.heatmap = o.heatmap && mm && st;
  if (p.heatmap) {
    // The stretch's target groups are the loudest thing on the body: primary groups at full
    // strength, secondary ones at 60 %, every other muscle faint (30 %) and only where its
    // share of stretch or shortening passes 15 % (sitting lengthens the gluteals and shortens
    // the hip flexors in every seated stretch; at full strength they drowned the target).
    std::array<float, anatomy::kMuscleRegionCount> gain;
    gain.fill(0.3f);
    for (auto g : st->secondaryGroups) gain[anatomy::regionId(g, s.side())] = 0.6f;
    for (auto g : st->primaryGroups) gain[anatomy::regionId(g, s.side())] = 1.0f;
    const std::span<const float> share = s.regionShares();
    for (std::uint16_t r = 1; r < anatomy::kMuscleRegionCount; ++r) {
      float h = mm->hasMuscles(r) ? std::clamp(share[r], -1.0f, 1.0f) : 0.0f;
      if (gain[r] < 0.5f && std::fabs(h) < 0.15f) h = 0.0f;
      p.regions[r].heat = h * gain[r];
    }
  }
  return p;
}

}  // namespace sv::session

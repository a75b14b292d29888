// What a session looks like: the draw list and frame parameters of its current moment, as
// pure functions of the session, the view options and the GPU mesh ids the caller uploaded.
// The window, headless captures, handouts and clip export all draw a stretch through here.
//
// Per frame and allocation-free once `out`'s vectors have grown to their working size.
#pragma once

#include <bitset>
#include <cstdint>
#include <span>
#include <vector>

#include "anatomy/muscle_groups.h"
#include "camera/orbit_camera.h"
#include "scene/draw_list.h"
#include "session/session.h"

namespace sv::session {

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

// A draw item for a built-in figure with its palette and look.
DrawItem bodyItem(MeshId mesh, std::span<const glm::mat4> palette, const FigureLook& look,
                  bool clothing);

// Pick ids of the figures in the id buffer.
inline constexpr std::uint32_t kClientPickId = 1;
inline constexpr std::uint32_t kPractitionerPickId = 2;

enum class PractitionerShow : std::uint8_t { Shown, Ghosted, Hidden };

// How the scene is shown (the View menu and the groups panel's selection).
struct SceneOptions {
  bool clothing = true;
  PractitionerShow practitioner = PractitionerShow::Shown;
  bool forceArrows = true;
  bool skeletonOverlay = false;
  bool musclePaths = false;
  bool heatmap = true;
  bool wireframe = false;
  // Muscle groups selected in the groups panel, on these sides.
  std::bitset<anatomy::kMuscleGroupCount> selectedGroups;
  bool selectLeft = true;
  bool selectRight = true;
};

// GPU meshes of what the scene may contain (kNoMesh where not uploaded). `environment`
// follows the session's assist environment, item for item, for environmentGeneration.
struct SceneMeshes {
  MeshId client = kNoMesh;
  MeshId practitioner = kNoMesh;
  MeshId placeholder = kNoMesh;  // drawn when no figure loaded
  MeshId tableTop = kNoMesh;     // the stand-in support for a foreign client (no assist)
  MeshId tableLeg = kNoMesh;
  MeshId seat = kNoMesh;
  MeshId arrowShaft = kNoMesh;  // unit length along +Y
  MeshId arrowHead = kNoMesh;
  std::vector<MeshId> environment;
  std::uint32_t environmentGeneration = ~0u;
};

// Geometry of the stand-in supports (metres; the cast's client placement assumes a table top
// about 0.7 m high, docs/stretch-format.md).
inline constexpr float kTableTop = 0.70f;
inline constexpr float kTableThickness = 0.09f;
inline constexpr glm::vec3 kTableSize{0.70f, kTableThickness, 1.95f};
inline constexpr glm::vec3 kSeatSize{0.45f, 0.06f, 0.42f};
inline constexpr float kSeatHeight = 0.47f;

// The scene's items and overlay lines for the session's current moment (`out` is cleared).
void buildDrawList(const Session& session, const SceneOptions& options, const SceneMeshes& meshes,
                   DrawList& out);

// Camera, lights, shadows and muscle region styles for the moment. The caller sets the
// viewport's resolution scale and multisampling.
FrameParams buildFrameParams(const Session& session, const SceneOptions& options,
                             const OrbitCamera& camera, const PixelRect& viewport);

}  // namespace sv::session

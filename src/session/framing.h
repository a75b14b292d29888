// Where the camera looks at a session: the view chosen per stretch and per phase so the key
// segment, the measured joint and the practitioner's hands are in sight and both figures fit
// the free part of the 3D view; the presets (front, back, left, right, top, three-quarter,
// the figures' eyes), each framed the same way; following the moving limb; and who decides
// (CameraDirector: the automatic view until the user moves the camera).
//
// Pure: no GL, no UI. The geometry is a stand-in for the skinned bodies — one capsule per
// canonical segment of each figure and one box per prop — good enough to rank candidate views
// quickly; the renderer measures the chosen view exactly on the id buffer
// (Renderer::measureVisibility, docs/architecture.md "Framing").
//
// Costs: CameraDirector::plan() samples the technique and scores every candidate (load time,
// allocates; BENCH framing_plan_ms); setStage() refits without allocating; update() is per
// frame and allocation-free.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "camera/orbit_camera.h"
#include "camera/view_preset.h"
#include "session/session.h"

namespace sv::session {

// --- The figures as capsules -------------------------------------------------------------

inline constexpr int kMaxFramingCapsules = 64;
inline constexpr int kMaxFramingBoxes = 16;
inline constexpr int kMaxKeyCapsules = 4;

struct Capsule {
  glm::vec3 a{0.0f}, b{0.0f};  // axis ends, world space (metres)
  float radius = 0.0f;
  std::uint8_t joint = 0;   // the canonical joint whose segment it stands for
  std::uint8_t figure = 0;  // 0 client, 1 practitioner
  bool breadth = false;     // across the shoulders or the hips (not a segment of its own)
};

// A prop as an oriented box: `lo`…`hi` in its own frame, `toWorld` its placement.
struct FramingBox {
  glm::mat4 toWorld{1.0f};
  glm::mat4 toLocal{1.0f};
  glm::vec3 lo{0.0f}, hi{0.0f};
};

// What the camera must show at one moment of a stretch.
struct FramingMoment {
  std::array<Capsule, kMaxFramingCapsules> capsules{};
  int capsuleCount = 0;
  std::array<FramingBox, kMaxFramingBoxes> boxes{};
  int boxCount = 0;
  // The key segment: the segment the key motion moves and the next one out (hip flexion:
  // thigh and shank; wrist flexion: hand and fingers; cervical flexion: neck and head).
  std::array<int, kMaxKeyCapsules> key{};  // indices into capsules
  int keyCount = 0;
  glm::vec3 joint{0.0f};  // the measured joint's centre
  float jointRadius = 0.05f;
  std::array<glm::vec3, assist::kMaxContacts> contacts{};  // the practitioner's hands on the skin
  int contactCount = 0;
};

// The canonical joints whose segments make the key segment of `motion` on `side`: the
// motion's joint and its first child in the canonical chain.
std::array<anatomy::Joint, 2> keySegmentJoints(anatomy::Motion motion, anatomy::Side side);

// Capsules of one figure from its canonical model matrices (kJointCount, world space) and its
// standing height (radii scale with it). Returns false when the moment is full.
bool addFigure(FramingMoment& m, std::span<const glm::mat4> model, float height,
               std::uint8_t figure);

// The moment at time `t` of the open stretch: both figures (the assist's practitioner when
// staged), its props, the key segment, the measured joint and the contacts. `scratch` holds
// the assist's frame for t (large: the caller keeps one). Nothing open, or a rig that cannot be
// posed: an empty moment.
void momentAt(const Session& session, float t, assist::AssistFrame& scratch, FramingMoment& out);

// --- Visibility and fit ------------------------------------------------------------------

// Share of what matters that a camera at `eye` sees unoccluded (each 0…1): sample points on
// the near side of the key segment's capsules, the measured joint's surface and the contacts,
// each visible when the line to the eye meets no other capsule or box (a capsule or box that
// contains the point, where two segments meet, does not count).
struct Visibility {
  float segment = 0.0f;
  float joint = 0.0f;
  float contacts = 1.0f;  // 1 without contacts
};
Visibility estimateVisibility(const FramingMoment& m, const glm::vec3& eye);

// Where the figures must fit: the 3D view's size in pixels and, inside it, the rectangle the
// overlays (caption, legend, playback) leave free (pixels from the view's top-left corner).
struct Stage {
  float width = 1280.0f, height = 720.0f;
  float x0 = 0.0f, y0 = 0.0f, x1 = 1280.0f, y1 = 720.0f;
  float fovYDeg = 35.0f;

  bool operator==(const Stage&) const = default;
  float aspect() const { return width / std::max(height, 1.0f); }
};

// The closest camera looking in the direction of (yawDeg, pitchDeg) (orbit camera terms) that
// shows every capsule of every moment inside the stage's free rectangle (less a margin), the
// figures centred in it; the orbit target is at the figures' depth. Exact for the capsules
// (each is the hull of two spheres, each kept inside the four planes of the free rectangle).
// Moments without capsules: a standing figure's view at that angle.
OrbitState fitView(float yawDeg, float pitchDeg, std::span<const FramingMoment> moments,
                   const Stage& stage);

// --- Presets and the plan ----------------------------------------------------------------

// A candidate direction and how well it shows one phase.
struct ViewChoice {
  float yawDeg = 0.0f;
  float pitchDeg = 25.0f;
  float segment = 0.0f;  // the key segment's estimated visibility, worst moment of the phase
  float joint = 0.0f;
  float contacts = 0.0f;
};

// The exact measure of a view, for the planner to check its estimates: the share of the key
// segment that a camera in `view` (for `stage`) shows at time t of the open stretch. The app
// answers it with the renderer's id buffer (Renderer::measureView); the planner stays pure.
class VisibilityProbe {
 public:
  virtual ~VisibilityProbe() = default;
  virtual float visibleShare(float time, const OrbitState& view, const Stage& stage) = 0;
};

// The share of the key segment a planned view must show (measured by a probe), and the share
// the planner aims for at its sampled moments, so that the moments between them keep 80 %.
inline constexpr float kMinVisibleShare = 0.8f;
inline constexpr float kAimedVisibleShare = 0.86f;

class CameraDirector {
 public:
  enum class Mode : std::uint8_t {
    Automatic,  // the stretch's view, phase by phase
    Preset,     // a preset the user chose, framed over the whole technique
    User,       // the user orbited, panned or zoomed: nothing moves the camera
  };

  CameraDirector();

  // Plans the open stretch's views for `stage` (load time; allocates). newStretch: back to the
  // automatic view (a new stretch); otherwise the mode stays (another side, technique,
  // profile or body: the plan follows, a preset is framed again, the user's view stays).
  // With a probe: the estimate's best kStretchDirections directions are measured at four
  // moments spread over the technique and the best measured one becomes the stretch's; then
  // each phase's view is measured at the phase's moments, and a phase that shows less than
  // kMinVisibleShare of the key segment tries up to kMaxProbedDirections others, keeping the
  // best measured one. At most kMaxProbes measurements per plan (BENCH framing_plan_ms).
  static constexpr std::size_t kStretchDirections = 8;
  static constexpr int kMaxProbedDirections = 6;
  static constexpr int kMaxProbes = 240;
  void plan(const Session& session, const Stage& stage, bool newStretch,
            VisibilityProbe* probe = nullptr);
  // The smallest measured share of each phase's view (-1 where nothing was measured).
  float measuredShare(int phase) const;
  // A new free rectangle (window, panels, UI scale): the views are fitted again (no
  // allocation); the camera moves only in the automatic and preset modes.
  void setStage(const Stage& stage);
  const Stage& stage() const { return stage_; }

  // The user moved the camera: automatic framing stops until the next stretch or preset.
  void userMoved();
  // A preset (Stretch: the automatic view again). The eye views use this moment's poses.
  void choose(ViewPreset preset, const Session& session);
  // The user's own direction (--camera): fitted like a preset, then the user's view.
  OrbitState userView(float yawDeg, float pitchDeg, std::optional<float> distance) const;
  // `current`'s direction fitted to another stage (a screenshot of the view at another size);
  // an eye view stays as it is.
  OrbitState reframed(const OrbitState& current, const Stage& stage) const;
  void setFollow(bool on) { follow_ = on; }
  bool follow() const { return follow_; }

  // Per frame (allocation-free): the goal the camera should ease to when it changes (a new
  // phase, preset, plan or stage), else nothing; with follow on, the goal's target follows
  // the key segment every frame. `current` is the camera's goal now.
  std::optional<OrbitState> update(const Session& session, const OrbitState& current);

  Mode mode() const { return mode_; }
  std::optional<ViewPreset> preset() const;
  // The view of the whole technique from the stretch's direction (what a still picture of
  // the stretch uses).
  const OrbitState& stretchView() const { return stretchView_; }
  // The automatic view of phase `phase` (clamped; the stretch view before any phase).
  const OrbitState& phaseView(int phase) const;
  const ViewChoice& phaseChoice(int phase) const;
  int phaseCount() const { return static_cast<int>(phaseViews_.size()); }
  // A preset framed for the current stage (the eye views: at the session's current moment).
  OrbitState presetView(ViewPreset preset, const Session& session) const;
  // Where the key segment is now (world space): what following looks at.
  static glm::vec3 keySegmentCentre(const Session& session);

 private:
  void refit();
  OrbitState fitPhases(const ViewChoice& c, int onlyPhase);

  Stage stage_;
  Mode mode_ = Mode::Automatic;
  ViewPreset preset_ = ViewPreset::Stretch;
  OrbitState presetState_;
  bool follow_ = false;
  bool dirty_ = true;  // the goal must be sent again
  int lastPhase_ = -2;
  std::unique_ptr<assist::AssistFrame> scratch_;
  std::vector<FramingMoment> moments_;  // sampled over the technique
  std::vector<float> momentTime_;
  std::vector<int> momentPhase_;       // the phase of each moment
  std::vector<float> measured_;        // per phase: the probe's share of its view (-1: none)
  std::vector<std::uint8_t> include_;  // scratch: the moments a fit covers
  std::vector<ViewChoice> phaseChoice_;
  std::vector<OrbitState> phaseViews_;
  ViewChoice stretchChoice_;
  OrbitState stretchView_;
};

// --- For the renderer's exact measurement -----------------------------------------------

// The client's skin bones (palette indices) whose vertices belong to the key segment, one bit
// each (bone b: word b / 32, bit b % 32). Empty without a drivable client or a stretch.
using BoneMask = std::array<std::uint32_t, 8>;
BoneMask keySegmentBones(const Session& session);

}  // namespace sv::session

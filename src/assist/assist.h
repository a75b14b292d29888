// The assist: the practitioner figure, its hands on the client, the client resting on its
// support, the environment and the force arrows, for one stretch timeline.
//
// Load time: AssistScene::create() (allocates; reads the client body's mesh for the skin
// surface and for the client's grounding). Per frame: AssistScene::update(t, frame) — no
// allocation: samples the timeline, grounds the client on the support, poses both figures
// (anatomy poseToLocal/localToModel of each body's fitted skeleton), places the hands on the
// client's skin by arm IK (with a torso lean, a knee bend and, past that, a step), shapes the
// hands, computes both skinning palettes (body rigs) and the arrows.
// Everything is in one model (world) space: metres, +Y up, floor at y = 0; both figures are
// drawn with an identity model matrix (their placement is in Pose::root).
#pragma once

#include <array>
#include <span>
#include <string>
#include <vector>

#include "anatomy/hand_pose.h"
#include "anatomy/skeleton.h"
#include "assist/collision.h"
#include "assist/environment.h"
#include "assist/ik.h"
#include "assist/posture.h"
#include "body/body.h"
#include "core/result.h"
#include "model/rigged_model.h"
#include "stretches/playback.h"
#include "stretches/stretch.h"

namespace sv::assist {

inline constexpr int kMaxContacts = 4;
inline constexpr int kMaxArrows = 2 * kMaxContacts;

struct AssistOptions {
  TableSpec table;
  MatSpec mat;
  StoolSpec stool;  // seatHeight is computed so the client's feet rest on the floor
  float handHalfThickness = 0.015f;  // skin -> the practitioner's hand bone axis (palm)
  float palmFromWrist = 0.045f;      // palm centre along the hand from the wrist (metres)
  float comfortableReach = 0.92f;    // fraction of arm length before leaning / stepping
  float maxLean = 70.0f;             // degrees of trunk lean (pelvis tilt + spine flexion)
  float maxSquat = 40.0f;            // degrees (knee flexion is twice this)
  float maxStep = 0.6f;              // metres of root translation past the planted stance
  float standoff = 0.17f;            // practitioner pelvis centre from the table edge
  // Collision-aware placement: the practitioner's trunk, legs and head are moved out of the
  // client, the table and the stool (the arms reach on to the contacts) where that leaves the
  // scene's worst overlap smaller than without.
  bool avoidCollision = true;
  float headClearance = 0.10f;  // the practitioner's head kept this far from the client
  float maxPush = 0.6f;         // metres the placement may move to get clear
};

// One contact, prepared at load time in the client joint's frame.
struct ContactSetup {
  stretches::Hand hand = stretches::Hand::Right;
  stretches::ContactRole role = stretches::ContactRole::Move;
  std::string landmark;
  int clientJoint = 0;
  glm::vec3 dataOffset{0.0f};  // the file's offset (joint bind frame)
  glm::vec3 skinOffset{0.0f};  // nearest skin point along `normal` (joint bind frame)
  glm::vec3 normal{0.0f};      // outward skin normal at the contact = -force (bind frame)
  glm::vec3 force{0.0f};       // practitioner's push direction (bind frame, unit)
  float dataGap = 0.0f;        // |skinOffset - dataOffset|: how far the file's point was off
  // The forearm along the client (the file's forearm_along): the forearm runs from the wrist
  // through this skin point (forearmJoint's bind frame), pressing it along -forearmNormal.
  bool forearm = false;
  int forearmJoint = 0;
  glm::vec3 forearmSkin{0.0f};
  glm::vec3 forearmNormal{0.0f};
};

enum class ArrowSource : std::uint8_t { Practitioner, Client };

struct ForceArrow {
  ArrowSource source = ArrowSource::Practitioner;
  stretches::ContactRole role = stretches::ContactRole::Move;
  int contact = 0;
  glm::vec3 point{0.0f};      // where the force acts (on the client's skin)
  glm::vec3 direction{0.0f};  // unit: the direction of the push
  float magnitude = 0.0f;     // relative, 0..1
  // Suggested drawing (length = kArrowLength * magnitude): the practitioner's push ends at
  // the skin (head = point); the client's push starts at the skin and points out of it.
  glm::vec3 tail{0.0f};
  glm::vec3 head{0.0f};
};
inline constexpr float kArrowLength = 0.25f;  // metres at magnitude 1

struct ContactState {
  glm::vec3 skinPoint{0.0f};  // on the client's skin
  glm::vec3 normal{0.0f};     // outward
  glm::vec3 goal{0.0f};       // where the practitioner's palm centre should be
  glm::vec3 palm{0.0f};       // where it is after IK
  float error = 0.0f;         // |palm - goal|, metres
  float elbowFlexion = 0.0f;  // degrees
  // A contact with its forearm along the client: where the forearm's axis should pass (on the
  // skin point, a forearm's half thickness out), and how far it passes from it after IK.
  bool forearm = false;
  glm::vec3 forearmGoal{0.0f};
  float forearmError = 0.0f;
};

// The practitioner's position, read from the stretch's position id string. (Not
// stretches::PractitionerPosition: that enum lacks standing_front while its id table has it, so
// its values after standing_end are shifted; the id string round-trips correctly.)
enum class Stance : std::uint8_t {
  StandingSide,
  StandingEnd,
  StandingFront,
  KneelingOnTable,
  KneelingFloor,
  HeadOfTable,
  BehindSeated,
  BehindStanding,
};
Stance stanceOf(const stretches::Stretch& stretch);

struct PractitionerPlacement {
  Stance position = Stance::StandingSide;
  glm::vec3 pelvis{0.0f};              // planted pelvis position (world)
  glm::vec3 facing{0.0f, 0.0f, 1.0f};  // horizontal unit vector the practitioner faces
  float floorHeight = 0.0f;            // what the feet stand on (floor 0, or the mat's top)
  // How it stands there (the file's `posture`; kneeling_floor without one kneels), and which
  // leg is in front in a lunge or half-kneeling: the side the hands reach to.
  stretches::PractitionerPosture posture = stretches::PractitionerPosture::Standing;
  anatomy::Side lead = anatomy::Side::Right;
};

struct AssistFrame {
  float time = 0.0f;
  int phase = -1;
  stretches::PhaseKind phaseKind = stretches::PhaseKind::Move;
  anatomy::Pose clientPose;        // sampled and grounded
  anatomy::Pose practitionerPose;  // base pose before the arm IK (lean, squat, step)
  std::array<anatomy::Transform, anatomy::kJointCount> clientLocal{};
  std::array<glm::mat4, anatomy::kJointCount> clientModel{};
  std::array<glm::mat4, body::kMaxBones> clientPalette{};  // skin bones of the client body
  std::array<anatomy::Transform, anatomy::kJointCount> practitionerLocal{};
  std::array<glm::mat4, anatomy::kJointCount> practitionerModel{};
  std::array<glm::mat4, body::kMaxBones> practitionerPalette{};
  int clientBones = 0;        // entries of clientPalette in use
  int practitionerBones = 0;  // entries of practitionerPalette in use
  // The practitioner's hands [Left, Right]: a grip where the hand is on the client, else
  // relaxed.
  std::array<anatomy::HandPose, 2> practitionerHands{anatomy::HandPose::Relaxed,
                                                     anatomy::HandPose::Relaxed};
  std::array<ContactState, kMaxContacts> contacts{};
  int contactCount = 0;
  std::array<ForceArrow, kMaxArrows> arrows{};
  int arrowCount = 0;
  float lean = 0.0f;     // degrees
  float squat = 0.0f;    // degrees
  glm::vec3 step{0.0f};  // metres from the planted stance (reach step and collision push)
  glm::vec3 push{0.0f};  // the part of `step` that gets the practitioner clear of the client
  float maxContactError = 0.0f;
  FigureCapsules clientCapsules;  // the client's fitted capsules, world space
};

// How well one frame is staged (AssistScene::measure): the figures against each other and the
// props, the hands on the skin and the practitioner's posture. Depths in metres (0: clear).
struct StagingMetrics {
  // Deepest overlap of the practitioner into the client outside the declared contact patches
  // (a holding hand and its wrist against the segment it holds), and the two segments.
  float clientDepth = 0.0f;
  int clientJoint = -1, practitionerJoint = -1;
  float tableDepth = 0.0f;  // the practitioner into the table's top or the stool's seat
  int tableJoint = -1;
  float floorDepth = 0.0f;  // the practitioner below the floor (or the mat's top)
  // Grounding: the highest of the posture's supports above the floor (standing: the lower
  // foot; a lunge: each foot; kneeling: the knees), metres.
  float footLift = 0.0f;
  float headClearance = 1.0f;    // the practitioner's head to the client (surface to surface)
  float palmDistance = 0.0f;     // the largest palm centre to its goal on the skin
  float palmAngle = 0.0f;        // degrees between a palm's normal and the skin's inward normal
  float forearmDistance = 0.0f;  // metres: a forearm laid along the client off its point
  float trunkLean = 0.0f;        // degrees (pelvis tilt and spine flexion together)
  float lumbarFlexion = 0.0f;    // degrees
};

class AssistScene {
 public:
  // `stretch` and `timeline` as built by stretches::buildTimeline (the stretch on the side the
  // timeline plays: stretchForSide(stretch, timeline.side)). `client` and `practitioner` are
  // the two figures (each with its own shape and fitted skeleton). All are read at load only;
  // the scene keeps its own copies of what update() needs.
  static Result<AssistScene> create(const stretches::Stretch& stretch,
                                    const stretches::StretchTimeline& timeline,
                                    const body::Body& client, const body::Body& practitioner,
                                    const AssistOptions& options = {});

  // Per frame; allocation-free. t in seconds (clamped to the timeline). Everything but the
  // time, the phase and the force arrows is a function of the client's pose (sampleClient) alone:
  // two times with equal client poses stage the practitioner identically (the sweeps rely on it).
  void update(float t, AssistFrame& out) const;

  // The staging of a frame update() filled (allocation-free; not part of update()).
  void measure(const AssistFrame& frame, StagingMetrics& out) const;

  // Whether this scene's placement takes the collision push (decided at load, see create()).
  bool collisionPush() const { return pushOn_; }
  const FigureCapsules& clientFit() const { return clientFit_; }
  const FigureCapsules& practitionerFit() const { return practitionerFit_; }
  std::span<const CollisionBox> collisionBoxes() const {
    return std::span(boxes_).first(static_cast<std::size_t>(boxCount_));
  }

  // Client pose at time t with the grounding applied (what update() uses).
  int sampleClient(float t, anatomy::Pose& out) const;

  const std::vector<EnvironmentItem>& environment() const { return environment_; }
  stretches::Support support() const { return support_; }
  float supportHeight() const { return supportHeight_; }  // table top / mat top / seat top
  // The resting parts' client joints for the stretch's position (used for grounding).
  const std::vector<int>& restingJoints() const { return restingJoints_; }
  const std::vector<ContactSetup>& contacts() const { return contacts_; }
  const PractitionerPlacement& placement() const { return placement_; }
  const PostureTable& postureTable() const { return posture_; }
  std::span<const float> keyPoseLift() const { return keyLift_; }
  float duration() const { return timeline_.duration(); }
  const animation::Timeline& timeline() const { return timeline_; }

 private:
  // `goals`, `normals`: each contact's palm goal and skin normal; out.contacts[i].forearm and
  // forearmGoal: a forearm laid along the client.
  void solvePractitioner(const std::array<glm::vec3, kMaxContacts>& goals,
                         const std::array<glm::vec3, kMaxContacts>& normals,
                         AssistFrame& out) const;
  // Deepest overlap of the practitioner's trunk, legs and head (model matrices `model`) into
  // the client's capsules (head with the clearance margin) and the boxes; `away` gets the
  // horizontal direction that gets it clear.
  float bodyOverlap(std::span<const glm::mat4> model, const FigureCapsules& client,
                    glm::vec3& away) const;
  // Deepest overlap of one arm's upper arm and forearm (hand 0 left, 1 right) into the client;
  // `from` (on the arm's axis) and `to` (on the client's) realise it.
  float armOverlap(int hand, std::span<const glm::mat4> model, const FigureCapsules& client,
                   glm::vec3& from, glm::vec3& to) const;

  anatomy::Skeleton skeleton_;              // the client's (fitted to its body)
  anatomy::Skeleton practitionerSkeleton_;  // the practitioner's
  body::BodyRig clientRig_, practitionerRig_;
  animation::Timeline timeline_;
  std::vector<stretches::PhaseKind> phaseKinds_;  // per timeline phase
  std::vector<float> keyLift_;                    // root y added per key pose
  std::array<anatomy::HandPose, 2> hands_{anatomy::HandPose::Relaxed, anatomy::HandPose::Relaxed};
  std::vector<ContactSetup> contacts_;
  std::vector<int> restingJoints_;
  std::vector<EnvironmentItem> environment_;
  stretches::Support support_ = stretches::Support::Table;
  float supportHeight_ = 0.0f;
  PractitionerPlacement placement_;
  PostureTable posture_;
  AssistOptions options_;
  TwoBoneChain armChain_[2];  // [Left, Right]
  float armLength_ = 0.0f;
  bool hasTable_ = false;
  glm::vec3 tableCentre_{0.0f};                 // floor point under the table's centre
  glm::vec3 tableAxis_{0.0f, 0.0f, -1.0f};      // toward the client's head
  glm::vec2 tableHalf_{0.0f};                   // half width, half length
  FigureCapsules clientFit_, practitionerFit_;  // in each joint's bind frame
  std::array<CollisionBox, 2> boxes_{};         // the table's top, the stool's seat
  int boxCount_ = 0;
  bool pushOn_ = false;  // the collision push (chosen per scene at load: AssistScene::create)
  // Per hand [Left, Right]: the client joints (bits) its contacts hold, where the hand and its
  // wrist may touch.
  std::array<std::uint32_t, 2> patchJoints_{0, 0};
  // Per hand: the client joints its forearm may lie on (a contact's forearm_along), else 0.
  std::array<std::uint32_t, 2> forearmPatch_{0, 0};
};

// Skinned positions of `vertices` of the mesh (a subset, by index) for a palette (CPU LBS).
void skinSubset(const MeshData& mesh, std::span<const std::uint32_t> vertices,
                std::span<const glm::mat4> palette, std::span<glm::vec3> out);

// Mesh vertices whose strongest influence belongs to one of the canonical `joints` (load-time
// helper; `rig` maps the mesh's skin bones to canonical segments).
std::vector<std::uint32_t> verticesOfJoints(const MeshData& mesh, const body::BodyRig& rig,
                                            std::span<const int> joints);

// The grip a practitioner's hand takes for a contact (cup a heel, wrap a wrist or an ankle,
// cradle the head, a flat palm to press or stabilise).
anatomy::HandPose gripFor(const stretches::Contact& contact);

// The client's resting joints for a position (supine: back of pelvis/lumbar/thorax; prone:
// front; side-lying: pelvis, trunk and the lower side's hip/shoulder; seated: pelvis and
// thighs; standing: feet; kneeling: the kneeling leg's knee and toes, the other foot).
// `lowerSide` is the side down for side-lying, the kneeling leg for kneeling.
std::vector<int> restingJointsFor(stretches::ClientPosition position, anatomy::Side lowerSide);

}  // namespace sv::assist

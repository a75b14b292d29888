// An assisted stretch as data: what is stretched, how it is measured, where client and
// practitioner are, the key poses (anatomical angles) and the techniques (phase lists).
//
// File format: docs/stretch-format.md (one JSON file per stretch in assets/stretches/, written
// for ONE side; mirrorStretch() makes the other). Loaded and validated by stretch_loader.h.
// Everything here is load-time data (strings allowed); the per-frame path uses the
// animation::Timeline built from it (timeline_builder.h).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <glm/glm.hpp>

#include "anatomy/hand_pose.h"
#include "anatomy/motion.h"
#include "anatomy/muscle_groups.h"

namespace sv::stretches {

// Kneeling: half-kneeling on the floor (mat), the stretched side's knee down and the other
// foot flat in front (the hip flexor stretch's lunge position).
enum class ClientPosition : std::uint8_t { Supine, Prone, SideLying, Seated, Standing, Kneeling };
enum class Support : std::uint8_t { Table, Floor, Chair };
enum class PractitionerPosition : std::uint8_t {
  StandingSide,     // beside the table, facing the client
  StandingEnd,      // at the foot of the table
  StandingFront,    // in front of a seated or standing client
  KneelingOnTable,  // one knee on the table (e.g. straight-leg hamstring, leg on the shoulder)
  KneelingFloor,    // kneeling beside a client on the floor / mat
  HeadOfTable,      // seated or standing at the head of the table
  BehindSeated,     // standing behind a seated client
  BehindStanding,
};
// How the practitioner carries its weight where it stands (issue #13: postures as data):
// square on both feet (bending the knees as the reach needs), a split stance / lunge toward
// the table (the front knee bent, the back heel off the floor), half-kneeling (the back knee
// on the floor, the front foot flat) or kneeling on both knees.
enum class PractitionerPosture : std::uint8_t { Standing, Lunge, HalfKneeling, Kneeling };
enum class Hand : std::uint8_t { Left, Right };
enum class ContactRole : std::uint8_t { Move, Stabilise };
enum class PhaseKind : std::uint8_t {
  Move,             // practitioner moves the limb (client relaxed)
  Hold,             // passive hold at a pose
  Contract,         // client contracts the stretched muscle isometrically against the practitioner
  Relax,            // client lets go; position kept
  AgonistContract,  // client actively contracts the opposing muscle, moving further (CRAC)
  Return,           // back toward the start pose
};

std::string_view clientPositionId(ClientPosition p);
std::string_view supportId(Support s);
std::string_view practitionerPositionId(PractitionerPosition p);
std::string_view practitionerPostureId(PractitionerPosture p);
std::string_view phaseKindId(PhaseKind k);
// The phase's name as captions show it: "Move", "Hold", "Contract", "Relax", "Agonist
// contract", "Return".
std::string_view phaseTitle(PhaseKind k);
std::optional<ClientPosition> clientPositionFromId(std::string_view id);
std::optional<Support> supportFromId(std::string_view id);
std::optional<PractitionerPosition> practitionerPositionFromId(std::string_view id);
std::optional<PractitionerPosture> practitionerPostureFromId(std::string_view id);
std::optional<PhaseKind> phaseKindFromId(std::string_view id);

struct Range {
  float min = 0.0f;
  float max = 0.0f;
  bool contains(float v) const { return v >= min && v <= max; }
};

// The motion that defines the stretch's range, read on the stretched side (`side` of the
// stretch) for bilateral motions.
struct Measurement {
  anatomy::Motion motion = anatomy::Motion::HipFlexion;
  std::string condition;          // "knee extended, opposite leg flat on the table"
  Range target;                   // the band this stretch aims for (degrees)
  std::string targetReason;       // why the target leaves the normal range (empty when inside)
  Range normal;                   // normal range of motion for the motion under `condition`
  std::string normalSource;       // citation or rom.json source id
  std::string normalSourceLabel;  // what screens show: the id's short name, or the citation
  std::string normalReason;       // why the normal range differs from assets/anatomy/rom.json
};

// Whether screens read the measurement in its motion's negative direction: its target band
// lies below zero (wrist extension, hip extension, plantarflexion, rotation to the left), so
// they show the opposite motion's name and magnitudes (anatomy::readingOf), never "-62°".
inline bool readsNegative(const Measurement& m) {
  return m.target.max <= 0.0f && m.target.min < 0.0f;
}

// Where a contact's forearm lies on the client (optional "forearm_along"): the hand holds the
// contact's landmark and the forearm runs on from the wrist through this point, pressing it
// (e.g. the hand cups the heel, the forearm along the sole pushes the foot up).
struct ForearmAlong {
  anatomy::Joint joint = anatomy::Joint::Pelvis;  // the segment the point rides on
  glm::vec3 offset{0.0f};                         // metres, in that joint's anatomical frame
  glm::vec3 forceDirection{0.0f};                 // the forearm's push, unit, same frame
};

struct Contact {
  Hand hand = Hand::Right;
  std::string landmark;                           // "heel", "front_of_knee" …
  anatomy::Joint joint = anatomy::Joint::Pelvis;  // the joint the landmark rides on
  glm::vec3 offset{0.0f};                         // metres, in that joint's anatomical frame
  glm::vec3 forceDirection{0.0f};  // unit vector, same frame (X left, Y up, Z anterior)
  std::string forceDescription;    // anatomical words: "toward the client's head"
  ContactRole role = ContactRole::Move;
  // The hand's hold (optional "grip": flat, cup, wrap, cradle, hook, relaxed); none = chosen
  // from the landmark (assist::gripFor).
  std::optional<anatomy::HandPose> grip;
  std::optional<ForearmAlong> forearm;
};

// Which side of the table the practitioner takes in a standing_side / kneeling position
// (optional "side"): beside the stretched limb, across from it (reaching over), or chosen
// from the hands (where they do not cross).
enum class PractitionerSide : std::uint8_t { Auto, Stretched, Opposite };

// The view the stretch's author chose (optional "view" field): the camera's direction in the
// orbit camera's terms (camera/orbit_camera.h) in the room: yaw 0 = the camera on +Z (in
// front of a standing or seated client, at the feet of a supine one), 90 = on +X (the
// client's left), -90 = the client's right; pitch = the eye's elevation above the horizon.
// The distance and the centre are fitted to the window (session/framing.h).
struct AuthoredView {
  float yawDeg = 0.0f;     // -180 … 180
  float pitchDeg = 20.0f;  // 0 … 89
};

struct NamedPose {
  std::string name;
  anatomy::Pose pose;
  bool explicitRoot = false;  // the file gave this pose its own root placement
};

struct Phase {
  PhaseKind kind = PhaseKind::Move;
  float duration = 0.0f;  // seconds, > 0
  // Target: a key pose, or a point between two (weight 0 = first, 1 = second). The reserved
  // names "cycle_start"/"cycle_end" resolve per cycle along the technique's progression.
  std::string poseFrom;
  std::string poseTo;   // empty = the pose is just poseFrom
  float weight = 1.0f;  // used when poseTo is set
  std::string practitioner;
  std::string client;
  std::string effort;
  std::string cue;
};

struct Technique {
  std::string id;  // "static", "contract_relax", "crac"
  std::string name;
  int cycles = 1;  // repetitions of `cycle`
  std::vector<Phase> leadIn;
  std::vector<Phase> cycle;
  std::vector<Phase> finish;
  // Contract-relax deepening: cycle k of N moves from P(k/N) to P((k+1)/N), P(f) the blend of
  // these two poses ("cycle_start" = P(k/N), "cycle_end" = P((k+1)/N)).
  std::string progressionFrom;
  std::string progressionTo;
  std::vector<std::string> sources;
};

struct Stretch {
  std::string id;
  std::string name;
  std::string description;
  std::vector<anatomy::MuscleGroup> primaryGroups;
  std::vector<anatomy::MuscleGroup> secondaryGroups;
  anatomy::Side side = anatomy::Side::Right;  // the side the stretch acts on
  bool mirrored = false;                      // generated by mirrorStretch()

  Measurement key;
  std::optional<Measurement> second;

  ClientPosition clientPosition = ClientPosition::Supine;
  Support support = Support::Table;
  std::string placement;
  anatomy::Transform root;  // default pelvis placement of every pose

  PractitionerPosition practitionerPosition = PractitionerPosition::StandingSide;
  std::string practitionerPlacement;
  PractitionerSide practitionerSide = PractitionerSide::Auto;
  PractitionerPosture practitionerPosture = PractitionerPosture::Standing;
  std::vector<Contact> contacts;

  std::vector<NamedPose> poses;  // "start", "barrier", "end" always present
  std::vector<Technique> techniques;
  std::optional<AuthoredView> view;  // the author's view; none = chosen automatically

  std::vector<std::string> practitionerCues;
  std::vector<std::string> clientCues;
  std::vector<std::string> commonMistakes;
  std::vector<std::string> contraindications;
  std::vector<std::string> precautions;
  std::vector<std::string> references;

  std::string fileName;  // where it was loaded from (for messages)

  const NamedPose* pose(std::string_view poseName) const;
  const Technique* technique(std::string_view techniqueId) const;
};

// Left <-> right: bilateral coordinates swap sides, spine lateral flexion and rotation change
// sign, the root is mirrored (x -> -x), contacts swap hands and joints (offsets and force
// directions x -> -x), measurements on a midline lateral/rotation motion negate and swap
// their ranges, and the authored view is seen from the mirrored side (yaw -> -yaw).
// mirrorStretch(mirrorStretch(s)) == s.
anatomy::Pose mirrorPose(const anatomy::Pose& pose);
Stretch mirrorStretch(const Stretch& stretch);
// The stretch for `side`: itself, or its mirror image.
Stretch stretchForSide(const Stretch& stretch, anatomy::Side side);

// The value of a measurement in a pose (the commanded angle: pose coordinate on the
// stretch's side; midline motions ignore the side).
float measurementValue(const Measurement& m, anatomy::Side side, const anatomy::Pose& pose);

}  // namespace sv::stretches

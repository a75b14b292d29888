// The stretch session: which stretch is open, on which side, with which technique and client
// profile; its timeline and player; each moment's poses (client, practitioner, grips and
// arrows through the assist) and muscle lengths. No GL, no UI: the window, headless captures,
// handouts and clip export all drive a Session and draw it through session/stretch_scene.h.
//
// Load time (allocates): open(), setProfile(), reshape(), setMuscleSet() rebuild the timeline,
// the staging and the muscle plot. Per frame (allocation-free): advance(dt) or seek(t), then
// evaluate(). Problems found while rebuilding (a timeline or staging that fails) are logged
// and queued for the UI (takeProblems()).
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "anatomy/motion.h"
#include "anatomy/rom.h"
#include "animation/player.h"
#include "assist/assist.h"
#include "core/result.h"
#include "muscles/muscle_model.h"
#include "muscles/muscle_set.h"
#include "session/cast.h"
#include "stretches/library.h"
#include "stretches/playback.h"

namespace sv::session {

class Session {
 public:
  static constexpr int kTopMuscles = 10;
  static constexpr int kCurveSamples = 160;

  // `library`, `rom` and `cast` must outlive the session.
  Session(const stretches::Library& library, const anatomy::RomTable& rom, Cast& cast);
  // The player points into the session's timeline: a session stays where it was made.
  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;

  // The muscle paths (scaled to the client's skeleton now and after every reshape). Without
  // them the session works without heat map, muscle panel or paths. Error: the model does
  // not build on this skeleton (the session then has no muscles).
  Status setMuscleSet(muscles::MuscleSet set);

  // Opens library stretch `index` on `side` with `technique` ("" = its first). Errors: no
  // such stretch, or a technique the stretch does not have (the open stretch is unchanged).
  // Opening starts at 0:00, paused.
  Status open(int index, anatomy::Side side, std::string_view technique);
  // The open stretch on another side, or with another technique, at the same moment of the
  // technique where that moment still exists. Errors as open().
  Status setSide(anatomy::Side side);
  Status setTechnique(std::string_view technique);
  void close();

  // Repetitions of the technique's cycle (a routine's dose); nullopt = the stretch file's.
  // The timeline is rebuilt at the same time.
  void setCycleCount(std::optional<int> cycles);
  std::optional<int> cycleCount() const { return cycles_; }

  // A new client profile: the timeline is rebuilt at the same time.
  void setProfile(const stretches::ClientProfile& profile);
  const stretches::ClientProfile& profile() const { return profile_; }
  // A new shape for one figure: skeleton, muscles and staging follow (mesh: Cast generation).
  Status reshape(Figure figure, const body::BodyShape& shape, std::string* warning);

  // Per frame: the player by `dt` seconds, then evaluate(ownAnimationTime).
  void advance(float dt, float ownAnimationTime = 0.0f);
  // The poses, grips, arrows and muscle lengths at the player's time. A foreign rig that is
  // not humanoid plays its own animation at `ownAnimationTime`.
  void evaluate(float ownAnimationTime = 0.0f);

  animation::Player& player() { return player_; }
  const animation::Player& player() const { return player_; }

  // What is open (-1 / null when nothing is).
  bool isOpen() const { return timeline_.has_value(); }
  int stretchIndex() const { return stretchIndex_; }
  const stretches::Stretch* stretch() const { return timeline_ ? &sided_ : nullptr; }
  const stretches::StretchTimeline* timeline() const { return timeline_ ? &*timeline_ : nullptr; }
  const std::string& technique() const { return technique_; }
  anatomy::Side side() const { return side_; }
  // Key value of the client's (scaled) end pose: how far this client goes.
  float clientLimit() const { return clientLimit_; }
  // The live key measurement (and the second gauge's) of this moment's pose.
  float keyValue() const;
  std::optional<float> secondValue() const;

  // This moment.
  const anatomy::Pose& pose() const { return pose_; }
  std::span<const glm::mat4> clientModel() const;  // canonical joints, world space
  std::span<const glm::mat4> clientPalette() const;
  const assist::AssistScene* assist() const { return assist_ ? &*assist_ : nullptr; }
  const assist::AssistFrame& assistFrame() const { return *assistFrame_; }
  // Counts rebuilds of the assist scene: its environment meshes change when it moves.
  std::uint32_t environmentGeneration() const { return environmentGeneration_; }

  // Muscles (null / empty without a muscle model).
  const muscles::MuscleModel* muscles() const { return muscles_ ? &*muscles_ : nullptr; }
  std::span<const muscles::MuscleValue> muscleValues() const { return muscleValues_; }
  std::span<const float> regionShares() const { return regionShare_; }
  // The most lengthened muscles of this moment, most first (at most kTopMuscles).
  std::span<const int> topMuscles() const;
  // The stretch's leading target muscle and its share over the whole timeline
  // (kCurveSamples evenly spaced samples), or -1 / empty.
  int targetMuscle() const { return targetMuscle_; }
  std::span<const float> targetCurve() const { return targetCurve_; }

  const Cast& cast() const { return cast_; }
  const stretches::Library& library() const { return library_; }
  const anatomy::RomTable& rom() const { return rom_; }

  // Problems since the last call (a timeline or staging that failed to build).
  std::vector<std::string> takeProblems() { return std::move(problems_); }

 private:
  void rebuildTimeline(bool keepTime);
  void applyCycles();
  void rebuildTargetCurve();
  void rebuildAssist();
  void rebuildMuscles();
  void updateMuscles();
  void problem(const std::string& message);

  const stretches::Library& library_;
  const anatomy::RomTable& rom_;
  Cast& cast_;

  int stretchIndex_ = -1;
  stretches::Stretch sided_;  // the library entry on the chosen side
  std::optional<stretches::StretchTimeline> timeline_;
  animation::Player player_;
  stretches::ClientProfile profile_;
  std::string technique_;
  std::optional<int> cycles_;
  anatomy::Side side_ = anatomy::Side::Right;
  anatomy::Pose pose_;
  float clientLimit_ = 0.0f;

  std::optional<assist::AssistScene> assist_;
  std::unique_ptr<assist::AssistFrame> assistFrame_ = std::make_unique<assist::AssistFrame>();
  std::uint32_t environmentGeneration_ = 0;

  std::optional<muscles::MuscleSet> muscleSet_;
  std::optional<muscles::MuscleModel> muscles_;
  std::vector<muscles::MuscleValue> muscleValues_;                // per muscle, this moment
  std::array<float, anatomy::kMuscleRegionCount> regionShare_{};  // per region, this moment
  std::vector<int> muscleOrder_;  // all muscle indices; the first kTopMuscles sorted by share
  int targetMuscle_ = -1;
  std::vector<float> targetCurve_;

  std::vector<std::string> problems_;
};

}  // namespace sv::session

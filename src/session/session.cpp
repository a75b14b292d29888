#include "session/session.h"

#include <algorithm>

#include "anatomy/muscle_groups.h"
#include "core/log.h"
#include "core/text.h"

namespace sv::session {

Session::Session(const stretches::Library& library, const anatomy::RomTable& rom, Cast& cast)
    : library_(library), rom_(rom), cast_(cast) {
  if (cast_.drivable()) pose_ = Cast::idlePose();
}

void Session::problem(const std::string& message) {
  log::warn(message);
  problems_.push_back(message);
}

Status Session::setMuscleSet(muscles::MuscleSet set) {
  muscleSet_ = std::move(set);
  rebuildMuscles();
  if (muscleSet_ && !muscles_) return Error{"the muscle model does not fit this skeleton"};
  if (timeline_) rebuildTargetCurve();
  updateMuscles();
  return {};
}

// Muscle paths scaled to the client's skeleton (the built-in body's or a humanoid foreign rig's
// fitted one; a rig that is not humanoid has none).
void Session::rebuildMuscles() {
  muscles_.reset();
  if (!muscleSet_ || !cast_.drivable()) return;
  auto mm = muscles::MuscleModel::build(*muscleSet_, cast_.skeleton(), rom_);
  if (!mm) {
    problem("Muscle model: " + escapeForTerminal(mm.error().message));
    return;
  }
  muscles_ = std::move(*mm);
  muscleValues_.assign(static_cast<std::size_t>(muscles_->count()), {});
  muscleOrder_.resize(static_cast<std::size_t>(muscles_->count()));
  for (std::size_t i = 0; i < muscleOrder_.size(); ++i) muscleOrder_[i] = static_cast<int>(i);
}

Status Session::open(int index, anatomy::Side side, std::string_view technique) {
  if (index < 0 || index >= static_cast<int>(library_.stretches.size())) {
    return Error{"no such stretch"};
  }
  const stretches::Stretch& base = library_.stretches[static_cast<std::size_t>(index)];
  std::string tech(technique.empty() ? base.techniques.front().id : technique);
  if (base.technique(tech) == nullptr) {
    std::string known;
    for (const auto& t : base.techniques) {
      if (!known.empty()) known += ", ";
      known += t.id;
    }
    return Error{"stretch '" + base.id + "' has no technique '" + tech + "' (it has: " + known +
                 ")"};
  }
  const bool keep = index == stretchIndex_ && timeline_.has_value();
  stretchIndex_ = index;
  side_ = side;
  technique_ = tech;
  sided_ = stretches::stretchForSide(base, side);
  applyCycles();
  rebuildTimeline(keep);
  return {};
}

void Session::applyCycles() {
  if (!cycles_ || stretchIndex_ < 0) return;
  for (stretches::Technique& t : sided_.techniques) {
    if (t.id == technique_) t.cycles = std::max(*cycles_, 1);
  }
}

void Session::setCycleCount(std::optional<int> cycles) {
  cycles_ = cycles;
  if (stretchIndex_ < 0) return;
  // Back to the file's count first, then the override.
  const stretches::Stretch& base = library_.stretches[static_cast<std::size_t>(stretchIndex_)];
  sided_ = stretches::stretchForSide(base, side_);
  applyCycles();
  if (timeline_) rebuildTimeline(true);
}

Status Session::setSide(anatomy::Side side) {
  if (stretchIndex_ < 0) return Error{"no stretch is open"};
  return open(stretchIndex_, side, technique_);
}

Status Session::setTechnique(std::string_view technique) {
  if (stretchIndex_ < 0) return Error{"no stretch is open"};
  return open(stretchIndex_, side_, technique);
}

void Session::close() {
  stretchIndex_ = -1;
  timeline_.reset();
  player_.setTimeline(nullptr);
  assist_.reset();
  ++environmentGeneration_;
  targetMuscle_ = -1;
  targetCurve_.clear();
  if (cast_.drivable()) pose_ = Cast::idlePose();
}

void Session::setProfile(const stretches::ClientProfile& profile) {
  profile_ = profile;
  if (timeline_) rebuildTimeline(true);
}

Status Session::reshape(Figure figure, const body::BodyShape& shape, std::string* warning) {
  if (Status st = cast_.reshape(figure, shape, warning); !st) return st;
  if (figure == Figure::Client) rebuildMuscles();
  if (timeline_) {
    rebuildTimeline(true);
  } else {
    updateMuscles();
  }
  return {};
}

// keepTime: the same moment of the technique (clamped to the new timeline) in the same play
// state, for a new side, technique, profile or body; otherwise 0:00, paused.
void Session::rebuildTimeline(bool keepTime) {
  const float t = player_.time();
  const bool playing = player_.playing();
  auto tl = stretches::buildTimeline(sided_, technique_, side_, profile_, rom_);
  if (!tl) {
    problem(tl.error().message);
    timeline_.reset();
    player_.setTimeline(nullptr);
    assist_.reset();
    ++environmentGeneration_;
    return;
  }
  timeline_ = std::move(*tl);
  player_.setTimeline(&timeline_->timeline);
  if (keepTime) {
    player_.seek(std::min(t, timeline_->timeline.duration()));
    if (playing) player_.play();
  }
  // The client's limit: the key value of the last (deepest) key pose of the timeline.
  clientLimit_ = timeline_->key.start;
  for (int i = 0; i < timeline_->timeline.keyPoseCount(); ++i) {
    const float v = timeline_->key.value(timeline_->timeline.keyPose(i));
    if ((v - clientLimit_) * timeline_->key.direction > 0.0f) clientLimit_ = v;
  }
  player_.sample(pose_);
  rebuildTargetCurve();
  rebuildAssist();
  evaluate();
}

// The leading target muscle (largest end share among the primary groups' members on the
// stretched side) and its share over the whole timeline, for the muscle panel's plot.
void Session::rebuildTargetCurve() {
  targetMuscle_ = -1;
  targetCurve_.clear();
  if (!muscles_ || !timeline_ || sided_.primaryGroups.empty()) return;
  const animation::Timeline& tl = timeline_->timeline;
  anatomy::Pose end = tl.keyPose(tl.keyPoseCount() - 1);
  for (int k = 0; k < tl.keyPoseCount(); ++k) {
    const anatomy::Pose& kp = tl.keyPose(k);
    if ((timeline_->key.value(kp) - timeline_->key.value(end)) * timeline_->key.direction > 0.0f)
      end = kp;
  }
  muscles_->evaluate(end, muscleValues_);
  float best = -1e9f;
  for (auto g : sided_.primaryGroups) {
    const int leader = muscles_->regionLeader(muscleValues_, anatomy::regionId(g, side_));
    if (leader >= 0 && muscleValues_[static_cast<std::size_t>(leader)].share > best) {
      best = muscleValues_[static_cast<std::size_t>(leader)].share;
      targetMuscle_ = leader;
    }
  }
  if (targetMuscle_ < 0) return;
  anatomy::Pose p;
  const float d = tl.duration();
  targetCurve_.reserve(kCurveSamples);
  for (int i = 0; i < kCurveSamples; ++i) {
    tl.sample(d * static_cast<float>(i) / (kCurveSamples - 1), p);
    muscles_->evaluate(p, muscleValues_);
    targetCurve_.push_back(muscleValues_[static_cast<std::size_t>(targetMuscle_)].share);
  }
}

// The practitioner, the support and the props for the open stretch, staged against the
// client's body (a foreign rig's stand-in for a humanoid rig). A client without one is shown
// alone on a stand-in support.
void Session::rebuildAssist() {
  assist_.reset();
  ++environmentGeneration_;
  const body::Body* client = cast_.stagingClient();
  if (!timeline_ || client == nullptr) return;
  auto scene = assist::AssistScene::create(sided_, *timeline_, *client, *cast_.practitioner());
  if (!scene) {
    problem("Practitioner: " + scene.error().message);
    return;
  }
  assist_ = std::move(*scene);
}

void Session::advance(float dt, float ownAnimationTime) {
  if (timeline_) {
    player_.update(dt);
    animation::PhaseEvent ev;
    while (player_.pollEvent(ev)) {
      // Phase-begin events: the caption reads the current phase directly; nothing else
      // subscribes yet.
    }
  }
  evaluate(ownAnimationTime);
}

void Session::evaluate(float ownAnimationTime) {
  if (assist_) {
    assist_->update(player_.time(), *assistFrame_);
    pose_ = assistFrame_->clientPose;
    // A foreign client follows the staged (grounded) pose with its own rig.
    if (!cast_.builtIn()) cast_.poseClient(pose_);
  } else if (cast_.drivable()) {
    if (timeline_) {
      player_.sample(pose_);
    } else {
      pose_ = Cast::idlePose();
    }
    cast_.poseClient(pose_);
  } else if (Character* foreign = cast_.foreign()) {
    foreign->setAnimationTime(ownAnimationTime);
  }
  updateMuscles();
}

// Lengths of every muscle for this moment's pose, per-region shares for the heatmap, and the
// most lengthened muscles for the panel. Allocation-free (buffers sized at load).
void Session::updateMuscles() {
  if (!muscles_) return;
  muscles_->evaluate(pose_, clientModel(), muscleValues_);
  muscles_->regionShares(muscleValues_, regionShare_);
  const auto top = std::min<std::size_t>(kTopMuscles, muscleOrder_.size());
  std::partial_sort(muscleOrder_.begin(), muscleOrder_.begin() + static_cast<std::ptrdiff_t>(top),
                    muscleOrder_.end(), [&](int a, int b) {
                      return muscleValues_[static_cast<std::size_t>(a)].share >
                             muscleValues_[static_cast<std::size_t>(b)].share;
                    });
}

std::span<const int> Session::topMuscles() const {
  return std::span<const int>(muscleOrder_)
      .first(std::min<std::size_t>(kTopMuscles, muscleOrder_.size()));
}

std::span<const glm::mat4> Session::clientModel() const {
  if (assist_) return assistFrame_->clientModel;
  return cast_.clientModel();
}

std::span<const glm::mat4> Session::clientPalette() const {
  if (assist_ && cast_.builtIn()) {
    return std::span<const glm::mat4>(assistFrame_->clientPalette)
        .first(static_cast<std::size_t>(assistFrame_->clientBones));
  }
  return cast_.clientPalette();
}

float Session::keyValue() const {
  return timeline_ ? timeline_->key.value(pose_) : 0.0f;
}

std::optional<float> Session::secondValue() const {
  if (!timeline_ || !timeline_->second) return std::nullopt;
  return timeline_->second->value(pose_);
}

}  // namespace sv::session

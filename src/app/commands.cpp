#include "app/commands.h"

#include <algorithm>
#include <cmath>
#include <iomanip>
#include <ostream>

#include <nlohmann/json.hpp>

#include "anatomy/rom.h"
#include "anatomy/skeleton.h"
#include "assist/staging_check.h"
#include "body/body.h"
#include "model/model_import.h"
#include "muscles/muscle_model.h"
#include "muscles/report.h"
#include "stretches/library.h"
#include "stretches/playback.h"

namespace sv {
namespace {

// A report that cannot be made: the reason on `err`, exit status 1.
int fail(std::ostream& err, const std::string& message) {
  err << "stretchviz: error: " << message << "\n";
  return 1;
}

nlohmann::json vec(const glm::vec3& v) {
  return {v.x, v.y, v.z};
}

// How the model was normalised (model/foreign_rig.h).
nlohmann::json normalisationJson(const Normalisation& n) {
  nlohmann::json m = nlohmann::json::array();
  for (int c = 0; c < 4; ++c) {
    for (int r = 0; r < 4; ++r) m.push_back(n.matrix[c][r]);
  }
  return {{"applied", n.applied},
          {"scale", n.scale},
          {"rotation_wxyz", {n.rotation.w, n.rotation.x, n.rotation.y, n.rotation.z}},
          {"offset_m", vec(n.offset)},
          {"matrix_column_major", m},
          {"unit", {{"source", n.unitSource}, {"detail", n.unit}}},
          {"up_axis", {{"source", n.upSource}, {"detail", n.up}}},
          {"facing", n.facing}};
}

// The recognised rig: mapping, what was inferred, what is missing, the fitted skeleton.
nlohmann::json rigJson(const RiggedModel& m) {
  const anatomy::RigMapping& map = *m.humanoid;
  const ForeignRig& rig = *m.rig;
  nlohmann::json mapping = nlohmann::json::object(), how = nlohmann::json::object();
  nlohmann::json unmapped = nlohmann::json::array(), canonical = nlohmann::json::array();
  std::vector<bool> used(static_cast<std::size_t>(m.nodeCount()), false);
  for (int j = 0; j < anatomy::kJointCount; ++j) {
    const std::string name(anatomy::jointName(static_cast<anatomy::Joint>(j)));
    const int b = map.boneOfJoint[static_cast<std::size_t>(j)];
    if (b >= 0) {
      mapping[name] = m.displayName(b);
      how[name] = std::string(anatomy::matchSourceName(map.source[static_cast<std::size_t>(j)]));
      used[static_cast<std::size_t>(b)] = true;
    } else {
      unmapped.push_back(name);
    }
    canonical.push_back(
        {{"name", name},
         {"position_m", vec(glm::vec3(rig.skeleton.restModel[static_cast<std::size_t>(j)][3]))}});
  }
  nlohmann::json unmappedBones = nlohmann::json::array();
  for (int node : m.skinJointNode) {
    if (!used[static_cast<std::size_t>(node)]) unmappedBones.push_back(m.displayName(node));
  }
  return {{"convention", rig.convention},
          {"bind_pose", rig.bindPose},
          {"arms_from_sides_deg", {rig.armFromSidesDeg[0], rig.armFromSidesDeg[1]}},
          {"height_source", rig.heightSource},
          {"mapping", mapping},
          {"matched_by", how},
          {"unmapped", unmapped},
          {"unmapped_bones", unmappedBones},
          {"inferred", rig.notes},
          {"canonical_joints", canonical}};
}

// `--report --model PATH [--time T]`: every skin joint's name and world position (metres, after
// normalisation) at time T of the file's first animation, for checking the importer and the
// sampler against other glTF implementations; and what the import did: the unit and up-axis
// normalisation, the rig mapping with what was inferred and left unmapped, the standing height
// and the canonical joints fitted to the rig (docs/foreign-rigs.md, "The report").
int reportModel(const Options& o, std::ostream& out, std::ostream& err) {
  auto model = importModel(*o.model);
  if (!model) return fail(err, model.error().message);
  const float t = o.time.value_or(0.0f);
  const int clip = model->animations.empty() ? -1 : 0;
  nlohmann::json j;
  j["model"] = o.model->string();
  j["time_s"] = t;
  j["animation"] = clip < 0 ? nlohmann::json(nullptr) : nlohmann::json(model->animations[0].name);
  j["humanoid"] = model->humanoid.has_value();
  nlohmann::json joints = nlohmann::json::array();
  for (const JointPosition& p : skinJointPositions(*model, clip, t)) {
    joints.push_back({{"name", p.name}, {"position_m", vec(p.position)}});
  }
  j["joints"] = joints;
  j["normalisation"] = normalisationJson(model->normalisation);
  if (model->humanoid && model->rig) {
    j["standing_height_m"] = model->rig->standingHeight;
    j["rig"] = rigJson(*model);
  } else {
    j["standing_height_m"] = nullptr;
    j["reason"] = model->humanoidError;
  }
  out << j.dump(2) << "\n";
  return 0;
}

// `--report --stretch ID [--side S] [--time T [--technique T]]` and `--report --pose FILE`: the key
// measurement, every anatomical angle and every muscle's length, strain and share, as JSON.
int reportMuscles(const Options& o, std::ostream& out, std::ostream& err) {
  auto rom = anatomy::loadRomTable(stretches::defaultRomPath());
  if (!rom) return fail(err, rom.error().message);
  auto set = muscles::loadMuscleSet(muscles::defaultMusclePath());
  if (!set) return fail(err, set.error().message);
  auto model = muscles::MuscleModel::build(*set, anatomy::makeDefaultSkeleton(1.75f), *rom);
  if (!model) return fail(err, model.error().message);
  if (o.poseFile) {
    auto pose = muscles::loadPoseFile(*o.poseFile, *rom);
    if (!pose) return fail(err, pose.error().message);
    out << muscles::reportForPose(*model, *pose).dump(2) << "\n";
    return 0;
  }
  auto lib = stretches::loadLibrary(stretches::defaultStretchDir(), *rom);
  const stretches::Stretch* s = lib.library.find(o.stretchId);
  if (s == nullptr) return fail(err, "--stretch: no stretch '" + o.stretchId + "' in the library");
  const anatomy::Side side = o.side.empty()     ? s->side
                             : o.side == "left" ? anatomy::Side::Left
                                                : anatomy::Side::Right;
  auto report = muscles::reportForStretch(*model, *s, side, o.time, *rom, o.technique);
  if (!report) return fail(err, report.error().message);
  out << report->dump(2) << "\n";
  return 0;
}

// `--report --staging [--stretch ID] [--side S] [--technique T]`: the staging check of every
// technique on both sides (or those asked for), at 20 Hz: the worst of each metric, when, and
// the limits broken; a summary over the runs (docs/assist.md, "Staging check").
int reportStaging(const Options& o, std::ostream& out, std::ostream& err) {
  auto rom = anatomy::loadRomTable(stretches::defaultRomPath());
  if (!rom) return fail(err, rom.error().message);
  auto lib = stretches::loadLibrary(stretches::defaultStretchDir(), *rom);
  auto model = body::loadBodyModel(body::defaultBodyPath());
  if (!model) return fail(err, model.error().message);
  auto client = body::Body::create(*model, body::defaultClientShape());
  if (!client) return fail(err, client.error().message);
  auto practitioner = body::Body::create(*model, body::defaultPractitionerShape());
  if (!practitioner) return fail(err, practitioner.error().message);
  if (!o.stretchId.empty() && lib.library.find(o.stretchId) == nullptr) {
    return fail(err, "--stretch: no stretch '" + o.stretchId + "' in the library");
  }
  const assist::StagingLimits limits;
  auto mm = [](float m) { return std::round(m * 10000.0f) / 10.0f; };
  auto deg = [](float d) { return std::round(d * 10.0f) / 10.0f; };
  auto joint = [](int j) -> nlohmann::json {
    if (j < 0) return nullptr;
    return std::string(anatomy::jointName(static_cast<anatomy::Joint>(j)));
  };
  nlohmann::json runs = nlohmann::json::array();
  int within = 0, total = 0;
  float worstClient = 0.0f, worstTable = 0.0f, worstPalm = 0.0f, worstAngle = 0.0f;
  float leastHead = 1.0f;
  for (const stretches::Stretch& file : lib.library.stretches) {
    if (!o.stretchId.empty() && file.id != o.stretchId) continue;
    for (anatomy::Side side : {anatomy::Side::Right, anatomy::Side::Left}) {
      const char* sideName = side == anatomy::Side::Right ? "right" : "left";
      if (!o.side.empty() && o.side != sideName) continue;
      const stretches::Stretch st = stretches::stretchForSide(file, side);
      for (const stretches::Technique& tech : st.techniques) {
        if (!o.technique.empty() && tech.id != o.technique) continue;
        nlohmann::json run = {{"stretch", file.id}, {"side", sideName}, {"technique", tech.id}};
        auto tl = stretches::buildTimeline(file, tech.id, side, {}, *rom);
        if (!tl) {
          run["error"] = tl.error().message;
          runs.push_back(run);
          continue;
        }
        auto scene = assist::AssistScene::create(st, *tl, *client, *practitioner);
        if (!scene) {
          run["error"] = scene.error().message;
          runs.push_back(run);
          continue;
        }
        const assist::StagingWorst w = assist::sweepStaging(*scene);
        const assist::StagingMetrics& x = w.worst;
        const std::string problems = assist::stagingProblems(w, limits);
        ++total;
        within += problems.empty() ? 1 : 0;
        worstClient = std::max(worstClient, x.clientDepth);
        worstTable = std::max(worstTable, x.tableDepth);
        worstPalm = std::max(worstPalm, x.palmDistance);
        worstAngle = std::max(worstAngle, x.palmAngle);
        leastHead = std::min(leastHead, x.headClearance);
        run["frames"] = w.frames;
        run["within_limits"] = problems.empty();
        run["problems"] = problems;
        run["client_depth_mm"] = mm(x.clientDepth);
        run["client_pair"] = {joint(x.practitionerJoint), joint(x.clientJoint)};
        run["client_at_s"] = deg(w.clientAt);
        run["table_depth_mm"] = mm(x.tableDepth);
        run["floor_depth_mm"] = mm(x.floorDepth);
        run["foot_lift_mm"] = mm(x.footLift);
        run["posture"] = std::string(stretches::practitionerPostureId(scene->placement().posture));
        run["head_clearance_mm"] = mm(x.headClearance);
        run["palm_distance_mm"] = mm(x.palmDistance);
        run["palm_angle_deg"] = deg(x.palmAngle);
        run["forearm_distance_mm"] = mm(x.forearmDistance);
        run["trunk_lean_deg"] = deg(x.trunkLean);
        run["lumbar_flexion_deg"] = deg(x.lumbarFlexion);
        run["max_push_mm"] = mm(w.maxPush);
        runs.push_back(run);
      }
    }
  }
  nlohmann::json j;
  j["rate_hz"] = 20;
  j["limits"] = {{"client_depth_mm", mm(limits.clientDepth)},
                 {"table_depth_mm", mm(limits.tableDepth)},
                 {"floor_depth_mm", mm(limits.floorDepth)},
                 {"palm_distance_mm", mm(limits.palmDistance)},
                 {"palm_angle_deg", limits.palmAngle},
                 {"head_clearance_mm", mm(limits.headClearance)},
                 {"lumbar_flexion_deg", limits.lumbarFlexion},
                 {"foot_lift_mm", mm(limits.footLift)},
                 {"forearm_distance_mm", mm(limits.forearmDistance)}};
  j["not_measured"] = {"finger gap (the collision model has no finger geometry)",
                       "trunk rotation (the practitioner's posture has none)"};
  j["runs"] = runs;
  j["summary"] = {{"runs", total},
                  {"within_limits", within},
                  {"worst_client_depth_mm", mm(worstClient)},
                  {"worst_table_depth_mm", mm(worstTable)},
                  {"worst_palm_distance_mm", mm(worstPalm)},
                  {"worst_palm_angle_deg", deg(worstAngle)},
                  {"least_head_clearance_mm", mm(leastHead)}};
  out << j.dump(2) << "\n";
  return 0;
}

}  // namespace

std::optional<int> runOneShotCommand(const Options& o, std::ostream& out, std::ostream& err) {
  if (o.list) {
    return stretches::runList(stretches::defaultStretchDir(), stretches::defaultRomPath(), out,
                              err);
  }
  if (o.validateDir) {
    const auto dir = o.validateDir->empty() ? stretches::defaultStretchDir() : *o.validateDir;
    return stretches::runValidate(dir, stretches::defaultRomPath(), out, err);
  }
  if (o.report) {
    if (o.staging) return reportStaging(o, out, err);
    if (o.model) return reportModel(o, out, err);
    if (o.poseFile || !o.stretchId.empty()) return reportMuscles(o, out, err);
    err << "stretchviz: error: --report needs --staging, --stretch ID, --pose FILE or --model "
           "PATH\n";
    return 2;
  }
  return std::nullopt;
}

}  // namespace sv

#include "app/commands.h"

#include <iomanip>
#include <ostream>

#include <nlohmann/json.hpp>

#include "anatomy/rom.h"
#include "anatomy/skeleton.h"
#include "model/model_import.h"
#include "muscles/muscle_model.h"
#include "muscles/report.h"
#include "stretches/library.h"

namespace sv {
namespace {

// `--report --model PATH [--time T]`: every skin joint's name and world position (metres)
// at time T of the file's first animation, for checking the importer and the sampler
// against other glTF implementations.
int reportModel(const Options& o, std::ostream& out, std::ostream& err) {
  auto model = importModel(*o.model);
  if (!model) {
    err << "stretchviz: error: " << model.error().message << "\n";
    return 1;
  }
  const float t = o.time.value_or(0.0f);
  const int clip = model->animations.empty() ? -1 : 0;
  nlohmann::json j;
  j["model"] = o.model->string();
  j["time_s"] = t;
  j["animation"] = clip < 0 ? nlohmann::json(nullptr) : nlohmann::json(model->animations[0].name);
  j["humanoid"] = model->humanoid.has_value();
  nlohmann::json joints = nlohmann::json::array();
  for (const JointPosition& p : skinJointPositions(*model, clip, t)) {
    joints.push_back(
        {{"name", p.name}, {"position_m", {p.position.x, p.position.y, p.position.z}}});
  }
  j["joints"] = joints;
  out << j.dump(2) << "\n";
  return 0;
}

// `--report --stretch ID [--side S] [--time T]` and `--report --pose FILE`: the key
// measurement, every anatomical angle and every muscle's length, strain and share, as JSON.
int reportMuscles(const Options& o, std::ostream& out, std::ostream& err) {
  auto fail = [&](const std::string& m) {
    err << "stretchviz: error: " << m << "\n";
    return 1;
  };
  auto rom = anatomy::loadRomTable(stretches::defaultRomPath());
  if (!rom) return fail(rom.error().message);
  auto set = muscles::loadMuscleSet(muscles::defaultMusclePath());
  if (!set) return fail(set.error().message);
  auto model = muscles::MuscleModel::build(*set, anatomy::makeDefaultSkeleton(1.75f), *rom);
  if (!model) return fail(model.error().message);
  if (o.poseFile) {
    auto pose = muscles::loadPoseFile(*o.poseFile, *rom);
    if (!pose) return fail(pose.error().message);
    out << muscles::reportForPose(*model, *pose).dump(2) << "\n";
    return 0;
  }
  auto lib = stretches::loadLibrary(stretches::defaultStretchDir(), *rom);
  const stretches::Stretch* s = lib.library.find(o.stretchId);
  if (s == nullptr) return fail("--stretch: no stretch '" + o.stretchId + "' in the library");
  const anatomy::Side side = o.side.empty()     ? s->side
                             : o.side == "left" ? anatomy::Side::Left
                                                : anatomy::Side::Right;
  auto report = muscles::reportForStretch(*model, *s, side, o.time, *rom);
  if (!report) return fail(report.error().message);
  out << report->dump(2) << "\n";
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
    if (o.model) return reportModel(o, out, err);
    if (o.poseFile || !o.stretchId.empty()) return reportMuscles(o, out, err);
    err << "stretchviz: error: --report needs --stretch ID, --pose FILE or --model PATH\n";
    return 2;
  }
  return std::nullopt;
}

}  // namespace sv

#include "app/commands.h"

#include <iomanip>
#include <ostream>

#include <nlohmann/json.hpp>

#include "anatomy/skeleton.h"
#include "model/model_import.h"
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
    err << "stretchviz: error: --report needs --model PATH (stretch and pose reports: see "
           "--help)\n";
    return 2;
  }
  return std::nullopt;
}

}  // namespace sv

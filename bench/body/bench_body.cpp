// BENCH body_load_ms: assets/models/body.glb -> BodyModel (parse, checks, levels of detail;
//   median of 7).
// BENCH body_shape_ms: a new shape for one figure (targets, normals, fitted skeleton, rig;
//   median of 15 alternating shapes).
// BENCH palette_update_us: both figures, per frame: anatomical pose -> local (poseToLocal) ->
//   model (localToModel) -> skinning palette of every skin bone (spine levels, twist bones,
//   fingers in a grip), mean over many frames.
#include <algorithm>
#include <array>
#include <chrono>
#include <cstdio>
#include <vector>

#include "anatomy/kinematics.h"
#include "body/body.h"

namespace {

using clock_type = std::chrono::steady_clock;

double ms(clock_type::time_point t0) {
  return std::chrono::duration<double, std::milli>(clock_type::now() - t0).count();
}

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

}  // namespace

int main() {
  std::vector<double> loads;
  std::shared_ptr<const sv::body::BodyModel> model;
  for (int i = 0; i < 7; ++i) {
    const auto t0 = clock_type::now();
    auto m = sv::body::loadBodyModel(SV_BODY_PATH);
    loads.push_back(ms(t0));
    if (!m) {
      std::fprintf(stderr, "%s\n", m.error().message.c_str());
      return 1;
    }
    model = *m;
  }
  std::printf("BENCH body_load_ms %.2f ms\n", median(loads));

  auto client = sv::body::Body::create(model, sv::body::defaultClientShape());
  auto practitioner = sv::body::Body::create(model, sv::body::defaultPractitionerShape());
  if (!client || !practitioner) return 1;
  std::vector<double> shapes;
  for (int i = 0; i < 15; ++i) {
    sv::body::BodyShape s = sv::body::defaultClientShape();
    s.sex = static_cast<float>(i % 3) * 0.5f;
    s.muscle = 0.3f + 0.05f * static_cast<float>(i % 5);
    s.height = 1.55f + 0.02f * static_cast<float>(i);
    const auto t0 = clock_type::now();
    if (!client->reshape(s)) return 1;
    shapes.push_back(ms(t0));
  }
  std::printf("BENCH body_shape_ms %.2f ms\n", median(shapes));

  struct Figure {
    const sv::body::Body* body;
    std::array<sv::anatomy::Transform, sv::anatomy::kJointCount> local{};
    std::array<glm::mat4, sv::anatomy::kJointCount> model{};
    std::vector<glm::mat4> palette;
  };
  Figure figs[2] = {{&*client, {}, {}, {}}, {&*practitioner, {}, {}, {}}};
  for (Figure& f : figs) f.palette.resize(static_cast<std::size_t>(f.body->boneCount()));
  const auto& cup = sv::anatomy::handShape(sv::anatomy::HandPose::Cup);
  const auto& wrap = sv::anatomy::handShape(sv::anatomy::HandPose::Wrap);
  sv::anatomy::Pose pose;
  constexpr int kFrames = 20000;
  float sink = 0.0f;
  const auto t0 = clock_type::now();
  for (int i = 0; i < kFrames; ++i) {
    const float a = static_cast<float>(i % 140);
    pose.set(sv::anatomy::Motion::KneeFlexion, sv::anatomy::Side::Left, a);
    pose.set(sv::anatomy::Motion::HipFlexion, sv::anatomy::Side::Right, a * 0.8f);
    pose.set(sv::anatomy::Motion::ShoulderFlexion, sv::anatomy::Side::Left, a);
    pose.set(sv::anatomy::Motion::ShoulderInternalRotation, sv::anatomy::Side::Right, a * 0.4f);
    pose.set(sv::anatomy::Motion::ForearmPronation, sv::anatomy::Side::Left, a * 0.5f);
    pose.set(sv::anatomy::Motion::ThoracicRotation, a * 0.3f);
    pose.set(sv::anatomy::Motion::LumbarFlexion, a * 0.2f);
    for (Figure& f : figs) {
      sv::anatomy::poseToLocal(f.body->skeleton(), pose, f.local);
      sv::anatomy::localToModel(f.body->skeleton(), f.local, f.model);
      f.body->palette(f.local, f.model, cup, wrap, f.palette);
      sink += f.palette[static_cast<std::size_t>(i) % f.palette.size()][3][1];
    }
  }
  const double us =
      std::chrono::duration<double, std::micro>(clock_type::now() - t0).count() / kFrames;
  std::printf("# %d + %d skin bones\n", client->boneCount(), practitioner->boneCount());
  std::printf("BENCH palette_update_us %.2f us\n", us);
  if (sink == 12345.0f) std::puts("");
  return 0;
}

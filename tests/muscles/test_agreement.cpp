// Agreement with OpenSim gait2392: a reference implementation that evaluates the model's own
// joint definitions (CustomJoint spatial transforms: hip ball joint, knee rotation with its
// translation splines, oblique ankle and subtalar axes) and path points directly from
// ../shared/reference/muscle_reference_opensim.json, in the model's frames and scale, and
// compares the strain (L / L0 - 1) of every gait2392 muscle with MuscleModel's across hip,
// knee and ankle ranges. Tolerance: 2 percentage points of strain.
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <numbers>
#include <sstream>
#include <string>
#include <vector>

#include <glm/gtc/matrix_transform.hpp>
#include <nlohmann/json.hpp>

#include "support.h"

using namespace sv::muscles;
namespace an = sv::anatomy;
using nlohmann::json;

namespace {

constexpr double kDeg = std::numbers::pi / 180.0;

struct Frame {  // rigid transform: p_parent = R p + t
  glm::dmat3 R{1.0};
  glm::dvec3 t{0.0};
  glm::dvec3 apply(const glm::dvec3& p) const { return R * p + t; }
  Frame operator*(const Frame& o) const { return {R * o.R, R * o.t + t}; }
};

glm::dvec3 vec(const json& a) {
  return {a[0].get<double>(), a[1].get<double>(), a[2].get<double>()};
}

glm::dmat3 axisAngle(glm::dvec3 axis, double angle) {
  return glm::dmat3(glm::rotate(glm::dmat4(1.0), angle, glm::normalize(axis)));
}

// The rectus femoris P3 MovingPathPoint splines from the gait2392 model file (the reference
// JSON names the point but leaves out its functions): tibia frame, knee_angle_r in radians.
const std::vector<double> kRfKnots = {-2.0944,  -1.99997,   -1.5708,    -1.45752,  -1.39626,
                                      -1.0472,  -0.698132,  -0.526391,  -0.349066, -0.174533,
                                      0,        0.00017453, 0.00034907, 0.0279253, 0.0872665,
                                      0.174533, 2.0944};
const std::vector<double> kRfX = {0.0155805, 0.0179938, 0.0275081, 0.0296564, 0.0307615, 0.0365695,
                                  0.0422074, 0.0450902, 0.048391,  0.0534299, 0.0617576, 0.0617669,
                                  0.0617762, 0.0633083, 0.066994,  0.0733035, 0.0573481};
const std::vector<double> kRfY = {0.0234116, 0.0237613, 0.0251141, 0.0252795, 0.0253146, 0.0249184,
                                  0.0242373, 0.0238447, 0.0234197, 0.0227644, 0.020984,  0.0209814,
                                  0.0209788, 0.0205225, 0.0191754, 0.0159554, -0.0673774};

class Gait2392 {
 public:
  explicit Gait2392(const json& model) : model_(model) {}

  // Body frames in the pelvis frame for the given coordinates (radians / metres).
  std::map<std::string, Frame> bodies(const std::map<std::string, double>& q) const {
    std::map<std::string, Frame> out;
    out["pelvis"] = Frame{};
    const json& joints = model_["joints_right_side"];
    // Chain order: parent before child.
    for (const char* name : {"hip_r", "knee_r", "ankle_r", "subtalar_r"}) {
      const json& j = joints[name];
      const std::string parentFrame = j["parent_frame"];
      const std::string childFrame = j["child_frame"];
      const json& pf = j["frames"][parentFrame];
      const json& cf = j["frames"][childFrame];
      const std::string parentBody = bodyName(pf["body"]);
      const std::string childBody = bodyName(cf["body"]);
      REQUIRE(vec(pf["orientation_rad"]) == glm::dvec3(0.0));
      REQUIRE(vec(cf["orientation_rad"]) == glm::dvec3(0.0));
      REQUIRE(vec(cf["translation_m"]) == glm::dvec3(0.0));
      Frame offset{glm::dmat3(1.0), vec(pf["translation_m"])};
      // CustomJoint spatial transform: translations along their axes in the parent frame,
      // then the three rotations as a body-fixed sequence.
      Frame x;
      glm::dmat3 R(1.0);
      for (const json& ax : j["spatial_transform"]) {
        const std::string tname = ax["name"];
        const double v = evalFunction(ax, q);
        const glm::dvec3 axis = vec(ax["axis"]);
        if (tname.rfind("rotation", 0) == 0) {
          if (v != 0.0) R = R * axisAngle(axis, v);
        } else {
          x.t += axis * v;
        }
      }
      x.R = R;
      out[childBody] = out.at(parentBody) * offset * x;
    }
    return out;
  }

  double length(const std::string& muscle, const std::map<std::string, double>& q) const {
    const auto frames = bodies(q);
    const json& m = model_["muscles_right_side"][muscle];
    double len = 0.0;
    bool have = false;
    glm::dvec3 prev(0.0);
    for (const json& p : m["path_points"]) {
      const std::string type = p["type"];
      glm::dvec3 local;
      if (type == "ConditionalPathPoint") {
        const double c = q.at(p["active_when"]["coordinate"].get<std::string>());
        const json& r = p["active_when"]["range_rad"];
        if (c < r[0].get<double>() || c > r[1].get<double>()) continue;
        local = vec(p["location_m"]);
      } else if (type == "MovingPathPoint") {
        REQUIRE(p["name"] == "rect_fem_r-P3");
        const double k = q.at("knee_angle_r");
        local = {Spline(kRfKnots, kRfX)(k), Spline(kRfKnots, kRfY)(k), 0.0014};
      } else {
        local = vec(p["location_m"]);
      }
      const glm::dvec3 w = frames.at(p["body"].get<std::string>()).apply(local);
      if (have) len += glm::length(w - prev);
      prev = w;
      have = true;
    }
    return len;
  }

 private:
  static std::string bodyName(const std::string& path) { return path.substr(path.rfind('/') + 1); }
  static double evalFunction(const json& ax, const std::map<std::string, double>& q) {
    const json& f = ax["function"];
    const std::string kind = f["kind"];
    if (kind == "Constant") return f["value"].get<double>();
    const double c = q.count(ax["coordinates"].get<std::string>())
                         ? q.at(ax["coordinates"].get<std::string>())
                         : 0.0;
    if (kind == "LinearFunction") {
      return f["coefficients"][0].get<double>() * c + f["coefficients"][1].get<double>();
    }
    if (kind == "SimmSpline") {
      return Spline(f["x"].get<std::vector<double>>(), f["y"].get<std::vector<double>>())(c);
    }
    FAIL("unsupported function kind " << kind);
    return 0.0;
  }
  const json& model_;
};

const json* loadReference() {
  static json doc;
  static bool loaded = false;
  static bool ok = false;
  if (!loaded) {
    loaded = true;
    const std::filesystem::path p =
        std::filesystem::path(SV_SHARED_DIR) / "reference" / "muscle_reference_opensim.json";
    std::ifstream in(p);
    if (in) {
      std::stringstream ss;
      ss << in.rdbuf();
      doc = json::parse(ss.str());
      ok = true;
    }
  }
  return ok ? &doc : nullptr;
}

}  // namespace

TEST_CASE("agreement: gait2392 muscle-tendon strain within 2 percentage points") {
  const json* ref = loadReference();
  if (!ref) {
    WARN("skipped: " SV_SHARED_DIR "/reference/muscle_reference_opensim.json is absent");
    return;
  }
  const Gait2392 gait((*ref)["gait2392"]);
  const MuscleModel& model = test::model();
  const std::vector<std::pair<std::string, std::string>> muscles = {
      {"semimem_r", "semimembranosus"},
      {"semiten_r", "semitendinosus"},
      {"bifemlh_r", "biceps_femoris_long"},
      {"rect_fem_r", "rectus_femoris"},
      {"psoas_r", "psoas"},
      {"iliacus_r", "iliacus"},
      {"glut_max2_r", "gluteus_maximus"},
      {"add_long_r", "adductor_longus"},
      {"peri_r", "piriformis"},
      {"med_gas_r", "gastrocnemius_medial"},
      {"lat_gas_r", "gastrocnemius_lateral"},
      {"soleus_r", "soleus"}};
  const std::map<std::string, double> zero = {{"hip_flexion_r", 0.0},  {"hip_adduction_r", 0.0},
                                              {"hip_rotation_r", 0.0}, {"knee_angle_r", 0.0},
                                              {"ankle_angle_r", 0.0},  {"subtalar_angle_r", 0.0}};
  std::printf(
      "gait2392 agreement (strain, percentage points): muscle, poses, max |error|, "
      "at (hip flex/abd/int rot, knee flex, dorsiflexion), ref strain, ours\n");
  for (const auto& [gname, id] : muscles) {
    const int mi = model.find(id, an::Side::Right);
    REQUIRE(mi >= 0);
    const double l0 = gait.length(gname, zero);
    double worst = 0.0;
    std::string where;
    double worstRef = 0.0, worstOurs = 0.0;
    int n = 0;
    for (float hf : {-12.0f, 0.0f, 30.0f, 60.0f, 90.0f, 121.0f}) {
      for (float ha : {-27.0f, 0.0f, 20.0f, 41.0f}) {
        for (float hr : {-60.0f, 0.0f, 40.0f}) {
          for (float kf : {0.0f, 30.0f, 60.0f, 90.0f, 120.0f, 141.0f}) {
            for (float df : {-50.0f, -20.0f, 0.0f, 13.0f, 20.0f}) {
              an::Pose pose;
              pose.set(an::Motion::HipFlexion, an::Side::Right, hf);
              pose.set(an::Motion::HipAbduction, an::Side::Right, ha);
              pose.set(an::Motion::HipInternalRotation, an::Side::Right, hr);
              pose.set(an::Motion::KneeFlexion, an::Side::Right, kf);
              pose.set(an::Motion::AnkleDorsiflexion, an::Side::Right, df);
              std::map<std::string, double> q = zero;
              q["hip_flexion_r"] = hf * kDeg;
              q["hip_adduction_r"] = -ha * kDeg;
              q["hip_rotation_r"] = hr * kDeg;
              q["knee_angle_r"] = -kf * kDeg;
              q["ankle_angle_r"] = df * kDeg;
              const double refStrain = gait.length(gname, q) / l0 - 1.0;
              const double ours = model.length(mi, pose) / model.info(mi).restLength - 1.0;
              const double err = std::fabs(ours - refStrain);
              ++n;
              if (err > worst) {
                worst = err;
                worstRef = refStrain;
                worstOurs = ours;
                char buf[96];
                std::snprintf(buf, sizeof buf, "(%g/%g/%g, %g, %g)", static_cast<double>(hf),
                              static_cast<double>(ha), static_cast<double>(hr),
                              static_cast<double>(kf), static_cast<double>(df));
                where = buf;
              }
            }
          }
        }
      }
    }
    std::printf("  %-24s %5d  %5.2f pp  at %-26s ref %+6.1f%%  ours %+6.1f%%\n", id.c_str(), n,
                100.0 * worst, where.c_str(), 100.0 * worstRef, 100.0 * worstOurs);
    INFO(id << ": worst error " << 100.0 * worst << " pp at " << where);
    CHECK(worst <= 0.02);
  }
}

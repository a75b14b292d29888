// body_preview: renders the body asset headless in a given shape, pose and hand pose, for
// looking at deformation close up (docs/body.md's pictures are made with it).
//
//   body_preview --out FILE.png [--body FILE.glb] [--shape client|practitioner|neutral]
//                [--pose MOTION[:l|r]=DEG,...] [--hands POSE] [--view YAW,PITCH,DIST,X,Y,Z]
//                [--size WxH] [--regions] [--group ID[:l|r],...] [--hard] [--distinct]
//                [--no-cover] [--lying] [--pair] [--stretch ID [--time T] [--technique NAME]]
//
// --pose sets anatomical angles (motion ids as in the stretch files; a bilateral motion
// without :l or :r is set on both sides). --regions paints alternate muscle groups in the two
// heat colours to show the region map. --group (muscle group ids as in the stretch files, one
// side with :l or :r) paints only those groups, in the warm colour; with --regions the others
// stay faint. --hard shows each vertex's strongest region (or none) without the smooth
// falloff, to check the hard map's borders. --distinct paints the regions in four colours
// chosen so that neighbouring groups differ, each where its weight passes one half (instead
// of the clothing; skin = no region; with --hard, each vertex's strongest region). --lying lays
// the body supine at table height. --stretch shows both figures (client and practitioner) and
// the table at time T (seconds, or "end": where the technique first reaches its deepest pose)
// of a library stretch, as the app stages it. --pair stands the
// practitioner beside the client, both in the --pose (default: the app's standing at ease).
#include <algorithm>
#include <array>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include <glm/gtc/matrix_transform.hpp>
#include <glm/gtc/quaternion.hpp>

#include "anatomy/kinematics.h"
#include "anatomy/muscle_groups.h"
#include "anatomy/rom.h"
#include "app/context.h"
#include "assist/assist.h"
#include "body/body.h"
#include "core/paths.h"
#include "model/rigged_model.h"
#include "render/renderer.h"
#include "scene/studio.h"
#include "session/cast.h"
#include "session/stretch_scene.h"
#include "stretches/library.h"
#include "stretches/playback.h"

namespace {

int fail(const std::string& m) {
  std::fprintf(stderr, "body_preview: %s\n", m.c_str());
  return 1;
}

std::vector<std::string> split(const std::string& s, char c) {
  std::vector<std::string> out;
  std::stringstream ss(s);
  std::string part;
  while (std::getline(ss, part, c)) {
    if (!part.empty()) out.push_back(part);
  }
  return out;
}

// The region ids of "group" (both sides) or "group:l" / "group:r"; nullopt when unknown.
std::optional<std::vector<std::uint16_t>> regionIdsOf(std::string id) {
  using sv::anatomy::Side;
  std::vector<Side> sides = {Side::Left, Side::Right};
  if (id.size() > 2 && id[id.size() - 2] == ':') {
    sides = {id.back() == 'l' ? Side::Left : Side::Right};
    id.resize(id.size() - 2);
  }
  const auto g = sv::anatomy::muscleGroupFromId(id);
  if (!g) return std::nullopt;
  std::vector<std::uint16_t> out;
  for (Side s : sides) out.push_back(sv::anatomy::regionId(*g, s));
  return out;
}

// The vertex with its strongest region (or none, when "no region" outweighs every region) at
// full weight: the hard map without the smooth falloff.
sv::Vertex hardRegion(sv::Vertex x) {
  int none = 255, best = -1;
  for (int k = 0; k < 4; ++k) {
    const int w = x.regionWeights[static_cast<std::size_t>(k)];
    none -= w;
    if (w > 0 && (best < 0 || w > x.regionWeights[static_cast<std::size_t>(best)])) best = k;
  }
  const bool region = best >= 0 && x.regionWeights[static_cast<std::size_t>(best)] >= none;
  const std::uint8_t id = region ? x.regionIds[static_cast<std::size_t>(best)] : 0;
  x.regionIds = {id, 0, 0, 0};
  x.regionWeights = {static_cast<std::uint8_t>(region ? 255 : 0), 0, 0, 0};
  return x;
}

// --distinct: four colours (linear RGB, one per cover channel) and each group's colour, a
// four-colouring of the groups' neighbourhood on the body (e.g. the gluteals differ from the
// piriformis, hamstrings, quadriceps, erector spinae, quadratus lumborum, abdominals and hip
// flexors around them).
const std::array<glm::vec3, 4> kDistinctColours = {
    glm::vec3(0.60f, 0.05f, 0.04f), glm::vec3(0.05f, 0.40f, 0.08f), glm::vec3(0.05f, 0.12f, 0.60f),
    glm::vec3(0.75f, 0.60f, 0.02f)};
constexpr std::array<std::uint8_t, sv::anatomy::kMuscleGroupCount> kDistinctChannel = {
    2,  // hamstrings
    1,  // quadriceps
    2,  // hip flexors
    0,  // gluteals
    1,  // piriformis
    3,  // adductors
    0,  // calves
    2,  // tibialis anterior
    1,  // pectorals
    0,  // latissimus dorsi
    0,  // upper trapezius
    1,  // levator scapulae
    2,  // deltoids
    3,  // rotator cuff
    3,  // biceps
    1,  // triceps
    0,  // forearm flexors
    2,  // forearm extensors
    3,  // abdominals
    2,  // erector spinae
    1,  // quadratus lumborum
    3,  // peroneals (beside the calves, tibialis anterior and, at the knee, quadriceps)
    1,  // rhomboids (beside the upper trapezius, rotator cuff, latissimus and erector spinae)
};

// Each colour's share of the vertex's region weights: the shader paints a colour where its
// interpolated share passes one half, so the smooth borders show as smooth outlines.
std::array<std::uint8_t, 4> distinctCover(const sv::Vertex& x) {
  std::array<int, 4> share{0, 0, 0, 0};
  for (std::size_t k = 0; k < 4; ++k) {
    if (const auto r = sv::anatomy::regionOf(x.regionIds[k]))
      share[kDistinctChannel[static_cast<std::size_t>(r->group)]] += x.regionWeights[k];
  }
  std::array<std::uint8_t, 4> c{};
  for (std::size_t k = 0; k < 4; ++k) c[k] = static_cast<std::uint8_t>(std::min(share[k], 255));
  return c;
}

}  // namespace

int main(int argc, char** argv) {
  std::string out, bodyPath = sv::body::defaultBodyPath().string(), shapeName = "client", poseText,
                   hands = "relaxed", viewText = "30,10,2.6,0,0.9,0";
  int W = 960, H = 720;
  bool regions = false, cover = true, lying = false, hard = false, distinct = false, pair = false;
  std::string groupText;
  std::string stretchId, technique;
  float time = 0.0f;
  bool endRange = false;  // --time end: where the technique first reaches its deepest pose
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    auto next = [&]() -> std::string { return i + 1 < argc ? argv[++i] : std::string(); };
    if (a == "--out")
      out = next();
    else if (a == "--body")
      bodyPath = next();
    else if (a == "--shape")
      shapeName = next();
    else if (a == "--pose")
      poseText = next();
    else if (a == "--hands")
      hands = next();
    else if (a == "--view")
      viewText = next();
    else if (a == "--size") {
      if (std::sscanf(next().c_str(), "%dx%d", &W, &H) != 2) return fail("--size WxH");
    } else if (a == "--regions")
      regions = true;
    else if (a == "--group")
      groupText = next();
    else if (a == "--hard")
      hard = true;
    else if (a == "--distinct")
      distinct = true;
    else if (a == "--no-cover")
      cover = false;
    else if (a == "--lying")
      lying = true;
    else if (a == "--pair")
      pair = true;
    else if (a == "--stretch")
      stretchId = next();
    else if (a == "--technique")
      technique = next();
    else if (a == "--time") {
      const std::string t = next();
      endRange = t == "end";
      time = endRange ? 0.0f : std::strtof(t.c_str(), nullptr);
    } else
      return fail("unknown option " + a);
  }
  if (out.empty()) return fail("--out FILE.png is required");

  auto model = sv::body::loadBodyModel(bodyPath);
  if (!model) return fail(model.error().message);
  sv::body::BodyShape shape = shapeName == "practitioner" ? sv::body::defaultPractitionerShape()
                              : shapeName == "neutral"    ? sv::body::BodyShape{}
                                                          : sv::body::defaultClientShape();
  auto body = sv::body::Body::create(*model, shape);
  if (!body) return fail(body.error().message);

  sv::anatomy::Pose pose =
      poseText.empty() && pair ? sv::session::Cast::idlePose() : sv::anatomy::Pose{};
  for (const std::string& item : split(poseText, ',')) {
    const auto eq = item.find('=');
    if (eq == std::string::npos) return fail("--pose: expected MOTION=DEG in '" + item + "'");
    std::string id = item.substr(0, eq);
    const float deg = std::strtof(item.c_str() + eq + 1, nullptr);
    std::vector<sv::anatomy::Side> sides = {sv::anatomy::Side::Left, sv::anatomy::Side::Right};
    if (id.size() > 2 && id[id.size() - 2] == ':') {
      sides = {id.back() == 'l' ? sv::anatomy::Side::Left : sv::anatomy::Side::Right};
      id.resize(id.size() - 2);
    }
    const auto m = sv::anatomy::motionFromId(id);
    if (!m) return fail("--pose: unknown motion '" + id + "'");
    for (auto s : sides) pose.set(*m, s, deg);
  }
  if (lying) {
    // Supine: the body's back on a 0.7 m table, head toward -Z.
    pose.root.rotation = glm::angleAxis(glm::radians(-90.0f), glm::vec3(1, 0, 0));
    pose.root.translation =
        glm::vec3(0.0f, 0.8f, 0.0f) - glm::vec3(body->skeleton().restModel[0][3]);
  }
  const auto handPose = sv::anatomy::handPoseFromId(hands);
  if (!handPose) return fail("--hands: unknown hand pose '" + hands + "'");
  const auto& hs = sv::anatomy::handShape(*handPose);

  std::array<sv::anatomy::Transform, sv::anatomy::kJointCount> local{};
  std::array<glm::mat4, sv::anatomy::kJointCount> jm{};
  sv::anatomy::poseToLocal(body->skeleton(), pose, local);
  sv::anatomy::localToModel(body->skeleton(), local, jm);
  std::vector<glm::mat4> palette(static_cast<std::size_t>(body->boneCount()));
  body->palette(local, jm, hs, hs, palette);

  auto ctx = sv::createHeadlessContext(W, H);
  if (!ctx) return fail(ctx.error().message);
  sv::RendererConfig rc;
  rc.shaderDir = sv::dataDir() / "shaders";
  rc.offscreen = true;
  auto r = sv::Renderer::create((*ctx)->loader(), rc);
  if (!r) return fail(r.error().message);
  (*r)->resize(W, H);
  sv::MeshData meshData = body->mesh();
  if (hard) {
    for (sv::Vertex& x : meshData.vertices) x = hardRegion(x);
  }
  if (distinct) {
    for (sv::Vertex& x : meshData.vertices) x.cover = distinctCover(x);
  }
  const sv::MeshId mesh = (*r)->uploadMesh(meshData);

  const auto v = split(viewText, ',');
  if (v.size() != 6) return fail("--view YAW,PITCH,DIST,X,Y,Z");
  sv::OrbitCamera cam;
  cam.setViewport(W, H);
  sv::OrbitState st;
  st.yawDeg = std::strtof(v[0].c_str(), nullptr);
  st.pitchDeg = std::strtof(v[1].c_str(), nullptr);
  st.distance = std::strtof(v[2].c_str(), nullptr);
  st.target = {std::strtof(v[3].c_str(), nullptr), std::strtof(v[4].c_str(), nullptr),
               std::strtof(v[5].c_str(), nullptr)};
  cam.snapTo(st);
  sv::FrameParams params = sv::studioFrameParams(cam);
  params.lodPixelError = 0.0f;
  // Shadows fitted to what the view looks at (the figures, or the staged stretch with its
  // table), as the app fits them to the client and the table: sharper than the studio default.
  params.shadowCenter =
      stretchId.empty() ? glm::vec3(0.0f, 0.9f, 0.0f) : glm::vec3(0.0f, 0.75f, 0.0f);
  params.shadowRadius = stretchId.empty() && !pair ? 1.1f : 1.6f;
  std::vector<std::uint16_t> shown;
  for (const std::string& item : split(groupText, ',')) {
    auto ids = regionIdsOf(item);
    if (!ids) return fail("--group: unknown muscle group '" + item + "'");
    shown.insert(shown.end(), ids->begin(), ids->end());
  }
  if (regions || !shown.empty()) {
    params.heatmap = true;
    for (int g = 0; g < sv::anatomy::kMuscleGroupCount; ++g) {
      for (auto s : {sv::anatomy::Side::Left, sv::anatomy::Side::Right}) {
        const auto id = sv::anatomy::regionId(static_cast<sv::anatomy::MuscleGroup>(g), s);
        const float alternate = (g % 2 == 0) ? 1.0f : -1.0f;
        const bool picked = std::find(shown.begin(), shown.end(), id) != shown.end();
        params.regions[id].heat = shown.empty() ? alternate
                                  : picked      ? 1.0f
                                  : regions     ? 0.25f * alternate
                                                : 0.0f;
      }
    }
  }
  sv::DrawList list;
  // A library stretch: both figures and the environment as the assist stages them.
  std::optional<sv::assist::AssistScene> scene;
  auto frame = std::make_unique<sv::assist::AssistFrame>();
  std::optional<sv::body::Body> practitioner;
  std::vector<sv::MeshId> envMeshes;
  if (!stretchId.empty()) {
    auto rom = sv::anatomy::loadRomTable(sv::stretches::defaultRomPath());
    if (!rom) return fail(rom.error().message);
    const auto lib = sv::stretches::loadLibrary(sv::stretches::defaultStretchDir(), *rom);
    const sv::stretches::Stretch* file = lib.library.find(stretchId);
    if (file == nullptr) return fail("no stretch '" + stretchId + "'");
    const sv::stretches::Stretch sided = sv::stretches::stretchForSide(*file, file->side);
    auto tl = sv::stretches::buildTimeline(
        *file, technique.empty() ? file->techniques.front().id : technique, file->side, {}, *rom);
    if (!tl) return fail(tl.error().message);
    auto p = sv::body::Body::create(*model, sv::body::defaultPractitionerShape());
    if (!p) return fail(p.error().message);
    practitioner = std::move(*p);
    auto sc = sv::assist::AssistScene::create(sided, *tl, *body, *practitioner);
    if (!sc) return fail(sc.error().message);
    scene = std::move(*sc);
    if (endRange) {
      float best = -1e9f;
      for (int i = 0; i < tl->timeline.phaseCount(); ++i) {
        const auto& ph = tl->timeline.phase(i);
        const float depth = tl->key.value(tl->timeline.keyPose(ph.toPose)) * tl->key.direction;
        if (depth > best + 1e-3f) {
          best = depth;
          time = ph.start + ph.duration;
        }
      }
    }
    scene->update(time, *frame);
    std::copy(frame->clientPalette.begin(), frame->clientPalette.begin() + frame->clientBones,
              palette.begin());
    for (const auto& e : scene->environment()) {
      sv::DrawItem it;
      it.mesh = (*r)->uploadMesh(e.mesh);
      it.model = e.transform;
      it.albedo = e.color;
      list.items.push_back(it);
    }
  }
  // The app's looks (clothing, skin, hair); --no-cover shows the bare skin and no hair.
  sv::DrawItem item = sv::session::bodyItem(mesh, palette, sv::session::clientLook(), true);
  item.flags |= sv::kDrawMuscleRegions;
  if (!cover) item.flags &= ~sv::kDrawCover;
  if (distinct) {
    item.flags |= sv::kDrawCover;
    item.cover = kDistinctColours;
  }
  item.palette = palette.data();
  item.paletteCount = static_cast<std::uint32_t>(palette.size());
  list.items.push_back(item);
  std::vector<glm::mat4> pairPalette;
  if (pair && !practitioner) {
    // Both figures standing side by side: the client on its left (+X), the practitioner on
    // its right, each in the pose given (by default: at ease).
    auto p = sv::body::Body::create(*model, sv::body::defaultPractitionerShape());
    if (!p) return fail(p.error().message);
    practitioner = std::move(*p);
    std::array<sv::anatomy::Transform, sv::anatomy::kJointCount> pl{};
    std::array<glm::mat4, sv::anatomy::kJointCount> pm{};
    sv::anatomy::poseToLocal(practitioner->skeleton(), pose, pl);
    sv::anatomy::localToModel(practitioner->skeleton(), pl, pm);
    pairPalette.resize(static_cast<std::size_t>(practitioner->boneCount()));
    practitioner->palette(pl, pm, hs, hs, pairPalette);
    list.items.back().model = glm::translate(glm::mat4(1.0f), glm::vec3(0.35f, 0.0f, 0.0f));
  }
  if (practitioner) {
    const std::span<const glm::mat4> pp =
        pair ? std::span<const glm::mat4>(pairPalette)
             : std::span<const glm::mat4>(frame->practitionerPalette)
                   .first(static_cast<std::size_t>(frame->practitionerBones));
    sv::DrawItem p = sv::session::bodyItem((*r)->uploadMesh(practitioner->mesh()), pp,
                                           sv::session::practitionerLook(), true);
    if (!cover) p.flags &= ~sv::kDrawCover;
    if (pair) p.model = glm::translate(glm::mat4(1.0f), glm::vec3(-0.35f, 0.0f, 0.0f));
    list.items.push_back(p);
  }
  (*r)->renderScene(params, list);
  const sv::Image img = (*r)->capture();
  if (auto s = sv::writePng(img, out); !s) return fail(s.error().message);
  std::printf("wrote %s\n", out.c_str());
  return 0;
}

// How the body deforms (docs/body.md, "Deformation"): at joint poses a stretch reaches and at
// every library stretch's start and end pose for both figures, the skin neither folds over
// (inverted triangles), tears or shrinks (edge stretch outside the crease bands), loses volume
// (per segment) nor flattens (upper arm and thigh sections, wrist and elbow rings).
// SV_PRINT_DEFORM=1 prints the tables.
#include <catch2/catch.hpp>

#include <cstdio>
#include <cstdlib>
#include <memory>

#include "anatomy/kinematics.h"
#include "anatomy/rom.h"
#include "assist/assist.h"
#include "body/deformation.h"
#include "stretches/library.h"
#include "stretches/playback.h"
#include "support/fixtures.h"

using namespace sv;
using anatomy::Joint;
using anatomy::Motion;
using anatomy::Side;

namespace {

using test::bodies;
using test::rom;

// Where the body misses a limit today (docs/body.md, "Known limits"): the measured value,
// rounded up. The test fails if a case gets worse, and also when it meets the limit again, so
// the entry is removed and the limit enforced from then on.
struct KnownLimit {
  const char* figure;   // "client" / "practitioner"
  const char* pose;     // joint-pose case name or stretch id
  const char* measure;  // "edge max", "edge min", "limb volume"
  float bound;
};
constexpr KnownLimit kKnownLimits[] = {
    {"practitioner", "shoulder flexion 170", "edge max", 2.3f},
    {"practitioner", "elbow flexion 150", "limb volume", 0.10f},
    {"client", "lumbar-supine-knees-to-chest", "edge min", 0.47f},
    {"client", "thoracic-rotation-seated", "edge min", 0.35f},
};
const KnownLimit* knownLimit(std::string_view figure, std::string_view pose,
                             std::string_view measure) {
  for (const KnownLimit& k : kKnownLimits) {
    if (figure == k.figure && pose == k.pose && measure == k.measure) return &k;
  }
  return nullptr;
}
// Checks one measure against its limit, or against its known-limit bound.
void checkLimit(std::string_view figure, std::string_view pose, std::string_view measure,
                float value, float limit, bool upper) {
  INFO(figure << " " << pose << " " << measure << " = " << value);
  if (const KnownLimit* k = knownLimit(figure, pose, measure)) {
    CHECK((upper ? value <= k->bound : value >= k->bound));
    CHECK_FALSE((upper ? value <= limit : value >= limit));  // met again: drop the entry
    return;
  }
  CHECK((upper ? value <= limit : value >= limit));
}
void checkReport(std::string_view figure, std::string_view pose, const body::DeformationReport& r) {
  INFO(figure << " " << pose);
  CHECK(r.invertedTriangles == 0);
  checkLimit(figure, pose, "edge min", r.minEdgeRatio, 0.5f, false);
  checkLimit(figure, pose, "edge max", r.maxEdgeRatio, 2.0f, true);
  checkLimit(figure, pose, "limb volume", r.worstVolumeChange, 0.08f, true);
  checkLimit(figure, pose, "trunk volume", r.worstTrunkVolumeChange, 0.15f, true);
}

bool printing() {
  return std::getenv("SV_PRINT_DEFORM") != nullptr;
}

const anatomy::HandShape& relaxed() {
  return anatomy::handShape(anatomy::HandPose::Relaxed);
}

body::SkinnedBody skin(const body::Body& b, const anatomy::Pose& p,
                       const anatomy::HandShape& l = relaxed(),
                       const anatomy::HandShape& r = relaxed()) {
  body::SkinnedBody s;
  body::skinBody(b, p, l, r, s);
  return s;
}

anatomy::Pose single(Motion m, float deg, Side side = Side::Right) {
  anatomy::Pose p;
  p.set(m, side, deg);
  return p;
}

}  // namespace

TEST_CASE("deep flexion: no fold, tear or squash, and the upper arm and thigh stay round") {
  struct Case {
    const char* name;
    anatomy::Pose pose;
    Joint section;  // the segment whose cross-section must stay round
  };
  anatomy::Pose hip = single(Motion::HipFlexion, 120.0f);
  hip.set(Motion::KneeFlexion, Side::Right, 90.0f);
  anatomy::Pose elbow = single(Motion::ElbowFlexion, 150.0f);
  elbow.set(Motion::ShoulderFlexion, Side::Right, 45.0f);
  const Case cases[] = {
      {"shoulder flexion 170", single(Motion::ShoulderFlexion, 170.0f), Joint::ShoulderR},
      {"hip flexion 120", hip, Joint::HipR},
      {"knee flexion 140", single(Motion::KneeFlexion, 140.0f), Joint::HipR},
      {"elbow flexion 150", elbow, Joint::ShoulderR},
  };
  if (printing()) {
    std::printf(
        "| figure | pose | inverted | edge ratio (min–max) | worst segment volume | "
        "section aspect |\n|---|---|---|---|---|---|\n");
  }
  for (const body::Body* b : {&bodies().client, &bodies().practitioner}) {
    const body::SkinnedBody rest = skin(*b, anatomy::Pose{});
    for (const Case& c : cases) {
      INFO((b == &bodies().client ? "client " : "practitioner ") << c.name);
      const body::SkinnedBody posed = skin(*b, c.pose);
      const body::DeformationReport r = body::measureDeformation(*b, rest, posed);
      float aspect = 0.0f;
      for (float f : {0.3f, 0.5f, 0.7f}) {
        aspect = std::max(aspect, body::crossSectionAspect(*b, posed, c.section, f));
      }
      if (printing()) {
        std::printf(
            "| %s | %s | %d (%d) | %.2f–%.2f | %+.1f %% (%s) | %.2f |\n",
            b == &bodies().client ? "client" : "practitioner", c.name, r.invertedTriangles,
            r.invertedInCreases, static_cast<double>(r.minEdgeRatio),
            static_cast<double>(r.maxEdgeRatio), static_cast<double>(r.worstVolumeChange * 100.0f),
            r.worstVolumeSegment >= 0
                ? std::string(anatomy::jointName(static_cast<Joint>(r.worstVolumeSegment))).c_str()
                : "-",
            static_cast<double>(aspect));
      }
      if (printing()) {
        auto where = [&](int v) {
          const glm::vec3 q = rest.positions[static_cast<std::size_t>(v)];
          const auto bone = b->mesh().vertices[static_cast<std::size_t>(v)].joints[0];
          std::printf("    v%d rest (%.3f %.3f %.3f) bone %s\n", v, static_cast<double>(q.x),
                      static_cast<double>(q.y), static_cast<double>(q.z),
                      b->model().asset.bones[bone].name.c_str());
        };
        if (r.worstEdgeVertex >= 0) where(r.worstEdgeVertex);
        for (std::size_t i = 0; i < r.invertedAt.size() && i < 6; ++i) where(r.invertedAt[i]);
      }
      checkReport(b == &bodies().client ? "client" : "practitioner", c.name, r);
      CHECK(aspect > 1.0f);
      CHECK(aspect <= 1.8f);
    }
  }
}

TEST_CASE("twist: wrist and elbow rings keep their area at pronation 80 and humeral rotation 90") {
  for (const body::Body* b : {&bodies().client, &bodies().practitioner}) {
    const body::SkinnedBody rest = skin(*b, anatomy::Pose{});
    const float wrist0 = body::ringArea(*b, rest, Joint::WristR);
    const float elbow0 = body::ringArea(*b, rest, Joint::ElbowR);
    REQUIRE(wrist0 > 1e-4f);  // a wrist is more than 1 cm² across
    REQUIRE(elbow0 > 1e-4f);
    struct Case {
      const char* name;
      anatomy::Pose pose;
    };
    const Case cases[] = {
        {"pronation 80", single(Motion::ForearmPronation, 80.0f)},
        {"supination 80", single(Motion::ForearmPronation, -80.0f)},
        {"internal rotation 90", single(Motion::ShoulderInternalRotation, 90.0f)},
        {"external rotation 90", single(Motion::ShoulderInternalRotation, -90.0f)}};
    for (const Case& c : cases) {
      INFO((b == &bodies().client ? "client " : "practitioner ") << c.name);
      const body::SkinnedBody posed = skin(*b, c.pose);
      const float w = body::ringArea(*b, posed, Joint::WristR) / wrist0;
      const float e = body::ringArea(*b, posed, Joint::ElbowR) / elbow0;
      if (printing()) {
        std::printf("| %s | %s | wrist %.0f %% | elbow %.0f %% |\n",
                    b == &bodies().client ? "client" : "practitioner", c.name,
                    static_cast<double>(w * 100.0f), static_cast<double>(e * 100.0f));
      }
      CHECK(w >= 0.7f);
      CHECK(e >= 0.7f);
    }
  }
}

// The client's body in each stretch's start and end-range pose. With SV_PRINT_DEFORM the
// practitioner's body in the same poses and the practitioner's own staged posture (IK arms,
// lean, squat) are printed for reference: that posture's limits belong to the staging.
TEST_CASE(
    "every library stretch: the client at the start and end pose without fold, tear or squash") {
  const stretches::LibraryLoad lib = stretches::loadLibrary(SV_STRETCH_DIR, rom());
  REQUIRE(lib.library.stretches.size() >= 20);
  auto frame = std::make_unique<assist::AssistFrame>();
  const body::SkinnedBody rest[2] = {skin(bodies().client, anatomy::Pose{}),
                                     skin(bodies().practitioner, anatomy::Pose{})};
  if (printing()) {
    std::printf(
        "| stretch | figure | key pose / time | folded outside creases (anywhere) | "
        "edge ratio | limb volume | trunk volume |\n|---|---|---|---|---|---|---|\n");
  }
  auto row = [&](const std::string& id, const char* who, float t, const body::Body& b,
                 const body::DeformationReport& r) {
    if (!printing()) return;
    const int wv = r.worstEdgeVertex;
    const char* bone =
        wv >= 0 ? b.model()
                      .asset.bones[b.mesh().vertices[static_cast<std::size_t>(wv)].joints[0]]
                      .name.c_str()
                : "-";
    auto name = [](int j) {
      return j >= 0 ? std::string(anatomy::jointName(static_cast<Joint>(j))) : std::string("-");
    };
    const glm::vec3 at =
        wv >= 0 ? b.mesh().vertices[static_cast<std::size_t>(wv)].position : glm::vec3(0.0f);
    std::printf(
        "| %s | %s | %.0f | %d (%d) | %.2f–%.2f (%s at %.2f %.2f %.2f) | %.1f %% (%s) | "
        "%.1f %% (%s) |\n",
        id.c_str(), who, static_cast<double>(t), r.invertedTriangles, r.invertedInCreases,
        static_cast<double>(r.minEdgeRatio), static_cast<double>(r.maxEdgeRatio), bone,
        static_cast<double>(at.x), static_cast<double>(at.y), static_cast<double>(at.z),
        static_cast<double>(r.worstVolumeChange * 100.0f), name(r.worstVolumeSegment).c_str(),
        static_cast<double>(r.worstTrunkVolumeChange * 100.0f),
        name(r.worstTrunkVolumeSegment).c_str());
  };
  for (const stretches::Stretch& file : lib.library.stretches) {
    const stretches::Stretch st = stretches::stretchForSide(file, file.side);
    auto tl = stretches::buildTimeline(file, st.techniques.front().id, file.side, {}, rom());
    REQUIRE(tl.ok());
    // The start pose and the end-range one (the key pose furthest along the key motion).
    int endPose = 0;
    float best = -1e9f;
    for (int k = 0; k < tl->timeline.keyPoseCount(); ++k) {
      const float v = tl->key.value(tl->timeline.keyPose(k)) * tl->key.direction;
      if (v > best) {
        best = v;
        endPose = k;
      }
    }
    const int startPose = tl->timeline.phaseCount() > 0 ? tl->timeline.phase(0).fromPose : 0;
    body::DeformationReport worst;  // the client's, over both poses
    for (int k : {startPose, endPose}) {
      anatomy::Pose pose = tl->timeline.keyPose(k);
      pose.root = {};  // placement does not change the skin
      for (int fig = 0; fig < 2; ++fig) {
        const body::Body& b = fig == 0 ? bodies().client : bodies().practitioner;
        const body::DeformationReport r = body::measureDeformation(b, rest[fig], skin(b, pose));
        INFO(file.id << (fig == 0 ? " client body" : " practitioner body") << " key pose " << k);
        row(file.id, fig == 0 ? "client" : "practitioner's body", static_cast<float>(k), b, r);
        // The client's body in its own poses is checked; the practitioner's body in them is
        // printed only (it is never posed so: its own postures are the staging's).
        if (fig == 0) {
          worst.invertedTriangles += r.invertedTriangles;
          worst.minEdgeRatio = std::min(worst.minEdgeRatio, r.minEdgeRatio);
          worst.maxEdgeRatio = std::max(worst.maxEdgeRatio, r.maxEdgeRatio);
          worst.worstVolumeChange = std::max(worst.worstVolumeChange, r.worstVolumeChange);
          worst.worstTrunkVolumeChange =
              std::max(worst.worstTrunkVolumeChange, r.worstTrunkVolumeChange);
        }
      }
    }
    checkReport("client", file.id, worst);
    // The practitioner as staged, at the start and at the end of the technique (reported).
    if (printing()) {
      auto scene = assist::AssistScene::create(st, *tl, bodies().client, bodies().practitioner);
      REQUIRE(scene.ok());
      for (float t : {0.0f, scene->duration() * 0.5f}) {
        scene->update(t, *frame);
        const body::Body& b = bodies().practitioner;
        body::SkinnedBody posed;
        body::skinBodyWithPalette(b,
                                  std::span<const glm::mat4>(frame->practitionerPalette)
                                      .first(static_cast<std::size_t>(frame->practitionerBones)),
                                  frame->practitionerModel, posed);
        const body::SkinnedBody ref =
            skin(b, anatomy::Pose{}, anatomy::handShape(frame->practitionerHands[0]),
                 anatomy::handShape(frame->practitionerHands[1]));
        row(file.id, "practitioner staged", t, b, body::measureDeformation(b, ref, posed));
      }
    }
  }
}

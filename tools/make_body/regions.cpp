// Muscle regions on the body in the anatomical position (surface.h).
//
// How: every vertex is seen from the left side (a right-side vertex through its mirror image),
// put in a zone of the body by its dominant canonical joint (trunk, hip and thigh, shank,
// upper arm, forearm, neck), and given the first rule of a table that matches its height,
// its distance from the midline and the direction its normal faces. Heights and widths are
// named surface-anatomy landmarks placed as fractions of the fitted skeleton's segments (see
// Landmarks), so the same table fits any body shape. The raw map is then cleaned (lone
// vertices take their neighbours' region, small islands their surroundings') and the left
// side is mirrored onto the right, so the map is exactly symmetric.
//
// Landmark heights follow standard surface anatomy (e.g. Drake, Vogl & Mitchell, Gray's
// Anatomy for Students, 4th ed., 2019, chapters on the back, the limbs and the abdomen):
// the iliac crest at L4, the twelfth rib at T12, the inferior angle of the scapula at T7, the
// spine of the scapula at T3, the gluteal fold below the ischial tuberosity, the piriformis on
// the line from the sacrum to the greater trochanter. Their fractions of the segments were
// measured on the MakeHuman base body.
#include <algorithm>
#include <array>
#include <cmath>
#include <map>
#include <optional>
#include <queue>

#include "anatomy/muscle_groups.h"
#include "body/vertex_search.h"
#include "surface.h"

namespace sv::makebody {
namespace {

using anatomy::Joint;
using anatomy::MuscleGroup;
using anatomy::Side;

glm::vec3 jointAt(const RestMesh& m, Joint j) {
  return glm::vec3(m.skeleton.restModel[static_cast<std::size_t>(anatomy::index(j))][3]);
}

// Neighbours of each vertex over the triangle list, sorted and unique.
std::vector<std::vector<std::uint32_t>> neighbours(const RestMesh& m) {
  std::vector<std::vector<std::uint32_t>> nb(m.positions.size());
  for (std::size_t i = 0; i + 2 < m.indices.size(); i += 3) {
    for (int k = 0; k < 3; ++k) {
      const std::uint32_t a = m.indices[i + static_cast<std::size_t>(k)];
      const std::uint32_t b = m.indices[i + static_cast<std::size_t>((k + 1) % 3)];
      nb[a].push_back(b);
      nb[b].push_back(a);
    }
  }
  for (auto& l : nb) {
    std::sort(l.begin(), l.end());
    l.erase(std::unique(l.begin(), l.end()), l.end());
  }
  return nb;
}

// A third of the area of the triangles around each vertex (m²).
std::vector<float> vertexAreas(const RestMesh& m) {
  std::vector<float> area(m.positions.size(), 0.0f);
  for (std::size_t i = 0; i + 2 < m.indices.size(); i += 3) {
    const std::uint32_t a = m.indices[i], b = m.indices[i + 1], c = m.indices[i + 2];
    const float t = 0.5f * glm::length(glm::cross(m.positions[b] - m.positions[a],
                                                  m.positions[c] - m.positions[a]));
    for (std::uint32_t v : {a, b, c}) area[v] += t / 3.0f;
  }
  return area;
}

// The vertices within a distance of a vertex along the mesh's edges (Dijkstra), reusing its
// buffers from call to call. Visits in order of distance (ties: vertex index), so sums over
// a disc are deterministic.
class SurfaceDisc {
 public:
  explicit SurfaceDisc(std::size_t n) : dist_(n, kFar) {}

  template <typename Visit>
  void visit(const RestMesh& m, const std::vector<std::vector<std::uint32_t>>& nb,
             std::uint32_t from, float radius, Visit&& f) {
    using Item = std::pair<float, std::uint32_t>;
    std::priority_queue<Item, std::vector<Item>, std::greater<Item>> queue;
    dist_[from] = 0.0f;
    touched_.push_back(from);
    queue.emplace(0.0f, from);
    while (!queue.empty()) {
      const auto [d, v] = queue.top();
      queue.pop();
      if (d > dist_[v]) continue;  // a stale entry
      f(v, d);
      for (std::uint32_t w : nb[v]) {
        const float dw = d + glm::distance(m.positions[v], m.positions[w]);
        if (dw >= radius || dw >= dist_[w]) continue;
        if (dist_[w] == kFar) touched_.push_back(w);
        dist_[w] = dw;
        queue.emplace(dw, w);
      }
    }
    for (std::uint32_t v : touched_) dist_[v] = kFar;
    touched_.clear();
  }

 private:
  static constexpr float kFar = 1e30f;
  std::vector<float> dist_;
  std::vector<std::uint32_t> touched_;
};

// --- landmarks -------------------------------------------------------------------------------

// Heights (y) and distances from the midline (x) on the left side, metres, in the anatomical
// position, each a fraction of a segment of the fitted skeleton: the thigh (hip → knee joint
// centre), the shank (knee → ankle), the trunk (hip joint → C7/T1), the upper arm (shoulder →
// elbow) and the forearm (elbow → wrist), or of the hip's or the shoulder's distance from the
// midline. See landmarks() for the fractions.
struct Landmarks {
  // Pelvis and leg.
  float iliacCrest;     // top of the pelvis (L4): above it is the trunk, below it the hip
  float asis;           // anterior superior iliac spine: the hip crease's lateral end
  float pubis;          // pubic tubercle: the hip crease's medial end
  float creaseTilt;     // the hip crease's slope, pubis → ASIS (dy/dx)
  float hipX;           // the hip joint's distance from the midline
  float glutealFold;    // the buttock's lower edge
  float hipFlexorLow;   // lower edge of the hip flexors on the front of the thigh
  float adductorLow;    // the adductors' lower end on the inner thigh
  float hamstringLow;   // the hamstrings' lower end, above the back of the knee
  float patellaTop;     // the kneecap's top: the quadriceps end above it
  float calfTop;        // the calf, from the knee crease …
  float calfLow;        // … to where the Achilles tendon starts
  float tibialisTop;    // tibialis anterior, from below the tibial tuberosity …
  float tibialisLow;    // … to above the ankle
  float peronealTop;    // the peroneals on the lateral shank, from the fibula's head …
  float peronealLow;    // … to above the lateral malleolus (their tendons behind it)
  float piriformisTop;  // the piriformis patch, from the lateral sacrum toward the trochanter
  float piriformisLow;
  float piriformisMedial;
  float piriformisLateral;
  // Trunk.
  float rib12;             // twelfth rib (T12): the top of the low back
  float scapulaInferior;   // the scapula's inferior angle (T7)
  float scapulaSpine;      // the scapula's spine (T3): the infraspinatus lies below it
  float pectoralLow;       // pectoralis major's lower edge (5th–6th rib, under the breast)
  float clavicle;          // the clavicle: the chest's top
  float abdominalTopSide;  // the obliques' upper edge on the flank
  float axilla;            // the armpit
  float spineGroove;       // the erector spinae columns' lateral edge
  float scapulaMedial;     // the scapula's medial border …
  float scapulaLateral;    // … and its lateral border
  float quadratusLateral;  // quadratus lumborum's lateral edge
  // Neck and arm.
  float skullBase;       // the head joint (atlanto-occipital): the top of the neck
  float neckBack;        // z: head-weighted skin behind this and below the skull is neck
  float acromionX;       // the acromion: the top of the shoulder ends here
  float deltoidLow;      // the deltoid tuberosity: the deltoid's tip on the lateral arm …
  float deltoidLowSide;  // … its front and back edges end higher
  float bicepsLow;       // above the elbow crease
  float tricepsLow;      // above the point of the elbow
  float forearmTop;      // the forearm's muscle bellies, from below the elbow …
  float forearmLow;      // … to above the wrist
};

// The fractions were measured on the MakeHuman base body against the landmarks above.
Landmarks landmarks(const RestMesh& m) {
  const glm::vec3 hip = jointAt(m, Joint::HipL), knee = jointAt(m, Joint::KneeL),
                  ankle = jointAt(m, Joint::AnkleL), c7 = jointAt(m, Joint::Cervical),
                  t12 = jointAt(m, Joint::Thoracic), head = jointAt(m, Joint::Head),
                  shoulder = jointAt(m, Joint::ShoulderL), elbow = jointAt(m, Joint::ElbowL),
                  wrist = jointAt(m, Joint::WristL);
  const float thigh = hip.y - knee.y, shank = knee.y - ankle.y, trunk = c7.y - hip.y,
              upperArm = shoulder.y - elbow.y, forearm = elbow.y - wrist.y;
  Landmarks L{};
  L.iliacCrest = hip.y + 0.20f * trunk;
  L.asis = hip.y + 0.14f * trunk;
  L.pubis = hip.y;  // the pubic tubercle is level with the hip joint centre
  L.hipX = hip.x;
  L.creaseTilt = (L.asis - L.pubis) / (1.1f * hip.x);
  L.glutealFold = hip.y - 0.22f * thigh;
  L.hipFlexorLow = hip.y - 0.16f * thigh;
  L.adductorLow = hip.y - 0.70f * thigh;
  L.hamstringLow = knee.y + 0.08f * thigh;
  L.patellaTop = knee.y + 0.14f * thigh;
  L.calfTop = knee.y - 0.02f * shank;
  L.calfLow = knee.y - 0.80f * shank;
  L.tibialisTop = knee.y - 0.12f * shank;
  L.tibialisLow = knee.y - 0.86f * shank;
  L.peronealTop = knee.y - 0.08f * shank;
  L.peronealLow = knee.y - 0.80f * shank;
  // The piriformis runs from the lateral sacrum (S2–S4) to the top of the greater
  // trochanter, which is level with the hip joint centre.
  L.piriformisTop = hip.y + 0.09f * trunk;
  L.piriformisLow = hip.y + 0.01f * trunk;
  L.piriformisMedial = 0.30f * hip.x;
  L.piriformisLateral = 0.95f * hip.x;

  L.rib12 = t12.y;
  L.scapulaInferior = t12.y + 0.24f * trunk;
  L.scapulaSpine = shoulder.y - 0.03f * trunk;
  L.pectoralLow = t12.y + 0.10f * trunk;
  L.clavicle = shoulder.y - 0.01f * trunk;
  L.abdominalTopSide = t12.y + 0.06f * trunk;
  L.axilla = shoulder.y - 0.40f * upperArm;
  L.spineGroove = 0.30f * shoulder.x;
  L.scapulaMedial = 0.30f * shoulder.x;
  L.scapulaLateral = 0.78f * shoulder.x;
  L.quadratusLateral = 0.68f * shoulder.x;

  L.skullBase = head.y;
  L.neckBack = head.z;  // the skull base's coronal plane: the jaw and ears lie in front
  L.acromionX = shoulder.x;
  L.deltoidLow = shoulder.y - 0.48f * upperArm;
  L.deltoidLowSide = shoulder.y - 0.30f * upperArm;
  L.bicepsLow = elbow.y + 0.10f * upperArm;
  L.tricepsLow = elbow.y + 0.12f * upperArm;
  L.forearmTop = elbow.y - 0.08f * forearm;
  L.forearmLow = wrist.y + 0.15f * forearm;
  return L;
}

// --- zones and rules -------------------------------------------------------------------------

// Parts of the body, from a vertex's dominant canonical joint (between the trunk and the hip,
// and between the head and the neck, by position).
enum class Zone : std::uint8_t { None, Neck, Trunk, Hip, Shank, UpperArm, Forearm };

Zone zoneOf(Joint leftJoint, glm::vec3 p, const Landmarks& L) {
  switch (leftJoint) {
    case Joint::Head:
      return p.y < L.skullBase && p.z < L.neckBack ? Zone::Neck : Zone::None;
    case Joint::Cervical:
      return Zone::Neck;
    case Joint::Pelvis:
    case Joint::Lumbar:
    case Joint::Thoracic:
    case Joint::ClavicleL:
      return p.y < L.iliacCrest ? Zone::Hip : Zone::Trunk;
    case Joint::HipL:
      return Zone::Hip;
    case Joint::KneeL:
      return Zone::Shank;
    case Joint::ShoulderL:
    case Joint::ElbowL:
      return Zone::UpperArm;
    case Joint::ForearmL:
      return Zone::Forearm;
    default:  // hands, wrists, feet
      return Zone::None;
  }
}

// Where a normal faces, seen from above on the left side: degrees, 0 front, 90 lateral (away
// from the midline), ±180 back, −90 medial.
float facingOf(glm::vec3 n) {
  return glm::degrees(std::atan2(n.x, n.z));
}

struct Span {
  float lo = -1e9f, hi = 1e9f;  // [lo, hi)
  bool contains(float v) const { return v >= lo && v < hi; }
};
constexpr Span kAny{};
constexpr Span above(float v) {
  return {v, 1e9f};
}
constexpr Span below(float v) {
  return {-1e9f, v};
}
constexpr Span between(float lo, float hi) {
  return {lo, hi};
}

// Facing angles from `from` counter-clockwise (through increasing angles) to `to`, degrees;
// may wrap past ±180, e.g. {120, −120} is the back; equal ends (mod 360) mean all around.
struct Arc {
  float from = -180.0f, to = 180.0f;
  bool contains(float a) const {
    const float span = std::fmod(to - from + 720.0f, 360.0f);
    const float d = std::fmod(a - from + 720.0f, 360.0f);
    return span == 0.0f || d <= span;
  }
};
constexpr Arc kAround{};
constexpr Arc kFront{-60.0f, 60.0f};
constexpr Arc kBack{120.0f, -120.0f};
constexpr Arc kBackWide{100.0f, -100.0f};  // the back and its posterolateral edges
constexpr Arc kNotMedial{-30.0f, -150.0f};
// Normal components for surfaces that face mostly up, whose facing angle is unsteady: the top
// of the shoulder faces up and not forward.
constexpr Span kFacesUp{0.5f, 2.0f};
constexpr Span kNotForward{-2.0f, 0.45f};
constexpr Span kFacesDown{-2.0f, -0.7f};

// A rule: vertices of `zone` with height in `y` (measured as y − tilt·x, so an edge can
// slope), distance from the midline in `x`, facing in `facing`, normal.y in `up` and
// normal.z in `forward` get `group` (nullopt: no region). A zone's first matching rule wins.
struct Rule {
  Zone zone;
  std::optional<MuscleGroup> group;
  Span y = kAny;
  Span x = kAny;
  Arc facing = kAround;
  Span up = kAny;
  Span forward = kAny;
  float tilt = 0.0f;
};

// The rule table, top to bottom per zone.
std::vector<Rule> rules(const Landmarks& L) {
  using G = MuscleGroup;
  using Z = Zone;
  const std::optional<G> none;
  return {
      // Neck: the back is the upper trapezius (with the neck extensors under it), as is the
      // slope down to the shoulder; the side is the levator scapulae; the throat and the
      // sternocleidomastoid in front are no region.
      {Z::Neck, G::UpperTrapezius, kAny, kAny, {135.0f, -135.0f}},
      {Z::Neck, G::UpperTrapezius, kAny, kAny, kAround, kFacesUp, kNotForward},
      {Z::Neck, G::LevatorScapulae, kAny, kAny, {60.0f, 135.0f}},
      {Z::Neck, none},

      // Trunk (above the iliac crest). The upper trapezius covers the upper back above the
      // spine of the scapula and the top of the shoulder; the front above the clavicle is no
      // region.
      {Z::Trunk, G::UpperTrapezius, above(L.scapulaSpine), kAny, kBackWide},
      {Z::Trunk, G::UpperTrapezius, above(L.clavicle), kAny, kAround, kFacesUp, kNotForward},
      {Z::Trunk, none, above(L.clavicle)},
      // Front: pectoralis major from the clavicle to under the breast and out to the armpit;
      // below it the abdominals, rectus in front and the obliques on the flank.
      {Z::Trunk, G::Pectorals, above(L.pectoralLow), kAny, {-90.0f, 75.0f}},
      {Z::Trunk, G::Abdominals, below(L.pectoralLow), kAny, kFront},
      {Z::Trunk, G::Abdominals, below(L.abdominalTopSide), kAny, {-90.0f, 110.0f}},
      // Back: rhomboids and middle trapezius between the spine and the scapula's medial
      // border, from its spine (T3) to its inferior angle; infraspinatus over the scapula;
      // erector spinae beside the spine up to the scapula's inferior angle; quadratus lumborum
      // lateral to it, between the twelfth rib and the iliac crest; latissimus on the side of
      // the back from the armpit to the waist.
      {Z::Trunk, G::Rhomboids, between(L.scapulaInferior, L.scapulaSpine), below(L.scapulaMedial),
       kBackWide},
      {Z::Trunk, G::RotatorCuff, between(L.scapulaInferior, L.scapulaSpine),
       between(L.scapulaMedial, L.scapulaLateral), kBackWide},
      {Z::Trunk, G::ErectorSpinae, below(L.scapulaInferior), below(L.spineGroove), kBackWide},
      {Z::Trunk, G::QuadratusLumborum, below(L.rib12), between(L.spineGroove, L.quadratusLateral),
       kBackWide},
      {Z::Trunk, G::LatissimusDorsi, below(L.axilla), kAny, {75.0f, -100.0f}},
      {Z::Trunk, none},

      // Hip and thigh (with the pelvis below the iliac crest). Buttock: the piriformis patch in
      // its upper centre, the gluteals around it and over the lateral hip (gluteus medius,
      // tensor fasciae latae) down to the trochanter; the sacrum beside the spine belongs to
      // the erector spinae.
      {Z::Hip, G::Piriformis, between(L.piriformisLow, L.piriformisTop),
       between(L.piriformisMedial, L.piriformisLateral), kBack},
      {Z::Hip, G::ErectorSpinae, above(L.piriformisTop), below(L.spineGroove), kBackWide},
      {Z::Hip, G::Gluteals, above(L.glutealFold), kAny, {110.0f, -110.0f}},
      {Z::Hip, G::Gluteals, above(L.pubis), kAny, {60.0f, 110.0f}},
      // Front: the lower abdomen above the hip crease, the hip flexors (iliopsoas, rectus
      // femoris, sartorius) just below it; the groin is no region.
      {Z::Hip, G::Abdominals, above(L.pubis - L.creaseTilt * 0.2f * L.hipX), kAny, kFront, kAny,
       kAny, L.creaseTilt},
      {Z::Hip, G::HipFlexors, above(L.hipFlexorLow), above(0.25f * L.hipX), {-45.0f, 70.0f}},
      {Z::Hip, none, above(L.pubis)},
      // The pubic mound and the crotch between the thighs.
      {Z::Hip, none, below(L.pubis), below(0.2f * L.hipX), kFront},
      {Z::Hip, none, kAny, kAny, kAround, kFacesDown},
      // Thigh: hamstrings behind, adductors inside, quadriceps in front and outside; the
      // kneecap is no region.
      {Z::Hip, G::Hamstrings, above(L.hamstringLow), kAny, {115.0f, -120.0f}},
      {Z::Hip, G::Adductors, above(L.adductorLow), kAny, {-120.0f, -40.0f}},
      {Z::Hip, none, below(L.patellaTop), kAny, {-50.0f, 50.0f}},
      {Z::Hip, G::Quadriceps, above(L.hamstringLow), kAny, {-120.0f, 115.0f}},
      {Z::Hip, none},

      // Shank: the calf behind, the peroneals down the lateral side over the fibula, tibialis
      // anterior on the front-lateral shin; the patellar tendon, the shin bone's medial face
      // and the Achilles tendon are no region.
      {Z::Shank, G::Peroneals, between(L.peronealLow, L.peronealTop), kAny, {60.0f, 125.0f}},
      {Z::Shank, G::Calves, between(L.calfLow, L.calfTop), kAny, {105.0f, -110.0f}},
      {Z::Shank,
       G::TibialisAnterior,
       between(L.tibialisLow, L.tibialisTop),
       kAny,
       {-10.0f, 100.0f}},
      {Z::Shank, none},

      // Upper arm: the top of the shoulder to the acromion is the upper trapezius; the deltoid
      // caps the shoulder, lowest on the lateral side; biceps in front, triceps behind; the
      // armpit and the elbow are no region.
      {Z::UpperArm, G::UpperTrapezius, above(L.clavicle), below(L.acromionX), kAround, kFacesUp,
       kNotForward},
      {Z::UpperArm, G::Deltoids, above(L.deltoidLow), kAny, {45.0f, 135.0f}},
      {Z::UpperArm, G::Deltoids, above(L.deltoidLowSide), kAny, kNotMedial},
      {Z::UpperArm, none, above(L.axilla)},
      {Z::UpperArm, G::Biceps, above(L.bicepsLow), kAny, {-90.0f, 90.0f}},
      {Z::UpperArm, G::Triceps, above(L.tricepsLow), kAny, {90.0f, -90.0f}},
      {Z::UpperArm, none},

      // Forearm (palm forward): the flexors on the palm side and the ulnar (medial) edge, the
      // extensors on the back and the radial (lateral) edge with brachioradialis.
      {Z::Forearm, G::ForearmFlexors, between(L.forearmLow, L.forearmTop), kAny, {-135.0f, 40.0f}},
      {Z::Forearm,
       G::ForearmExtensors,
       between(L.forearmLow, L.forearmTop),
       kAny,
       {40.0f, -135.0f}},
      {Z::Forearm, none},
  };
}

// The region of a vertex seen from the left side (0 = none).
std::uint16_t classifyLeft(const std::vector<Rule>& table, Zone zone, glm::vec3 p, glm::vec3 n) {
  if (zone == Zone::None) return 0;
  const float facing = facingOf(n);
  for (const Rule& r : table) {
    if (r.zone != zone) continue;
    if (!r.y.contains(p.y - r.tilt * p.x) || !r.x.contains(p.x) || !r.facing.contains(facing) ||
        !r.up.contains(n.y) || !r.forward.contains(n.z))
      continue;
    return r.group ? anatomy::regionId(*r.group, Side::Left) : 0;
  }
  return 0;
}

// --- cleaning --------------------------------------------------------------------------------

// The region with the most votes (ties: the lowest id); 0 votes count like any region.
std::uint16_t mostCommon(const std::map<std::uint16_t, int>& votes) {
  std::uint16_t best = 0;
  int most = -1;
  for (const auto& [r, c] : votes) {
    if (c > most) {
      most = c;
      best = r;
    }
  }
  return best;
}

// Lone vertices: a vertex that at most one neighbour shares its region with takes its
// neighbours' most common region. Rounds read the previous round only (deterministic).
void removeSpeckles(const std::vector<std::vector<std::uint32_t>>& nb,
                    std::vector<std::uint16_t>& region, int rounds) {
  for (int round = 0; round < rounds; ++round) {
    std::vector<std::uint16_t> next = region;
    for (std::size_t v = 0; v < region.size(); ++v) {
      std::map<std::uint16_t, int> votes;
      for (std::uint32_t w : nb[v]) ++votes[region[w]];
      const auto own = votes.find(region[v]);
      if (own != votes.end() && own->second > 1) continue;
      if (nb[v].size() < 3) continue;
      next[v] = mostCommon(votes);
    }
    region = std::move(next);
  }
}

// Islands: connected pieces of one region smaller than `minSize` vertices take the most
// common region around them, except each region's largest piece (so no region vanishes).
void removeIslands(const std::vector<std::vector<std::uint32_t>>& nb,
                   std::vector<std::uint16_t>& region, std::size_t minSize) {
  const std::size_t n = region.size();
  std::vector<int> piece(n, -1);
  std::vector<std::vector<std::uint32_t>> pieces;
  for (std::size_t s = 0; s < n; ++s) {
    if (piece[s] >= 0) continue;
    const int id = static_cast<int>(pieces.size());
    std::vector<std::uint32_t> members{static_cast<std::uint32_t>(s)};
    piece[s] = id;
    for (std::size_t k = 0; k < members.size(); ++k) {
      for (std::uint32_t w : nb[members[k]]) {
        if (piece[w] < 0 && region[w] == region[s]) {
          piece[w] = id;
          members.push_back(w);
        }
      }
    }
    pieces.push_back(std::move(members));
  }
  std::map<std::uint16_t, std::size_t> largest;
  for (const auto& p : pieces) {
    std::size_t& l = largest[region[p[0]]];
    l = std::max(l, p.size());
  }
  std::vector<std::uint16_t> next = region;
  std::map<std::uint16_t, bool> keptLargest;
  for (const auto& p : pieces) {
    const std::uint16_t r = region[p[0]];
    if (p.size() >= minSize) continue;
    if (p.size() == largest[r] && !keptLargest[r]) {
      keptLargest[r] = true;
      continue;
    }
    std::map<std::uint16_t, int> votes;
    for (std::uint32_t v : p) {
      for (std::uint32_t w : nb[v]) {
        if (region[w] != r) ++votes[region[w]];
      }
    }
    if (votes.empty()) continue;
    const std::uint16_t to = mostCommon(votes);
    for (std::uint32_t v : p) next[v] = to;
  }
  region = std::move(next);
}

// The region on the other side of the body.
std::uint16_t mirrorRegion(std::uint16_t id) {
  const auto r = anatomy::regionOf(id);
  if (!r) return 0;
  return anatomy::regionId(r->group, r->side == Side::Left ? Side::Right : Side::Left);
}

// A right-side vertex copies the region of its mirror image when that lies on the left
// (midline vertices are their own image and keep theirs).
bool copiesMirror(const RestMesh& m, const std::vector<int>& mirror, std::size_t v) {
  const auto w = static_cast<std::size_t>(mirror[v]);
  return w != v && m.positions[v].x <= 0.0f && m.positions[w].x > 0.0f;
}

}  // namespace

std::vector<std::uint16_t> classifyRegions(const RestMesh& m) {
  const std::size_t n = m.positions.size();
  const Landmarks L = landmarks(m);
  const std::vector<Rule> table = rules(L);
  const std::vector<int> mirror = body::mirrorVertices(m.positions);
  // Classify every vertex as seen from the left (the right side reflected), so the raw map
  // is symmetric up to the mesh's own asymmetry.
  std::vector<std::uint16_t> region(n, 0);
  for (std::size_t v = 0; v < n; ++v) {
    if (m.eye[v]) continue;
    const Joint j = static_cast<Joint>(m.joint[v]);
    const bool right = anatomy::sideOf(j) == Side::Right ||
                       (anatomy::sideOf(j) == Side::Center && m.positions[v].x < 0.0f);
    const glm::vec3 flip(right ? -1.0f : 1.0f, 1.0f, 1.0f);
    const glm::vec3 p = m.positions[v] * flip, nrm = m.normals[v] * flip;
    const std::uint16_t left = classifyLeft(table, zoneOf(anatomy::leftOf(j), p, L), p, nrm);
    region[v] = right ? mirrorRegion(left) : left;
  }
  const auto nb = neighbours(m);
  removeSpeckles(nb, region, 2);
  removeIslands(nb, region, 6);
  // Exact symmetry: the right side copies the left side's result.
  for (std::size_t v = 0; v < n; ++v) {
    if (copiesMirror(m, mirror, v))
      region[v] = mirrorRegion(region[static_cast<std::size_t>(mirror[v])]);
  }
  return region;
}

void smoothRegions(const RestMesh& m, const std::vector<std::uint16_t>& hard, float falloff,
                   std::vector<std::array<std::uint8_t, 4>>& ids,
                   std::vector<std::array<std::uint8_t, 4>>& weights) {
  const std::size_t n = m.positions.size();
  const auto nb = neighbours(m);
  const std::vector<float> area = vertexAreas(m);
  ids.assign(n, {0, 0, 0, 0});
  weights.assign(n, {0, 0, 0, 0});
  SurfaceDisc disc(n);
  std::vector<std::pair<float, std::uint16_t>> share;
  for (std::size_t v = 0; v < n; ++v) {
    // Each region's share of the surface within `falloff` (along the mesh), weighted by a
    // smooth kernel of the distance: 1 − (d/falloff)², squared (1 at the vertex, 0 at the
    // rim, zero slope there), times each vertex's area so dense parts do not count more.
    std::map<std::uint16_t, float> sum;
    float total = 0.0f;
    disc.visit(m, nb, static_cast<std::uint32_t>(v), falloff, [&](std::uint32_t u, float d) {
      const float q = 1.0f - (d / falloff) * (d / falloff);
      const float w = q * q * area[u];
      sum[hard[u]] += w;
      total += w;
    });
    share.clear();
    for (const auto& [r, w] : sum) {
      if (r != 0) share.emplace_back(w / std::max(total, 1e-20f), r);
    }
    std::sort(share.begin(), share.end(), [](const auto& a, const auto& b) {
      return a.first != b.first ? a.first > b.first : a.second < b.second;
    });
    if (share.size() > 4) share.resize(4);
    int used = 0;
    for (std::size_t k = 0; k < share.size(); ++k) {
      const int q = std::min(static_cast<int>(std::lround(share[k].first * 255.0f)), 255 - used);
      ids[v][k] = static_cast<std::uint8_t>(share[k].second);
      weights[v][k] = static_cast<std::uint8_t>(std::max(q, 0));
      used += std::max(q, 0);
    }
  }
}

}  // namespace sv::makebody

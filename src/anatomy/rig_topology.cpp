#include "anatomy/rig_topology.h"

#include <algorithm>
#include <cmath>

namespace sv::anatomy {
namespace {

struct Tree {
  std::size_t n = 0;
  std::vector<char> in;                    // part of the skeleton
  std::vector<std::vector<int>> children;  // skeleton children
  std::vector<int> height;                 // longest chain below, in bones (leaf 0)
};

Tree buildTree(const RigBones& bones) {
  Tree t;
  t.n = bones.names.size();
  const bool anyDeform =
      bones.deforms.size() == t.n && std::any_of(bones.deforms.begin(), bones.deforms.end(),
                                                 [](std::uint8_t d) { return d != 0; });
  t.in.assign(t.n, anyDeform ? 0 : 1);
  if (anyDeform) {
    // Deforming bones and their ancestors; end sites and controls that deform nothing drop out.
    for (std::size_t b = 0; b < t.n; ++b) {
      if (bones.deforms[b] == 0) continue;
      for (int x = static_cast<int>(b); x >= 0 && !t.in[static_cast<std::size_t>(x)];
           x = bones.parents[static_cast<std::size_t>(x)]) {
        t.in[static_cast<std::size_t>(x)] = 1;
      }
    }
  }
  t.children.resize(t.n);
  t.height.assign(t.n, 0);
  for (std::size_t b = 0; b < t.n; ++b) {
    const int p = bones.parents[b];
    if (t.in[b] && p >= 0) t.children[static_cast<std::size_t>(p)].push_back(static_cast<int>(b));
  }
  for (std::size_t b = t.n; b-- > 0;) {  // children come after parents
    for (int c : t.children[b]) {
      t.height[b] = std::max(t.height[b], t.height[static_cast<std::size_t>(c)] + 1);
    }
  }
  return t;
}

// The chain from `start` following the child with the longest chain below (the first such).
// Stops at `stop(node)` (inclusive) when given.
template <class Stop>
std::vector<int> chainFrom(const Tree& t, int start, Stop stop) {
  std::vector<int> out{start};
  int cur = start;
  while (!stop(cur) && !t.children[static_cast<std::size_t>(cur)].empty()) {
    int next = -1;
    for (int c : t.children[static_cast<std::size_t>(cur)]) {
      if (next < 0 ||
          t.height[static_cast<std::size_t>(c)] > t.height[static_cast<std::size_t>(next)]) {
        next = c;
      }
    }
    out.push_back(next);
    cur = next;
  }
  return out;
}
std::vector<int> chainFrom(const Tree& t, int start) {
  return chainFrom(t, start, [](int) { return false; });
}

struct Chest {
  int node = -1;
  std::array<int, 2> arms{-1, -1};
  int head = -1;
};

// The shallowest node below `spine` with two arm branches (at least three bones) and a third
// branch, the one reaching highest along `up` being the head.
Chest findChest(const RigBones& bones, const Tree& t, int spine, int pelvis) {
  std::vector<int> queue{spine};
  for (std::size_t qi = 0; qi < queue.size(); ++qi) {
    const int c = queue[qi];
    const auto& kids = t.children[static_cast<std::size_t>(c)];
    for (int k : kids) queue.push_back(k);
    if (kids.size() < 3) continue;
    int longArms = 0;
    for (int k : kids) longArms += t.height[static_cast<std::size_t>(k)] >= 2 ? 1 : 0;
    if (longArms < 2) continue;
    const glm::vec3 p0 = bones.positions[static_cast<std::size_t>(pelvis)];
    const glm::vec3 up = bones.positions[static_cast<std::size_t>(c)] - p0;
    auto end = [&](int k) {
      return bones.positions[static_cast<std::size_t>(chainFrom(t, k).back())];
    };
    Chest ch;
    ch.node = c;
    float top = -1e30f;
    for (int k : kids) {
      const float h = glm::dot(end(k) - p0, up);
      if (h > top) {
        top = h;
        ch.head = k;
      }
    }
    // Arms: the two long branches (other than the head) whose ends lie farthest apart.
    float spread = -1.0f;
    for (std::size_t i = 0; i < kids.size(); ++i) {
      for (std::size_t j = i + 1; j < kids.size(); ++j) {
        const int a = kids[i], b = kids[j];
        if (a == ch.head || b == ch.head) continue;
        if (t.height[static_cast<std::size_t>(a)] < 2 || t.height[static_cast<std::size_t>(b)] < 2)
          continue;
        const float d = glm::distance(end(a), end(b));
        if (d > spread) {
          spread = d;
          ch.arms = {a, b};
        }
      }
    }
    if (ch.arms[0] >= 0) return ch;
  }
  return {};
}

struct Leg {
  int hip = -1, knee = -1, ankle = -1, toes = -1;
};

Result<Leg> selectLeg(const RigBones& bones, const std::vector<int>& chain, const glm::vec3& up,
                      const glm::vec3& pelvis) {
  auto P = [&](std::size_t i) { return bones.positions[static_cast<std::size_t>(chain[i])]; };
  auto h = [&](std::size_t i) { return glm::dot(P(i) - pelvis, up); };
  // The ankle ends the last descending bone: trailing bones that run more sideways than down,
  // or that end on the floor (within 3.5% of the leg's drop above its lowest point; the
  // default skeleton's ankle is 5% above its toes), are the foot.
  float lowest = 1e30f;
  for (std::size_t i = 0; i < chain.size(); ++i) lowest = std::min(lowest, h(i));
  const float legDrop = h(0) - lowest;
  std::size_t ankle = chain.size() - 1;
  while (ankle >= 1) {
    const glm::vec3 seg = P(ankle) - P(ankle - 1);
    const float len = glm::length(seg);
    const bool sideways = len > 0.0f && std::fabs(glm::dot(seg, up)) < 0.5f * len;
    const bool onFloor =
        h(ankle) - lowest < 0.035f * legDrop && h(ankle - 1) - lowest >= 0.035f * legDrop;
    if (sideways || onFloor) {
      --ankle;
    } else {
      break;
    }
  }
  if (ankle < 2)
    return Error{"a leg chain of " + std::to_string(chain.size()) + " bones has no knee"};
  const float drop = h(0) - h(ankle);
  if (!(drop > 0.0f)) return Error{"a leg does not descend from the pelvis"};
  // The hip starts the first long bone that points down.
  std::size_t hip = 0;
  for (std::size_t k = 0; k + 2 <= ankle; ++k) {
    const glm::vec3 seg = P(k + 1) - P(k);
    const float len = glm::length(seg);
    if (len > 0.1f * drop && glm::dot(seg, -up) > 0.7f * len) {
      hip = k;
      break;
    }
  }
  std::size_t knee = hip + 1;
  const float mid = 0.5f * (h(hip) + h(ankle));
  for (std::size_t k = hip + 1; k < ankle; ++k) {
    if (std::fabs(h(k) - mid) < std::fabs(h(knee) - mid)) knee = k;
  }
  if (knee >= ankle) return Error{"a leg chain has no knee between its hip and ankle"};
  Leg leg;
  leg.hip = chain[hip];
  leg.knee = chain[knee];
  leg.ankle = chain[ankle];
  if (ankle + 1 < chain.size()) leg.toes = chain[ankle + 1];
  return leg;
}

struct Arm {
  int clavicle = -1, shoulder = -1, elbow = -1, wrist = -1, hand = -1;
};

Result<Arm> selectArm(const RigBones& bones, const Tree& t, int root) {
  // Down the arm to the hand: a node with three or more children (fingers), or two that
  // continue as chains (a forearm's twist bone is a leaf beside the hand), or the end.
  auto hasFingers = [&](int node) {
    const auto& kids = t.children[static_cast<std::size_t>(node)];
    int chains = 0;
    for (int c : kids) chains += t.height[static_cast<std::size_t>(c)] >= 1 ? 1 : 0;
    return kids.size() >= 3 || chains >= 2;
  };
  const std::vector<int> a = chainFrom(t, root, hasFingers);
  auto P = [&](std::size_t i) { return bones.positions[static_cast<std::size_t>(a[i])]; };
  std::size_t wrist = a.size() - 1;
  Arm arm;
  // A short last bone after a long one, without fingers: the hand's end, not the wrist.
  if (!hasFingers(a[wrist]) && wrist >= 3 &&
      glm::distance(P(wrist), P(wrist - 1)) < 0.5f * glm::distance(P(wrist - 1), P(wrist - 2))) {
    arm.hand = a[wrist];
    --wrist;
  }
  // Shoulder-girdle bones first: short, or off the line of the rest of the arm.
  std::size_t s = 0;
  while (wrist - s >= 3) {
    const glm::vec3 first = P(s + 1) - P(s), rest = P(wrist) - P(s + 1);
    const float lf = glm::length(first), lr = glm::length(rest);
    if (lr <= 0.0f) break;
    const bool offLine =
        lf > 0.0f && glm::dot(first, rest) < std::cos(glm::radians(25.0f)) * lf * lr;
    if (!(offLine || lf < 0.35f * lr)) break;
    if (arm.clavicle < 0) arm.clavicle = a[s];
    ++s;
  }
  if (wrist < s + 2) {
    return Error{"an arm chain of " + std::to_string(a.size()) + " bones has no elbow"};
  }
  // The elbow splits shoulder-wrist as the upper arm and forearm do (0.186 : 0.146).
  std::size_t elbow = s + 1;
  float bestErr = 1e9f;
  for (std::size_t k = s + 1; k < wrist; ++k) {
    const float d1 = glm::distance(P(k), P(s)), d2 = glm::distance(P(wrist), P(k));
    if (d1 + d2 <= 0.0f) continue;
    const float err = std::fabs(d1 / (d1 + d2) - 0.56f);
    if (err < bestErr) {
      bestErr = err;
      elbow = k;
    }
  }
  arm.shoulder = a[s];
  arm.elbow = a[elbow];
  arm.wrist = a[wrist];
  return arm;
}

}  // namespace

std::string rigBoneLabel(const RigBones& bones, int b) {
  const std::string& n = bones.names[static_cast<std::size_t>(b)];
  return n.empty() ? "node" + std::to_string(b) : "'" + n + "'";
}

int pickThoracic(const RigBones& bones, std::span<const int> candidates, int pelvis, int top,
                 bool topIsNeck) {
  if (candidates.empty()) return -1;
  if (bones.positions.empty() || pelvis < 0 || top < 0) return candidates.front();
  const float target = topIsNeck ? 0.52f : 0.405f;
  const glm::vec3 a = bones.positions[static_cast<std::size_t>(pelvis)];
  const glm::vec3 axis = bones.positions[static_cast<std::size_t>(top)] - a;
  const float len2 = glm::dot(axis, axis);
  int best = candidates.front();
  float bestErr = 1e30f;
  for (int c : candidates) {
    if (!(len2 > 0.0f)) break;
    const float f = glm::dot(bones.positions[static_cast<std::size_t>(c)] - a, axis) / len2;
    if (std::fabs(f - target) < bestErr) {
      bestErr = std::fabs(f - target);
      best = c;
    }
  }
  return best;
}

Result<TopologyMapping> inferRigTopology(const RigBones& bones) {
  const std::size_t n = bones.names.size();
  if (bones.parents.size() != n || bones.positions.size() != n) {
    return Error{"topology: needs the hierarchy and the rest positions"};
  }
  const Tree t = buildTree(bones);
  // The pelvis: three or more branches, one of them (the spine) carrying a chest, two others
  // long enough for legs. The candidate with the largest skeleton below it wins.
  int pelvis = -1, spine = -1;
  Chest chest;
  std::array<int, 2> legs{-1, -1};
  std::vector<int> size(n, 1);
  for (std::size_t b = n; b-- > 0;) {
    const int p = bones.parents[b];
    if (t.in[b] && p >= 0) size[static_cast<std::size_t>(p)] += size[b];
  }
  for (std::size_t b = 0; b < n; ++b) {
    const auto& kids = t.children[b];
    if (!t.in[b] || kids.size() < 3) continue;
    if (pelvis >= 0 && size[b] <= size[static_cast<std::size_t>(pelvis)]) continue;
    const glm::vec3 pb = bones.positions[b];
    for (int s : kids) {
      const Chest ch = findChest(bones, t, s, static_cast<int>(b));
      if (ch.node < 0) continue;
      const glm::vec3 up = bones.positions[static_cast<std::size_t>(ch.node)] - pb;
      // Legs: the two other long branches reaching lowest along up.
      std::vector<std::pair<float, int>> low;
      for (int k : kids) {
        if (k == s || t.height[static_cast<std::size_t>(k)] < 2) continue;
        const glm::vec3 e = bones.positions[static_cast<std::size_t>(chainFrom(t, k).back())];
        low.push_back({glm::dot(e - pb, up), k});
      }
      if (low.size() < 2) continue;
      std::sort(low.begin(), low.end());
      if (!(low[1].first < 0.0f)) continue;  // both legs must end below the pelvis
      pelvis = static_cast<int>(b);
      spine = s;
      chest = ch;
      legs = {low[0].second, low[1].second};
      break;
    }
  }
  if (pelvis < 0) {
    return Error{
        "topology: no bone with two legs (3+ bones each) and a spine carrying two arms and a "
        "head"};
  }
  TopologyMapping out;
  out.boneOfJoint.fill(-1);
  auto set = [&](Joint j, int b) { out.boneOfJoint[static_cast<std::size_t>(index(j))] = b; };
  const glm::vec3 P0 = bones.positions[static_cast<std::size_t>(pelvis)];

  // Head branch: down to the first node that does not continue as a single chain.
  const std::vector<int> headChain = chainFrom(
      t, chest.head, [&](int b) { return t.children[static_cast<std::size_t>(b)].size() != 1; });
  const int head = headChain.back();
  glm::vec3 up = bones.positions[static_cast<std::size_t>(head)] - P0;
  if (glm::length(up) <= 0.0f) return Error{"topology: the head sits on the pelvis"};
  up = glm::normalize(up);

  std::array<Leg, 2> leg;
  for (int i = 0; i < 2; ++i) {
    auto l = selectLeg(bones, chainFrom(t, legs[static_cast<std::size_t>(i)]), up, P0);
    if (!l) return Error{"topology: " + l.error().message};
    leg[static_cast<std::size_t>(i)] = *l;
  }
  std::array<Arm, 2> arm;
  for (int i = 0; i < 2; ++i) {
    auto a = selectArm(bones, t, chest.arms[static_cast<std::size_t>(i)]);
    if (!a) return Error{"topology: " + a.error().message};
    arm[static_cast<std::size_t>(i)] = *a;
  }

  // Front: where the feet reach from the shins on the mesh; else where the toe bones point
  // from the ankles; else the assumed front.
  auto horizontal = [&](glm::vec3 v) { return v - glm::dot(v, up) * up; };
  glm::vec3 front(0.0f);
  std::string frontFrom = "from the mesh's feet";
  if (!bones.surface.empty()) {
    float lo = 1e30f, hi = -1e30f;
    for (const glm::vec3& v : bones.surface) {
      lo = std::min(lo, glm::dot(v, up));
      hi = std::max(hi, glm::dot(v, up));
    }
    // Feet: the lowest 4% of the height; shins: 8-20%. Standing feet reach ahead of the shins.
    glm::vec3 feet(0.0f), shins(0.0f);
    int nf = 0, ns = 0;
    for (const glm::vec3& v : bones.surface) {
      const float f = (glm::dot(v, up) - lo) / std::max(hi - lo, 1e-12f);
      if (f < 0.04f) {
        feet += v;
        ++nf;
      } else if (f > 0.08f && f < 0.20f) {
        shins += v;
        ++ns;
      }
    }
    if (nf > 0 && ns > 0) {
      const glm::vec3 d =
          horizontal(feet / static_cast<float>(nf) - shins / static_cast<float>(ns));
      if (glm::length(d) > 0.005f * (hi - lo)) front = d;
    }
  }
  if (glm::length(front) <= 0.0f) {
    frontFrom = "from the toes";
    for (const Leg& l : leg) {
      if (l.toes < 0) continue;
      front += horizontal(bones.positions[static_cast<std::size_t>(l.toes)] -
                          bones.positions[static_cast<std::size_t>(l.ankle)]);
    }
  }
  if (glm::length(front) <= 1e-6f) {
    frontFrom = "assumed (no feet on the mesh, no toe bones)";
    front = horizontal(bones.assumedFront);
  }
  if (glm::length(front) <= 1e-6f) {
    return Error{"topology: cannot tell the front (no toes, and the assumed front is vertical)"};
  }
  const glm::vec3 left = glm::normalize(glm::cross(up, glm::normalize(front)));
  auto lateral = [&](int b) {
    return glm::dot(bones.positions[static_cast<std::size_t>(b)] - P0, left);
  };
  if (lateral(leg[0].hip) < lateral(leg[1].hip)) std::swap(leg[0], leg[1]);
  if (lateral(arm[0].shoulder) < lateral(arm[1].shoulder)) std::swap(arm[0], arm[1]);

  set(Joint::Pelvis, pelvis);
  set(Joint::Head, head);
  if (headChain.front() != head) set(Joint::Cervical, headChain.front());
  for (int i = 0; i < 2; ++i) {
    const Side s = i == 0 ? Side::Left : Side::Right;
    const Leg& l = leg[static_cast<std::size_t>(i)];
    set(onSide(Joint::HipL, s), l.hip);
    set(onSide(Joint::KneeL, s), l.knee);
    set(onSide(Joint::AnkleL, s), l.ankle);
    if (l.toes >= 0) set(onSide(Joint::ToesL, s), l.toes);
    const Arm& a = arm[static_cast<std::size_t>(i)];
    if (a.clavicle >= 0) set(onSide(Joint::ClavicleL, s), a.clavicle);
    set(onSide(Joint::ShoulderL, s), a.shoulder);
    set(onSide(Joint::ElbowL, s), a.elbow);
    set(onSide(Joint::WristL, s), a.wrist);
    if (a.hand >= 0) set(onSide(Joint::HandL, s), a.hand);
  }
  // Spine: the bones from the pelvis up to the chest.
  std::vector<int> path;
  for (int b = chest.node; b >= 0 && b != pelvis; b = bones.parents[static_cast<std::size_t>(b)]) {
    path.push_back(b);
  }
  std::reverse(path.begin(), path.end());
  set(Joint::Lumbar, path.front());
  if (path.size() >= 2) {
    const bool neck = headChain.front() != head;
    set(Joint::Thoracic, pickThoracic(bones, std::span<const int>(path).subspan(1), pelvis,
                                      neck ? headChain.front() : head, neck));
  }

  out.notes.push_back("topology: pelvis " + rigBoneLabel(bones, pelvis) + " (legs " +
                      rigBoneLabel(bones, leg[0].hip) + " and " + rigBoneLabel(bones, leg[1].hip) +
                      ", spine " + rigBoneLabel(bones, spine) + " to the chest " +
                      rigBoneLabel(bones, chest.node) + ", head " + rigBoneLabel(bones, head) +
                      ")");
  out.notes.push_back("topology: up from the pelvis to the head; front " + frontFrom +
                      "; left = up x front");
  for (int i = 0; i < 2; ++i) {
    const char* side = i == 0 ? "left" : "right";
    const Arm& a = arm[static_cast<std::size_t>(i)];
    const Leg& l = leg[static_cast<std::size_t>(i)];
    out.notes.push_back(std::string("topology: ") + side + " arm " +
                        rigBoneLabel(bones, a.shoulder) + " > " + rigBoneLabel(bones, a.elbow) +
                        " > " + rigBoneLabel(bones, a.wrist) + ", " + side + " leg " +
                        rigBoneLabel(bones, l.hip) + " > " + rigBoneLabel(bones, l.knee) + " > " +
                        rigBoneLabel(bones, l.ankle));
  }
  return out;
}

}  // namespace sv::anatomy

#include "anatomy/rig_mapping.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <optional>
#include <string_view>

#include "anatomy/rig_names.h"
#include "anatomy/rig_topology.h"

namespace sv::anatomy {
namespace {

// Naming conventions, for the report only (recognition never depends on them).
enum class Family : std::uint8_t {
  Generic,
  Own,
  Mixamo,
  Rigify,
  MakeHuman,
  Maya,
  Biped,
  Unreal,
  Anatomical,
  Humanoid,  // Unity / VRM humanoid bone names used as node names
  kCount
};
constexpr std::array<std::string_view, static_cast<std::size_t>(Family::kCount)> kFamilyNames = {
    "generic", "stretchviz",    "Mixamo", "Blender/Rigify", "MakeHuman",
    "Maya",    "3ds Max Biped", "Unreal", "anatomical",     "Unity/VRM humanoid"};

enum class Kind : std::uint8_t {
  Joint,     // a left-side or midline canonical joint
  Spine,     // a spine bone, assigned by its order (lumbar, thoracic, upper chest)
  Shoulder,  // "shoulder": the clavicle above an upper-arm bone, else the glenohumeral joint
  Finger,    // a finger's proximal bone (palm orientation; the middle one is also the hand)
};
// Aliases valid only with (Biped) or without (MakeHuman) a "Bip01" prefix: the two number
// their fingers differently ("Finger21" vs "finger2-1").
enum class Gate : std::uint8_t { Any, BipedOnly, NotBiped };

struct Alias {
  std::string_view key;  // lower-case tokens joined, side removed
  Kind kind;
  Joint joint;
  Finger finger;
  int score;  // 1..10; ties between bones are broken by depth (the proximal bone wins)
  Family family;
  Gate gate;
};

constexpr Alias J(std::string_view k, Joint j, int s, Family f = Family::Generic) {
  return {k, Kind::Joint, j, Finger::Thumb, s, f, Gate::Any};
}
constexpr Alias S(std::string_view k, int s, Family f = Family::Generic) {
  return {k, Kind::Spine, Joint::Lumbar, Finger::Thumb, s, f, Gate::Any};
}
constexpr Alias F(std::string_view k, Finger fi, int s, Family f = Family::Generic,
                  Gate g = Gate::Any) {
  return {k, Kind::Finger, Joint::HandL, fi, s, f, g};
}

// One table for every convention (docs/foreign-rigs.md lists them). Keys are the tokens of a
// name joined in lower case without the side ("LeftUpLeg" -> "upleg", "upper_arm.L" ->
// "upperarm", "Bip01 L Thigh" -> "thigh"); digits are tried with and without.
constexpr Alias kAliases[] = {
    // midline
    J("pelvis", Joint::Pelvis, 10),
    J("hips", Joint::Pelvis, 10),
    J("hip", Joint::Pelvis, 8),
    J("sacrum", Joint::Pelvis, 6, Family::Anatomical),
    J("root", Joint::Pelvis, 3),
    J("lumbar", Joint::Lumbar, 10, Family::Own),
    J("thoracic", Joint::Thoracic, 10, Family::Own),
    J("chest", Joint::Thoracic, 9),
    J("cervical", Joint::Cervical, 10, Family::Own),
    J("neck", Joint::Cervical, 10),
    J("head", Joint::Head, 10),
    J("skull", Joint::Head, 8, Family::Anatomical),
    J("cranium", Joint::Head, 6, Family::Anatomical),
    S("spine", 8),
    S("upperchest", 8, Family::Humanoid),
    S("chestlower", 6),
    S("chestupper", 6),
    S("abdomen", 6),
    S("abdomenlower", 6),
    S("abdomenupper", 6),
    S("thorax", 6, Family::Anatomical),
    S("torso", 5),
    S("waist", 5),
    S("back", 4),
    // shoulder girdle and arm
    J("clavicle", Joint::ClavicleL, 10),
    J("collar", Joint::ClavicleL, 9),
    J("collarbone", Joint::ClavicleL, 9),
    J("scapula", Joint::ClavicleL, 6, Family::Anatomical),
    {"shoulder", Kind::Shoulder, Joint::ShoulderL, Finger::Thumb, 8, Family::Generic, Gate::Any},
    J("upperarm", Joint::ShoulderL, 10),
    J("uparm", Joint::ShoulderL, 9),
    J("arm", Joint::ShoulderL, 7, Family::Mixamo),
    J("humerus", Joint::ShoulderL, 10, Family::Anatomical),
    J("forearm", Joint::ElbowL, 10),
    J("lowerarm", Joint::ElbowL, 10),
    J("loarm", Joint::ElbowL, 9),
    J("elbow", Joint::ElbowL, 10),
    J("ulna", Joint::ElbowL, 9, Family::Anatomical),
    J("radius", Joint::ElbowL, 7, Family::Anatomical),
    J("forearmtwist", Joint::ForearmL, 10),
    J("lowerarmtwist", Joint::ForearmL, 10, Family::Unreal),
    J("forearmroll", Joint::ForearmL, 8),
    J("radioulnar", Joint::ForearmL, 8, Family::Anatomical),
    J("hand", Joint::WristL, 10),
    J("wrist", Joint::WristL, 10),
    J("carpus", Joint::WristL, 6, Family::Anatomical),
    J("carpal", Joint::WristL, 6, Family::Anatomical),
    // fingers (proximal bones)
    F("thumb", Finger::Thumb, 8),
    F("handthumb", Finger::Thumb, 9, Family::Mixamo),
    F("thumbproximal", Finger::Thumb, 9, Family::Humanoid),
    F("thumbmetacarpal", Finger::Thumb, 9, Family::Humanoid),
    F("index", Finger::Index, 8),
    F("findex", Finger::Index, 8, Family::Rigify),
    F("handindex", Finger::Index, 9, Family::Mixamo),
    F("indexproximal", Finger::Index, 9, Family::Humanoid),
    F("indexfinger", Finger::Index, 8),
    F("middle", Finger::Middle, 8),
    F("fmiddle", Finger::Middle, 8, Family::Rigify),
    F("handmiddle", Finger::Middle, 9, Family::Mixamo),
    F("middleproximal", Finger::Middle, 9, Family::Humanoid),
    F("middlefinger", Finger::Middle, 8),
    F("ring", Finger::Ring, 8),
    F("fring", Finger::Ring, 8, Family::Rigify),
    F("handring", Finger::Ring, 9, Family::Mixamo),
    F("ringproximal", Finger::Ring, 9, Family::Humanoid),
    F("ringfinger", Finger::Ring, 8),
    F("pinky", Finger::Little, 8),
    F("fpinky", Finger::Little, 8, Family::Rigify),
    F("handpinky", Finger::Little, 9, Family::Mixamo),
    F("little", Finger::Little, 8),
    F("littleproximal", Finger::Little, 9, Family::Humanoid),
    F("littlefinger", Finger::Little, 8),
    F("finger11", Finger::Thumb, 7, Family::MakeHuman, Gate::NotBiped),
    F("finger21", Finger::Index, 7, Family::MakeHuman, Gate::NotBiped),
    F("finger31", Finger::Middle, 7, Family::MakeHuman, Gate::NotBiped),
    F("finger41", Finger::Ring, 7, Family::MakeHuman, Gate::NotBiped),
    F("finger51", Finger::Little, 7, Family::MakeHuman, Gate::NotBiped),
    F("finger0", Finger::Thumb, 7, Family::Biped, Gate::BipedOnly),
    F("finger1", Finger::Index, 7, Family::Biped, Gate::BipedOnly),
    F("finger2", Finger::Middle, 7, Family::Biped, Gate::BipedOnly),
    F("finger3", Finger::Ring, 7, Family::Biped, Gate::BipedOnly),
    F("finger4", Finger::Little, 7, Family::Biped, Gate::BipedOnly),
    // leg
    J("thigh", Joint::HipL, 10),
    J("upleg", Joint::HipL, 10, Family::Mixamo),
    J("upperleg", Joint::HipL, 10),
    J("femur", Joint::HipL, 10, Family::Anatomical),
    J("hip", Joint::HipL, 8),
    J("leg", Joint::KneeL, 7, Family::Mixamo),
    J("lowerleg", Joint::KneeL, 10),
    J("loleg", Joint::KneeL, 9),
    J("shin", Joint::KneeL, 10, Family::Rigify),
    J("calf", Joint::KneeL, 10, Family::Unreal),
    J("knee", Joint::KneeL, 10),
    J("tibia", Joint::KneeL, 10, Family::Anatomical),
    J("shank", Joint::KneeL, 9),
    J("foot", Joint::AnkleL, 10),
    J("ankle", Joint::AnkleL, 10),
    J("talus", Joint::AnkleL, 8, Family::Anatomical),
    J("subtalar", Joint::SubtalarL, 10, Family::Own),
    J("calcaneus", Joint::SubtalarL, 7, Family::Anatomical),
    J("calcn", Joint::SubtalarL, 7, Family::Anatomical),
    J("toes", Joint::ToesL, 10),
    J("toe", Joint::ToesL, 9),
    J("toebase", Joint::ToesL, 10, Family::Mixamo),
    J("ball", Joint::ToesL, 9, Family::Unreal),
    J("mtp", Joint::ToesL, 8, Family::Anatomical),
};

bool sidedKind(const Alias& a) {
  return a.kind == Kind::Shoulder || a.kind == Kind::Finger ||
         (a.kind == Kind::Joint && sideOf(a.joint) != Side::Center);
}

bool gateOpen(const Alias& a, const ParsedBoneName& p) {
  const bool biped = p.prefix == "bip" || p.prefix == "biped";
  return a.gate == Gate::Any || (a.gate == Gate::BipedOnly) == biped;
}

// First alias with this key that suits the name's side and prefix.
const Alias* findAlias(std::string_view key, const ParsedBoneName& p) {
  for (const Alias& a : kAliases) {
    if (a.key != key || !gateOpen(a, p)) continue;
    if (sidedKind(a) != (p.side != Side::Center)) continue;
    return &a;
  }
  return nullptr;
}

bool isDigits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) {
    return std::isdigit(static_cast<unsigned char>(c)) != 0;
  });
}

struct Match {
  const Alias* alias = nullptr;
  int penalty = 0;  // tokens dropped in front (an unknown prefix) and digits ignored
};

// Looks up, in order: every token joined ("upperleg01" is not a key, "toe0" is none either),
// the tokens without digit runs ("upperleg"), then shorter and shorter tails of those
// ("character", "up", "leg" -> "upleg"), so unknown prefixes cost a little score.
Match lookup(const ParsedBoneName& p) {
  std::string full;
  for (const std::string& t : p.tokens) full += t;
  if (full.empty()) return {};
  if (const Alias* a = findAlias(full, p)) return {a, 0};
  std::vector<std::string_view> words;
  for (const std::string& t : p.tokens) {
    if (!isDigits(t)) words.push_back(t);
  }
  for (std::size_t drop = 0; drop < words.size(); ++drop) {
    std::string key;
    for (std::size_t i = drop; i < words.size(); ++i) key += words[i];
    if (const Alias* a = findAlias(key, p)) return {a, static_cast<int>(drop) + 1};
  }
  return {};
}

struct Candidate {
  int bone = -1;
  int score = 0;
  int depth = 0;
  Family family = Family::Generic;
};

bool better(const Candidate& a, const Candidate& b) {
  if (b.bone < 0) return a.bone >= 0;
  if (a.score != b.score) return a.score > b.score;
  if (a.depth != b.depth) return a.depth < b.depth;  // the proximal bone of a chain
  return a.bone < b.bone;
}

// The convention a recognised name looks like (for the report): its prefix, its side style,
// distinctive aliases.
Family familyOf(const ParsedBoneName& p, const Alias* a) {
  if (p.prefix == "mixamorig") return Family::Mixamo;
  if (p.prefix == "bip" || p.prefix == "biped") return Family::Biped;
  if (p.prefix == "def" || p.prefix == "org") return Family::Rigify;
  const bool digits = std::any_of(p.tokens.begin(), p.tokens.end(),
                                  [](const std::string& t) { return isDigits(t); });
  const std::string& st = p.sideStyle;
  if (st.size() >= 2 && st[0] == '.') return digits ? Family::MakeHuman : Family::Rigify;
  if (a != nullptr && a->family != Family::Generic) return a->family;
  if (st.size() == 2 && st[0] == '_' && std::islower(static_cast<unsigned char>(st[1]))) {
    return Family::Unreal;
  }
  if (st.size() == 2 && st[1] == '_') {
    return std::isupper(static_cast<unsigned char>(st[0])) ? Family::Maya : Family::Anatomical;
  }
  if (st.size() >= 4 && (st.rfind("Left", 0) == 0 || st.rfind("Right", 0) == 0 ||
                         st.rfind("left", 0) == 0 || st.rfind("right", 0) == 0)) {
    return Family::Humanoid;
  }
  return Family::Generic;
}

bool isAncestor(std::span<const int> parents, int a, int b) {
  if (a < 0 || b < 0 || parents.empty()) return false;
  for (int p = parents[static_cast<std::size_t>(b)]; p >= 0;
       p = parents[static_cast<std::size_t>(p)]) {
    if (p == a) return true;
  }
  return false;
}

struct NameResult {
  RigMapping mapping;
  FingerBones fingers = kNoFingers;
  std::vector<std::string> notes;
  std::array<Family, kJointCount> family{};
};

RigMapping emptyMapping() {
  RigMapping m;
  m.boneOfJoint.fill(-1);
  m.source.fill(MatchSource::None);
  m.restCorrection.fill(glm::quat(1.0f, 0.0f, 0.0f, 0.0f));
  return m;
}

// Lumbar, thoracic and upper chest from the bones between the pelvis and the neck (or head).
void assignSpine(const RigBones& bones, const std::vector<Candidate>& spineBones,
                 const std::array<Candidate, kJointCount>& best, NameResult& r) {
  auto& m = r.mapping;
  const int pelvis = m.boneOfJoint[index(Joint::Pelvis)];
  const int top = m.boneOfJoint[index(Joint::Cervical)] >= 0 ? m.boneOfJoint[index(Joint::Cervical)]
                                                             : m.boneOfJoint[index(Joint::Head)];
  std::vector<int> path;  // bottom-up
  if (!bones.parents.empty()) {
    if (pelvis < 0 || top < 0 || !isAncestor(bones.parents, pelvis, top)) return;
    for (int p = bones.parents[static_cast<std::size_t>(top)]; p >= 0 && p != pelvis;
         p = bones.parents[static_cast<std::size_t>(p)]) {
      path.push_back(p);
    }
    std::reverse(path.begin(), path.end());
  } else {
    // Names only: spine bones in listing order, explicit lumbar/thoracic names in place.
    for (const Candidate& c : spineBones) path.push_back(c.bone);
    for (Joint j : {Joint::Lumbar, Joint::Thoracic}) {
      const int b = best[index(j)].bone;
      if (b >= 0 && std::find(path.begin(), path.end(), b) == path.end()) path.push_back(b);
    }
    std::sort(path.begin(), path.end());
  }
  if (path.empty()) return;
  auto onPath = [&](int b) { return std::find(path.begin(), path.end(), b) != path.end(); };
  const int explicitLumbar = best[index(Joint::Lumbar)].bone;
  const int explicitThoracic = best[index(Joint::Thoracic)].bone;
  int lumbar = explicitLumbar >= 0 && onPath(explicitLumbar) ? explicitLumbar : path.front();
  m.boneOfJoint[index(Joint::Lumbar)] = lumbar;
  m.source[index(Joint::Lumbar)] =
      lumbar == explicitLumbar ? MatchSource::Name : MatchSource::Spine;
  if (lumbar != explicitLumbar) {
    r.notes.push_back("lumbar: " + rigBoneLabel(bones, lumbar) + ", the lowest of " +
                      std::to_string(path.size()) + " spine bone(s) above the pelvis");
  }
  const auto li =
      static_cast<std::size_t>(std::find(path.begin(), path.end(), lumbar) - path.begin());
  int thoracic = -1;
  // Without a hierarchy an explicit name is trusted; with one it must lie above the lumbar bone.
  const bool thoracicAbove =
      bones.parents.empty() || isAncestor(bones.parents, lumbar, explicitThoracic);
  if (explicitThoracic >= 0 && onPath(explicitThoracic) && thoracicAbove) {
    thoracic = explicitThoracic;
  } else if (li + 1 < path.size()) {
    const bool neck = m.boneOfJoint[index(Joint::Cervical)] >= 0;
    thoracic = pickThoracic(bones, std::span<const int>(path).subspan(li + 1), pelvis, top, neck);
    r.notes.push_back("thoracic: " + rigBoneLabel(bones, thoracic) +
                      (bones.positions.empty() ? ", the spine bone above the lumbar one"
                                               : ", the spine bone nearest the T12/L1 level"));
  }
  if (thoracic >= 0) {
    m.boneOfJoint[index(Joint::Thoracic)] = thoracic;
    m.source[index(Joint::Thoracic)] =
        thoracic == explicitThoracic ? MatchSource::Name : MatchSource::Spine;
    const auto ti =
        static_cast<std::size_t>(std::find(path.begin(), path.end(), thoracic) - path.begin());
    if (ti + 1 < path.size()) m.upperChestBone = path[ti + 1];
  }
}

NameResult mapByNames(const RigBones& bones) {
  NameResult r;
  r.mapping = emptyMapping();
  const std::size_t n = bones.names.size();
  std::vector<int> depth(n, 0);
  if (bones.parents.size() == n) {
    for (std::size_t b = 0; b < n; ++b) {
      const int p = bones.parents[b];
      depth[b] =
          p >= 0 && static_cast<std::size_t>(p) < b ? depth[static_cast<std::size_t>(p)] + 1 : 0;
    }
  }
  std::array<Candidate, kJointCount> best{};
  std::array<std::array<Candidate, kFingerCount>, 2> fingers{};
  std::array<std::vector<Candidate>, 2> shoulders;  // ambiguous "shoulder" bones per side
  std::vector<Candidate> spine;
  // The project's own names are exact ("forearm_l" is its twist joint, "hand_l" its knuckles),
  // but Unreal's "hand_l" is a wrist: own names count as such only in a rig that uses many.
  int ownNames = 0;
  for (const std::string& name : bones.names) ownNames += jointFromName(name).has_value() ? 1 : 0;
  const bool ownRig = ownNames >= 8;
  for (std::size_t b = 0; b < n; ++b) {
    const std::string& name = bones.names[b];
    if (name.empty()) continue;
    const ParsedBoneName p = parseBoneName(name);
    if (p.helper) continue;
    Candidate c;
    c.bone = static_cast<int>(b);
    c.depth = depth[b];
    const bool deforms = bones.deforms.size() == n && bones.deforms[b] != 0;
    if (const auto own = ownRig ? jointFromName(name) : std::nullopt) {
      c.score = 11 + (deforms ? 2 : 0);
      c.family = Family::Own;
      if (better(c, best[index(*own)])) best[index(*own)] = c;
      continue;
    }
    const Match mt = lookup(p);
    if (mt.alias == nullptr) continue;
    const Alias& a = *mt.alias;
    c.score = a.score - mt.penalty + (deforms ? 2 : 0);
    c.family = familyOf(p, &a);
    const std::size_t si = p.side == Side::Right ? 1 : 0;
    switch (a.kind) {
      case Kind::Joint: {
        // Midline aliases only match names without a side (findAlias), so onSide keeps them.
        const Joint j = onSide(a.joint, p.side);
        if (better(c, best[index(j)])) best[index(j)] = c;
        break;
      }
      case Kind::Spine:
        spine.push_back(c);
        break;
      case Kind::Shoulder:
        shoulders[si].push_back(c);
        break;
      case Kind::Finger: {
        Candidate& slot = fingers[si][static_cast<std::size_t>(a.finger)];
        if (better(c, slot)) slot = c;
        break;
      }
    }
  }
  // "shoulder": a clavicle when an upper-arm bone hangs below it (Mixamo LeftShoulder, Rigify
  // shoulder.L, VRM leftShoulder), else the glenohumeral joint (Maya L_shoulder).
  for (int s = 0; s < 2; ++s) {
    const Side side = s == 0 ? Side::Left : Side::Right;
    const int gh = index(onSide(Joint::ShoulderL, side));
    const int clav = index(onSide(Joint::ClavicleL, side));
    const Candidate strongArm = best[gh];
    for (Candidate c : shoulders[static_cast<std::size_t>(s)]) {
      const bool above = strongArm.bone >= 0 && (bones.parents.empty() ||
                                                 isAncestor(bones.parents, c.bone, strongArm.bone));
      if (above) {
        if (better(c, best[clav])) best[clav] = c;
      } else if (better(c, best[gh])) {
        best[gh] = c;
      }
    }
    // The middle finger's proximal bone is the canonical hand joint (3rd MCP).
    const Candidate mid =
        fingers[static_cast<std::size_t>(s)][static_cast<std::size_t>(Finger::Middle)];
    const int hand = index(onSide(Joint::HandL, side));
    if (mid.bone >= 0 && best[hand].bone < 0) best[hand] = mid;
    for (int f = 0; f < kFingerCount; ++f) {
      r.fingers[static_cast<std::size_t>(s)][static_cast<std::size_t>(f)] =
          fingers[static_cast<std::size_t>(s)][static_cast<std::size_t>(f)].bone;
    }
  }
  for (int j = 0; j < kJointCount; ++j) {
    if (j == index(Joint::Lumbar) || j == index(Joint::Thoracic)) continue;  // assignSpine
    r.mapping.boneOfJoint[static_cast<std::size_t>(j)] = best[static_cast<std::size_t>(j)].bone;
    if (best[static_cast<std::size_t>(j)].bone >= 0)
      r.mapping.source[static_cast<std::size_t>(j)] = MatchSource::Name;
    r.family[static_cast<std::size_t>(j)] = best[static_cast<std::size_t>(j)].family;
  }
  std::stable_sort(spine.begin(), spine.end(),
                   [](const Candidate& a, const Candidate& b) { return a.depth < b.depth; });
  assignSpine(bones, spine, best, r);
  for (Joint j : {Joint::Lumbar, Joint::Thoracic}) {
    const int b = r.mapping.boneOfJoint[index(j)];
    for (const Candidate& c : spine) {
      if (c.bone == b) r.family[index(j)] = c.family;
    }
    if (b >= 0 && b == best[index(j)].bone) r.family[index(j)] = best[index(j)].family;
  }
  return r;
}

// Ancestry the canonical hierarchy implies: (upper, lower) pairs of joints. Optional joints
// that break it are dropped; a required pair that breaks it fails the mapping.
struct Link {
  Joint upper, lower;
};
constexpr Link kLinks[] = {
    {Joint::Pelvis, Joint::Lumbar},       {Joint::Lumbar, Joint::Head},
    {Joint::Lumbar, Joint::Thoracic},     {Joint::Thoracic, Joint::Head},
    {Joint::Lumbar, Joint::Cervical},     {Joint::Cervical, Joint::Head},
    {Joint::Thoracic, Joint::Cervical},   {Joint::Lumbar, Joint::ShoulderL},
    {Joint::ClavicleL, Joint::ShoulderL}, {Joint::ShoulderL, Joint::ElbowL},
    {Joint::ElbowL, Joint::WristL},       {Joint::ElbowL, Joint::ForearmL},
    {Joint::ForearmL, Joint::WristL},     {Joint::WristL, Joint::HandL},
    {Joint::Pelvis, Joint::HipL},         {Joint::HipL, Joint::KneeL},
    {Joint::KneeL, Joint::AnkleL},        {Joint::AnkleL, Joint::SubtalarL},
    {Joint::AnkleL, Joint::ToesL},
};

// Checks the mapping against the hierarchy. Drops optional joints that contradict it (noted)
// and returns a description of the first required joint that does, or "".
std::string checkHierarchy(const RigBones& bones, RigMapping& m, std::vector<std::string>& notes) {
  if (bones.parents.empty()) return {};
  auto unmap = [&](Joint j) {
    m.boneOfJoint[static_cast<std::size_t>(index(j))] = -1;
    m.source[static_cast<std::size_t>(index(j))] = MatchSource::None;
  };
  // A bone may stand for one joint only.
  for (int j = 0; j < kJointCount; ++j) {
    for (int k = j + 1; k < kJointCount; ++k) {
      const int b = m.boneOfJoint[static_cast<std::size_t>(j)];
      if (b < 0 || b != m.boneOfJoint[static_cast<std::size_t>(k)]) continue;
      const Joint a = static_cast<Joint>(j), c = static_cast<Joint>(k);
      if (isRequiredJoint(a) && isRequiredJoint(c)) {
        return rigBoneLabel(bones, b) + " stands for both " + std::string(jointName(a)) + " and " +
               std::string(jointName(c));
      }
      unmap(isRequiredJoint(c) ? a : c);
    }
  }
  for (const Link& l : kLinks) {
    const bool midline = sideOf(l.upper) == Side::Center && sideOf(l.lower) == Side::Center;
    for (Side s : {Side::Left, Side::Right}) {
      if (midline && s == Side::Right) break;
      const Joint u = onSide(l.upper, s), d = onSide(l.lower, s);
      const int bu = m.boneOfJoint[static_cast<std::size_t>(index(u))];
      const int bd = m.boneOfJoint[static_cast<std::size_t>(index(d))];
      if (bu < 0 || bd < 0 || isAncestor(bones.parents, bu, bd)) continue;
      const std::string why = std::string(jointName(d)) + " (" + rigBoneLabel(bones, bd) +
                              ") is not below " + std::string(jointName(u)) + " (" +
                              rigBoneLabel(bones, bu) + ")";
      if (isRequiredJoint(u) && isRequiredJoint(d)) return why;
      const Joint drop = isRequiredJoint(d) ? u : d;
      unmap(drop);
      notes.push_back(std::string(jointName(drop)) + " left unmapped: " + why);
    }
  }
  return {};
}

std::string missingRequired(const RigMapping& m) {
  std::string missing;
  for (int j = 0; j < kJointCount; ++j) {
    const Joint joint = static_cast<Joint>(j);
    if (isRequiredJoint(joint) && m.boneOfJoint[static_cast<std::size_t>(j)] < 0) {
      missing += missing.empty() ? "" : ", ";
      missing += jointName(joint);
    }
  }
  return missing;
}

struct HumanoidName {
  std::string_view name;  // lower case
  int joint;              // canonical joint index, -1: upper chest
  int finger;             // finger (for palms) or -1; side from the name
};
constexpr HumanoidName kHumanoidNames[] = {
    {"hips", index(Joint::Pelvis), -1},
    {"spine", index(Joint::Lumbar), -1},
    {"chest", index(Joint::Thoracic), -1},
    {"upperchest", -1, -1},
    {"neck", index(Joint::Cervical), -1},
    {"head", index(Joint::Head), -1},
    {"leftshoulder", index(Joint::ClavicleL), -1},
    {"leftupperarm", index(Joint::ShoulderL), -1},
    {"leftlowerarm", index(Joint::ElbowL), -1},
    {"lefthand", index(Joint::WristL), -1},
    {"leftmiddleproximal", index(Joint::HandL), static_cast<int>(Finger::Middle)},
    {"leftupperleg", index(Joint::HipL), -1},
    {"leftlowerleg", index(Joint::KneeL), -1},
    {"leftfoot", index(Joint::AnkleL), -1},
    {"lefttoes", index(Joint::ToesL), -1},
    {"rightshoulder", index(Joint::ClavicleR), -1},
    {"rightupperarm", index(Joint::ShoulderR), -1},
    {"rightlowerarm", index(Joint::ElbowR), -1},
    {"righthand", index(Joint::WristR), -1},
    {"rightmiddleproximal", index(Joint::HandR), static_cast<int>(Finger::Middle)},
    {"rightupperleg", index(Joint::HipR), -1},
    {"rightlowerleg", index(Joint::KneeR), -1},
    {"rightfoot", index(Joint::AnkleR), -1},
    {"righttoes", index(Joint::ToesR), -1},
    {"leftthumbproximal", -2, static_cast<int>(Finger::Thumb)},
    {"leftthumbmetacarpal", -2, static_cast<int>(Finger::Thumb)},
    {"leftindexproximal", -2, static_cast<int>(Finger::Index)},
    {"leftringproximal", -2, static_cast<int>(Finger::Ring)},
    {"leftlittleproximal", -2, static_cast<int>(Finger::Little)},
    {"rightthumbproximal", -2, static_cast<int>(Finger::Thumb)},
    {"rightthumbmetacarpal", -2, static_cast<int>(Finger::Thumb)},
    {"rightindexproximal", -2, static_cast<int>(Finger::Index)},
    {"rightringproximal", -2, static_cast<int>(Finger::Ring)},
    {"rightlittleproximal", -2, static_cast<int>(Finger::Little)},
};

const HumanoidName* findHumanoidName(std::string_view name) {
  std::string l(name);
  for (char& c : l) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (const HumanoidName& h : kHumanoidNames) {
    if (h.name == l) return &h;
  }
  return nullptr;
}

std::string conventionOf(const std::array<Family, kJointCount>& family, const RigMapping& m) {
  std::array<int, static_cast<std::size_t>(Family::kCount)> votes{};
  for (int j = 0; j < kJointCount; ++j) {
    if (m.source[static_cast<std::size_t>(j)] == MatchSource::Name ||
        m.source[static_cast<std::size_t>(j)] == MatchSource::Spine) {
      votes[static_cast<std::size_t>(family[static_cast<std::size_t>(j)])] += 1;
    }
  }
  // Distinctive votes beat generic ones.
  std::size_t bestF = 0;
  for (std::size_t f = 1; f < votes.size(); ++f) {
    if (votes[f] > 0 && (bestF == 0 || votes[f] > votes[bestF])) bestF = f;
  }
  return std::string(kFamilyNames[bestF]);
}

}  // namespace

std::string_view matchSourceName(MatchSource s) {
  switch (s) {
    case MatchSource::None:
      return "none";
    case MatchSource::Name:
      return "name";
    case MatchSource::HumanoidMap:
      return "humanoid_map";
    case MatchSource::Spine:
      return "spine";
    case MatchSource::Topology:
      return "topology";
  }
  return "none";
}

bool isRequiredJoint(Joint j) {
  switch (leftOf(j)) {
    case Joint::Pelvis:
    case Joint::Lumbar:
    case Joint::Head:
    case Joint::ShoulderL:
    case Joint::ElbowL:
    case Joint::WristL:
    case Joint::HipL:
    case Joint::KneeL:
    case Joint::AnkleL:
      return true;
    default:
      return false;
  }
}

std::optional<Joint> humanoidBoneJoint(std::string_view name, bool* upperChest) {
  if (upperChest != nullptr) *upperChest = false;
  const HumanoidName* h = findHumanoidName(name);
  if (h == nullptr) return std::nullopt;
  if (h->joint == -1 && upperChest != nullptr) *upperChest = true;
  if (h->joint < 0) return std::nullopt;
  return static_cast<Joint>(h->joint);
}

Result<RigRecognition> recogniseRig(const RigBones& bones,
                                    std::span<const HumanoidBone> humanoidMap) {
  const std::size_t n = bones.names.size();
  if ((!bones.parents.empty() && bones.parents.size() != n) ||
      (!bones.positions.empty() && bones.positions.size() != n)) {
    return Error{"rig mapping: the bone lists differ in length"};
  }
  for (std::size_t b = 0; b < bones.parents.size(); ++b) {
    if (bones.parents[b] >= static_cast<int>(b)) {
      return Error{"rig mapping: bone " + std::to_string(b) + " comes before its parent"};
    }
  }
  NameResult named = mapByNames(bones);
  RigRecognition out;
  bool fromMap = false;
  // An explicit humanoid bone map wins over names for every bone it lists.
  for (const HumanoidBone& hb : humanoidMap) {
    const HumanoidName* h = findHumanoidName(hb.name);
    if (h == nullptr || hb.bone < 0 || static_cast<std::size_t>(hb.bone) >= n) continue;
    const std::size_t side = hb.name.size() > 5 && (hb.name[0] == 'r' || hb.name[0] == 'R') ? 1 : 0;
    if (h->finger >= 0) named.fingers[side][static_cast<std::size_t>(h->finger)] = hb.bone;
    if (h->joint == -1) named.mapping.upperChestBone = hb.bone;
    if (h->joint < 0) continue;
    named.mapping.boneOfJoint[static_cast<std::size_t>(h->joint)] = hb.bone;
    named.mapping.source[static_cast<std::size_t>(h->joint)] = MatchSource::HumanoidMap;
    fromMap = true;
  }
  const std::string broken = checkHierarchy(bones, named.mapping, named.notes);
  const std::string missing = missingRequired(named.mapping);
  if (broken.empty() && missing.empty()) {
    out.mapping = named.mapping;
    out.fingers = named.fingers;
    out.notes = std::move(named.notes);
    out.convention = fromMap ? "VRM humanoid" : conventionOf(named.family, named.mapping);
    // Fingers are only used below their own wrist.
    for (std::size_t s = 0; s < 2; ++s) {
      const int wrist = out.mapping.boneOfJoint[static_cast<std::size_t>(
          index(onSide(Joint::WristL, s == 0 ? Side::Left : Side::Right)))];
      for (int& f : out.fingers[s]) {
        if (f >= 0 && !bones.parents.empty() && !isAncestor(bones.parents, wrist, f)) f = -1;
      }
    }
    return out;
  }
  // Names fall short: the hierarchy's shape.
  std::string why = !missing.empty() ? "required joint(s) not found among " + std::to_string(n) +
                                           " bones: " + missing
                                     : "the names contradict the hierarchy: " + broken;
  if (bones.parents.empty() || bones.positions.empty()) return Error{"rig mapping: " + why};
  auto topo = inferRigTopology(bones);
  if (!topo) return Error{"rig mapping: " + why + "; " + topo.error().message};
  out.mapping = emptyMapping();
  out.fingers = kNoFingers;
  out.mapping.boneOfJoint = topo->boneOfJoint;
  for (int j = 0; j < kJointCount; ++j) {
    if (out.mapping.boneOfJoint[static_cast<std::size_t>(j)] >= 0) {
      out.mapping.source[static_cast<std::size_t>(j)] = MatchSource::Topology;
    }
  }
  out.notes.push_back("names: " + why + "; the hierarchy's topology was used");
  for (std::string& s : topo->notes) out.notes.push_back(std::move(s));
  // Named fingers stay where they hang below a wrist the topology found (its side wins).
  for (std::size_t s = 0; s < 2; ++s) {
    for (std::size_t f = 0; f < kFingerCount; ++f) {
      const int bone = named.fingers[s][f] >= 0 ? named.fingers[s][f] : named.fingers[1 - s][f];
      for (std::size_t t = 0; t < 2 && bone >= 0; ++t) {
        const int wrist = out.mapping.boneOfJoint[static_cast<std::size_t>(
            index(onSide(Joint::WristL, t == 0 ? Side::Left : Side::Right)))];
        if (isAncestor(bones.parents, wrist, bone)) out.fingers[t][f] = bone;
      }
    }
  }
  // The middle finger's proximal bone by name is the hand joint the topology cannot tell.
  for (std::size_t s = 0; s < 2; ++s) {
    const Joint hand = onSide(Joint::HandL, s == 0 ? Side::Left : Side::Right);
    const int mid = out.fingers[s][static_cast<std::size_t>(Finger::Middle)];
    if (mid >= 0 && out.mapping.boneOfJoint[static_cast<std::size_t>(index(hand))] < 0) {
      out.mapping.boneOfJoint[static_cast<std::size_t>(index(hand))] = mid;
      out.mapping.source[static_cast<std::size_t>(index(hand))] = MatchSource::Name;
    }
  }
  out.convention = "none (topology)";
  return out;
}

Result<RigMapping> mapRigBones(std::span<const std::string> boneNames) {
  RigBones bones;
  bones.names = boneNames;
  auto r = recogniseRig(bones);
  if (!r) return r.error();
  return r->mapping;
}

Status computeRestCorrection(RigMapping& mapping, const Skeleton& canonical,
                             std::span<const glm::quat> anatomicalRotation,
                             std::span<const int> foreignParents,
                             std::span<const glm::mat4> foreignRestModel) {
  for (std::size_t j = 0; j < kJointCount; ++j) {
    const int b = mapping.boneOfJoint[j];
    if (b < 0) continue;
    if (static_cast<std::size_t>(b) >= anatomicalRotation.size()) {
      return Error{"rig mapping: bone index " + std::to_string(b) + " for joint " +
                   std::string(jointName(static_cast<Joint>(j))) + " is outside the rest pose (" +
                   std::to_string(anatomicalRotation.size()) + " bones)"};
    }
    const glm::quat C = glm::normalize(glm::quat_cast(glm::mat3(canonical.restModel[j])));
    mapping.restCorrection[j] =
        glm::normalize(glm::conjugate(C) * anatomicalRotation[static_cast<std::size_t>(b)]);
  }
  mapping.pelvisParentScale = 1.0f;
  const int pelvis = mapping.boneOfJoint[index(Joint::Pelvis)];
  if (pelvis >= 0 && static_cast<std::size_t>(pelvis) < foreignParents.size()) {
    const int p = foreignParents[static_cast<std::size_t>(pelvis)];
    if (p >= 0 && static_cast<std::size_t>(p) < foreignRestModel.size()) {
      const float s = glm::length(glm::vec3(foreignRestModel[static_cast<std::size_t>(p)][0]));
      if (std::isfinite(s) && s > 1e-8f) mapping.pelvisParentScale = s;
    }
  }
  return {};
}

Status computeRestCorrection(RigMapping& mapping, const Skeleton& canonical,
                             std::span<const glm::mat4> foreignRestModel) {
  std::vector<glm::quat> rot(foreignRestModel.size());
  for (std::size_t b = 0; b < rot.size(); ++b) {
    glm::mat3 g(foreignRestModel[b]);
    for (int c = 0; c < 3; ++c) g[c] = glm::normalize(g[c]);  // drop uniform scale
    rot[b] = glm::normalize(glm::quat_cast(g));
  }
  return computeRestCorrection(mapping, canonical, rot, {}, {});
}

bool applyToRig(const Skeleton& canonical, const RigMapping& mapping,
                std::span<const glm::mat4> canonicalModel, std::span<const int> foreignParents,
                std::span<const Transform> foreignRestLocal, std::span<Transform> foreignLocalOut) {
  const std::size_t n = foreignParents.size();
  if (canonicalModel.size() != static_cast<std::size_t>(kJointCount) ||
      foreignRestLocal.size() != n || foreignLocalOut.size() != n || n > 1024) {
    return false;
  }
  // Joint per bone (inverse of boneOfJoint). Fixed-size scratch: no allocation.
  std::array<int8_t, 1024> jointOfBone;
  std::array<glm::quat, 1024> world;
  for (std::size_t b = 0; b < n; ++b) jointOfBone[b] = -1;
  for (int j = 0; j < kJointCount; ++j) {
    const int b = mapping.boneOfJoint[static_cast<std::size_t>(j)];
    if (b >= 0 && static_cast<std::size_t>(b) < n)
      jointOfBone[static_cast<std::size_t>(b)] = static_cast<int8_t>(j);
  }
  for (std::size_t b = 0; b < n; ++b) {
    const int p = foreignParents[b];
    if (p >= static_cast<int>(b)) return false;  // parents must come first
    const glm::quat parentWorld =
        p < 0 ? glm::quat(1.0f, 0.0f, 0.0f, 0.0f) : world[static_cast<std::size_t>(p)];
    Transform t = foreignRestLocal[b];
    const int j = jointOfBone[b];
    if (j >= 0) {
      const auto ju = static_cast<std::size_t>(j);
      const glm::quat W = glm::normalize(glm::quat_cast(glm::mat3(canonicalModel[ju])));
      const glm::quat Wf = W * mapping.restCorrection[ju];
      t.rotation = glm::normalize(glm::conjugate(parentWorld) * Wf);
      if (j == index(Joint::Pelvis)) {
        const glm::vec3 delta =
            glm::vec3(canonicalModel[ju][3]) - glm::vec3(canonical.restModel[ju][3]);
        t.translation += (glm::conjugate(parentWorld) * delta) / mapping.pelvisParentScale;
      } else if (const int cp = canonical.parents[ju];
                 cp >= 0 && mapping.boneOfJoint[static_cast<std::size_t>(cp)] < 0 && p >= 0 &&
                 jointOfBone[static_cast<std::size_t>(p)] >= 0) {
        // The rig has no bone for this joint's canonical parent (a rig without clavicles):
        // the joint's move relative to the rig parent's joint q that q's rotation does not
        // explain (the girdle's elevation and protraction) shifts the bone's head, so it stays
        // on its joint. In q's canonical frame e = d_now - d_rest; the rig parent's frame is
        // W_q K_q, so e there is K_q^-1 e; file units from the rest offset's length.
        const auto q = static_cast<std::size_t>(jointOfBone[static_cast<std::size_t>(p)]);
        const glm::quat Wq = glm::normalize(glm::quat_cast(glm::mat3(canonicalModel[q])));
        const glm::quat Rq = glm::normalize(glm::quat_cast(glm::mat3(canonical.restModel[q])));
        const glm::vec3 restOffset =
            glm::vec3(canonical.restModel[ju][3]) - glm::vec3(canonical.restModel[q][3]);
        const glm::vec3 e = glm::conjugate(Wq) * (glm::vec3(canonicalModel[ju][3]) -
                                                  glm::vec3(canonicalModel[q][3])) -
                            glm::conjugate(Rq) * restOffset;
        const float fileLength = glm::length(t.translation);
        const float units = fileLength > 1e-6f ? glm::length(restOffset) / fileLength : 1.0f;
        if (units > 1e-6f) {
          t.translation += (glm::conjugate(mapping.restCorrection[q]) * e) / units;
        }
      }
      world[b] = Wf;
    } else {
      world[b] = parentWorld * t.rotation;
    }
    foreignLocalOut[b] = t;
  }
  return true;
}

}  // namespace sv::anatomy

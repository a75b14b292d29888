// The topology fallback of rig recognition (rig_mapping.h): where bone names give no usable
// mapping, the hierarchy's shape and the rest positions say which bone is which. Load time.
//
// What it looks for (docs/foreign-rigs.md, "Topology"): among the bones that deform the mesh
// and their ancestors, a root (the pelvis) with three branches — two legs of at least three
// bones (hip, knee, ankle, optionally toes) and a spine — where the spine reaches a node
// (the chest) with two arms of at least three bones ending in a hand (a leaf or a node with
// fingers) and a neck/head branch. Up is from the pelvis toward the head; the front is where
// the toes point from the ankles (or RigBones::assumedFront when the legs end at the ankle);
// the character's left is up × front. Joints along a chain are chosen by geometry: the hip
// where the leg starts to descend, the ankle where it turns forward, the knee halfway down;
// the elbow where the upper arm and forearm lengths split as in Winter's proportions
// (0.186 : 0.146), a first arm bone off the arm's line a clavicle; the lumbar and thoracic
// joints on the pelvis–chest path as in rig_mapping.h.
#pragma once

#include <array>
#include <string>
#include <vector>

#include "anatomy/rig_mapping.h"
#include "core/result.h"

namespace sv::anatomy {

struct TopologyMapping {
  std::array<int, kJointCount> boneOfJoint{};  // -1 = not found (optional joints)
  std::vector<std::string> notes;              // what was inferred, one line each
};

// Needs parents and positions. Error "topology: <why no humanoid shape was found>".
Result<TopologyMapping> inferRigTopology(const RigBones& bones);

// Shared by the name and topology paths.
// "'name'" or "node<i>" for messages.
std::string rigBoneLabel(const RigBones& bones, int bone);
// The thoracic (T12/L1) bone among `candidates` (bones on the spine above the lumbar one):
// the one nearest the canonical level along pelvis -> top, where top is the neck's bone
// (T12/L1 at 52% of the way: 0.680H between 0.530H and 0.818H, docs/anatomy.md) or, without
// a neck, the head's (41%: skull base at 0.900H). Without positions, the first candidate.
int pickThoracic(const RigBones& bones, std::span<const int> candidates, int pelvis, int top,
                 bool topIsNeck);

}  // namespace sv::anatomy

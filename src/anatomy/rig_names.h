// Bone-name parsing for rig recognition (rig_mapping.h): tokens, side, rig prefixes. Load
// time only. Exposed for the tests and the topology fallback's reports.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "anatomy/skeleton.h"

namespace sv::anatomy {

struct ParsedBoneName {
  Side side = Side::Center;
  // How the side was written, with its separator ("L_", "_l", ".L", " L ", "Left", "left"…);
  // empty when the name has no side.
  std::string sideStyle;
  // Lower-case tokens without the side, rig prefixes and filler words ("jnt", "joint",
  // "bone"); digit runs are tokens of their own ("upperleg01" -> "upperleg", "01").
  std::vector<std::string> tokens;
  // The rig prefix that was dropped: "mixamorig", "bip", "def", "org", "character" … or "".
  std::string prefix;
  // A control or end bone (IK/FK, pole, target, ctrl, end site, nub): never a joint.
  bool helper = false;
};

// Splits a bone name: everything up to the last ':' or '|' is a namespace and dropped; then
// tokens at '_', '-', '.', ' ', camelCase and letter/digit boundaries. A token "l", "left",
// "lft" (any case) gives the left side, "r", "right", "rgt" the right; so does a first token
// that starts with "left"/"right" ("LEFTUPPERARM"). "Bip01 L Thigh" -> side Left, tokens
// {"thigh"}, prefix "bip"; "mixamorig:LeftUpLeg" -> Left, {"up", "leg"}; "DEF-thigh.L" ->
// Left, {"thigh"}, prefix "def"; "upperarm_twist_01_l" -> Left, {"upperarm", "twist", "01"}.
ParsedBoneName parseBoneName(std::string_view name);

}  // namespace sv::anatomy

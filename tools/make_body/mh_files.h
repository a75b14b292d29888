// Readers for the MakeHuman files in ../shared/makehuman (formats in its README): the base
// mesh (OBJ with groups), the skeleton (.mhskel JSON), the skin weights (.mhw JSON), shape
// targets (.target text) and the eyes' proxy (.mhclo + OBJ). Errors name the file and line.
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include <glm/glm.hpp>

#include "core/result.h"

namespace sv::mh {

struct Obj {
  std::vector<glm::vec3> vertices;  // file units
  // Faces per group (vertex indices, 0-based; 3 or 4 per face), in file order.
  std::map<std::string, std::vector<std::vector<int>>> groups;
  std::vector<std::vector<int>> faces;  // all faces, for files without groups of interest
};
Result<Obj> readObj(const std::filesystem::path& path);

struct SkelBone {
  std::string parent;      // "" for the root
  std::string head, tail;  // joint names
};
struct Skeleton {
  std::map<std::string, std::vector<int>> joints;  // joint -> helper vertex indices
  std::map<std::string, SkelBone> bones;
};
Result<Skeleton> readSkeleton(const std::filesystem::path& path);

// bone -> (vertex, weight) pairs.
using Weights = std::map<std::string, std::vector<std::pair<int, float>>>;
Result<Weights> readWeights(const std::filesystem::path& path);

// vertex -> offset (file units); an empty target has no lines.
using Target = std::vector<std::pair<int, glm::vec3>>;
Result<Target> readTarget(const std::filesystem::path& path);

// A .mhclo proxy whose vertices each sit exactly on one base vertex ("verts 0" lines with a
// single index): the base vertex of each proxy vertex.
Result<std::vector<int>> readRigidProxy(const std::filesystem::path& path);

}  // namespace sv::mh

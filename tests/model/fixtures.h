// Small glTF fixtures built in code (written with gltf::writeGlb).
#pragma once

#include <filesystem>
#include <fstream>
#include <string>

#include "model/gltf_io.h"

namespace sv::test {

// A chain root -> a -> b -> c -> d (joints a..d, 0.1 m apart along +Y) and a mesh node; one
// triangle fan of 6 vertices. Skin joints = [a, b, c, d] (node indices 1..4).
inline gltf::Document chainDocument() {
  gltf::Document doc;
  doc.nodes.push_back({"root", -1, glm::vec3(0.0f), glm::quat(1, 0, 0, 0), glm::vec3(1.0f)});
  const char* names[] = {"a", "b", "c", "d"};
  for (int i = 0; i < 4; ++i) {
    doc.nodes.push_back({names[i], i, glm::vec3(0.0f, i == 0 ? 0.0f : 0.1f, 0.0f),
                         glm::quat(1, 0, 0, 0), glm::vec3(1.0f)});
  }
  doc.nodes.push_back({"mesh", -1, glm::vec3(0.0f), glm::quat(1, 0, 0, 0), glm::vec3(1.0f)});
  doc.meshNode = 5;
  for (int i = 0; i < 6; ++i) {
    const float y = 0.06f * static_cast<float>(i);
    doc.positions.push_back({(i % 2 == 0) ? -0.05f : 0.05f, y, 0.0f});
    doc.normals.push_back({0.0f, 0.0f, 1.0f});
    doc.joints0.push_back({static_cast<std::uint16_t>(std::min(i / 2, 3)), 0, 0, 0});
    doc.weights0.push_back({1.0f, 0.0f, 0.0f, 0.0f});
  }
  doc.indices = {0, 1, 2, 2, 1, 3, 2, 3, 4, 4, 3, 5};
  for (int j = 0; j < 4; ++j) {
    doc.skinJoints.push_back(j + 1);
    glm::mat4 bind(1.0f);
    bind[3] = glm::vec4(0.0f, 0.1f * static_cast<float>(j), 0.0f, 1.0f);
    doc.inverseBind.push_back(glm::inverse(bind));
  }
  return doc;
}

inline std::filesystem::path writeFixture(const std::string& name, const std::string& bytes) {
  const auto dir = std::filesystem::temp_directory_path() / "sv_test_model";
  std::filesystem::create_directories(dir);
  const auto path = dir / name;
  std::ofstream out(path, std::ios::binary);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  return path;
}

inline std::filesystem::path writeFixture(const std::string& name, const gltf::Document& doc) {
  return writeFixture(name, gltf::writeGlb(doc));
}

}  // namespace sv::test

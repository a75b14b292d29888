#include "app/scene_upload.h"

#include "model/mesh_data.h"

namespace sv {

SceneUploader::SceneUploader(Renderer& renderer) : renderer_(renderer) {
  using session::kTableThickness;
  using session::kTableTop;
  meshes_.placeholder = renderer_.uploadMesh(makeCapsule(0.2f, 1.75f, 64, 24));
  meshes_.tableTop = renderer_.uploadMesh(makeBox(session::kTableSize));
  meshes_.tableLeg = renderer_.uploadMesh(makeBox({0.05f, kTableTop - kTableThickness, 0.05f}));
  meshes_.seat = renderer_.uploadMesh(makeBox(session::kSeatSize));
  meshes_.arrowShaft = renderer_.uploadMesh(makeCapsule(0.009f, 1.0f, 16, 4));
  meshes_.arrowHead = renderer_.uploadMesh(makeCone(0.028f, 0.07f, 24));
}

void SceneUploader::sync(const session::Session& session) {
  const session::Cast& cast = session.cast();
  const auto upload = [&](session::Figure f, MeshId& id) {
    const auto i = static_cast<std::size_t>(f);
    if (cast.meshGeneration(f) == uploaded_[i]) return;
    uploaded_[i] = cast.meshGeneration(f);
    const MeshData* mesh = nullptr;
    if (f == session::Figure::Client) {
      if (const body::Body* b = cast.client()) mesh = &b->mesh();
      if (const Character* c = cast.foreign()) mesh = &c->model().mesh;
    } else if (const body::Body* b = cast.practitioner()) {
      mesh = &b->mesh();
    }
    if (mesh == nullptr) return;
    if (id == kNoMesh) {
      id = renderer_.uploadMesh(*mesh);
    } else {
      renderer_.replaceMesh(id, *mesh);
    }
  };
  upload(session::Figure::Client, meshes_.client);
  upload(session::Figure::Practitioner, meshes_.practitioner);
  if (meshes_.environmentGeneration == session.environmentGeneration()) return;
  meshes_.environmentGeneration = session.environmentGeneration();
  const assist::AssistScene* a = session.assist();
  if (a == nullptr) return;
  // GPU slots are reused from stretch to stretch.
  const auto& env = a->environment();
  for (std::size_t i = 0; i < env.size(); ++i) {
    if (i < meshes_.environment.size()) {
      renderer_.replaceMesh(meshes_.environment[i], env[i].mesh);
    } else {
      meshes_.environment.push_back(renderer_.uploadMesh(env[i].mesh));
    }
  }
}

}  // namespace sv

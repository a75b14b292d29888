// The per-frame loop of a staged session as the window runs it (advance, draw list, frame
// parameters), for the no-allocation tests.
#pragma once

#include <catch2/catch.hpp>

#include "session/session.h"
#include "session/stretch_scene.h"
#include "support/alloc_count.h"

namespace sv::test {

// Plays the open, staged stretch until the draw list's vectors have grown to their working
// size (`list` keeps them), then counts the allocations of 60 more frames from the start.
inline long framesAllocations(session::Session& s, const session::SceneOptions& options,
                              DrawList& list) {
  session::SceneMeshes meshes;
  meshes.environment.assign(s.assist()->environment().size(), 7);
  meshes.environmentGeneration = s.environmentGeneration();
  OrbitCamera camera;
  s.player().play();
  for (int i = 0; i < 30; ++i) {
    s.advance(1.0f);
    session::buildDrawList(s, options, meshes, list);
  }
  s.player().seek(0.0f);
  s.player().play();
  AllocationCount count;
  for (int i = 0; i < 60; ++i) {
    s.advance(0.5f);
    session::buildDrawList(s, options, meshes, list);
    (void)session::buildFrameParams(s, options, camera, {});
  }
  return static_cast<long>(count.count());
}

}  // namespace sv::test

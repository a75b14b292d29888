// A headless GL context with the project's renderer on it, for tests that draw.
#pragma once

#include <catch2/catch.hpp>

#include <memory>

#include "app/context.h"
#include "core/paths.h"
#include "render/gl_debug.h"
#include "render/renderer.h"

namespace sv::test {

struct HeadlessRenderer {
  std::unique_ptr<GlContext> context;  // declared first: destroyed after the renderer
  std::unique_ptr<Renderer> renderer;
};

// Fails the test (REQUIRE) when the context or the renderer cannot be created. Resets the GL
// error count so each test checks only its own calls.
inline HeadlessRenderer makeHeadlessRenderer(int width, int height) {
  gldebug::resetErrorCount();
  HeadlessRenderer h;
  auto ctx = createHeadlessContext(width, height);
  REQUIRE(ctx.ok());
  h.context = std::move(*ctx);
  RendererConfig rc;
  rc.shaderDir = dataDir() / "shaders";
  rc.offscreen = true;
  auto r = Renderer::create(h.context->loader(), rc);
  REQUIRE(r.ok());
  h.renderer = std::move(*r);
  h.renderer->resize(width, height);
  return h;
}

}  // namespace sv::test

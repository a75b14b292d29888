// Shader programs loaded from files under <data>/shaders.
//
// A tiny preprocessor resolves `#include "file.glsl"` (relative to shaders/) and inserts
// `#line` directives with a source-string number per file, so the driver's messages map back
// to "shaders/<file>:<line>". Compile and link errors come back as one Error whose message
// names the file and line of each problem.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "render/gpu.h"

namespace sv {

struct ShaderSource {
  std::string text;                // preprocessed GLSL
  std::vector<std::string> files;  // source-string number → file name (for messages)
};

// Reads `name` from `shaderDir` and resolves includes. Errors: missing file, include cycle.
Result<ShaderSource> loadShaderSource(const std::filesystem::path& shaderDir,
                                      std::string_view name);

// Rewrites driver messages ("0:12(5): error: …" from Mesa, "ERROR: 0:12: …" from others) to
// "shaders/<file>:12: error: …" using the file table.
std::string mapShaderLog(std::string_view log, const std::vector<std::string>& files);

// Compiles and links a vertex + fragment program from shaders/<vert> and shaders/<frag>.
// `feedbackVarying`, when given, is captured by transform feedback (interleaved).
Result<gpu::Program> loadProgram(const std::filesystem::path& shaderDir, std::string_view vert,
                                 std::string_view frag, const char* feedbackVarying = nullptr);

}  // namespace sv

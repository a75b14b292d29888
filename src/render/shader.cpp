#include "render/shader.h"

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <regex>
#include <sstream>

#include "core/file_io.h"

namespace sv {
namespace {

Status expand(const std::filesystem::path& dir, const std::string& name, ShaderSource& out,
              std::vector<std::string>& stack, bool isRoot) {
  if (std::find(stack.begin(), stack.end(), name) != stack.end()) {
    return Error{"shaders/" + name + ": include cycle"};
  }
  auto text = readFile(dir / name);
  if (!text) return Error{"shader not found: " + (dir / name).string()};
  stack.push_back(name);
  const int fileNo = static_cast<int>(out.files.size());
  out.files.push_back(name);
  // Included files number their own lines; the root's #version must stay first, so its
  // numbering is set right after that line.
  if (!isRoot) out.text += "#line 1 " + std::to_string(fileNo) + "\n";
  std::istringstream in(*text);
  std::string line;
  int lineNo = 0;
  while (std::getline(in, line)) {
    ++lineNo;
    const auto first = line.find_first_not_of(" \t");
    if (first != std::string::npos && line.compare(first, 8, "#include") == 0) {
      const auto q1 = line.find('"', first);
      const auto q2 = q1 == std::string::npos ? q1 : line.find('"', q1 + 1);
      if (q2 == std::string::npos) {
        return Error{"shaders/" + name + ":" + std::to_string(lineNo) + ": malformed #include"};
      }
      Status st = expand(dir, line.substr(q1 + 1, q2 - q1 - 1), out, stack, false);
      if (!st) return st;
      out.text += "#line " + std::to_string(lineNo + 1) + " " + std::to_string(fileNo) + "\n";
      continue;
    }
    out.text += line;
    out.text += '\n';
    // #version must stay the first line; number the rest from here on.
    if (isRoot && lineNo == 1 && line.rfind("#version", 0) == 0) {
      out.text += "#line 2 " + std::to_string(fileNo) + "\n";
    }
  }
  stack.pop_back();
  return {};
}

}  // namespace

Result<ShaderSource> loadShaderSource(const std::filesystem::path& dir, std::string_view name) {
  ShaderSource out;
  std::vector<std::string> stack;
  Status st = expand(dir, std::string(name), out, stack, true);
  if (!st) return st.error();
  return out;
}

std::string mapShaderLog(std::string_view log, const std::vector<std::string>& files) {
  // Mesa: "0:12(5): error: msg"; NVIDIA: "0(12) : error C0000: msg"; others: "ERROR: 0:12: msg".
  static const std::regex mesa(R"(^(\d+):(\d+)\(\d+\):\s*(.*)$)");
  static const std::regex nvidia(R"(^(\d+)\((\d+)\)\s*:\s*(.*)$)");
  static const std::regex generic(R"(^(?:ERROR|WARNING):\s*(\d+):(\d+):\s*(.*)$)");
  std::istringstream in{std::string(log)};
  std::string line, out;
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    std::smatch m;
    if (std::regex_match(line, m, mesa) || std::regex_match(line, m, nvidia) ||
        std::regex_match(line, m, generic)) {
      const auto fileNo = static_cast<std::size_t>(std::stoul(m[1].str()));
      const std::string file = fileNo < files.size() ? files[fileNo] : "?";
      out += "shaders/" + file + ":" + m[2].str() + ": " + m[3].str() + "\n";
    } else {
      out += line + "\n";
    }
  }
  if (!out.empty() && out.back() == '\n') out.pop_back();
  return out;
}

namespace {
Result<gpu::Shader> compile(GLenum type, const ShaderSource& src) {
  gpu::Shader sh(glCreateShader(type));
  const char* text = src.text.c_str();
  glShaderSource(sh.get(), 1, &text, nullptr);
  glCompileShader(sh.get());
  GLint ok = 0;
  glGetShaderiv(sh.get(), GL_COMPILE_STATUS, &ok);
  if (!ok) {
    GLint len = 0;
    glGetShaderiv(sh.get(), GL_INFO_LOG_LENGTH, &len);
    std::string log(static_cast<std::size_t>(std::max(len, 1)), '\0');
    glGetShaderInfoLog(sh.get(), len, nullptr, log.data());
    log.resize(std::strlen(log.c_str()));
    return Error{"shader compile failed:\n" + mapShaderLog(log, src.files)};
  }
  return sh;
}
}  // namespace

Result<gpu::Program> loadProgram(const std::filesystem::path& dir, std::string_view vert,
                                 std::string_view frag, const char* feedbackVarying) {
  auto vs = loadShaderSource(dir, vert);
  if (!vs) return vs.error();
  auto fs = loadShaderSource(dir, frag);
  if (!fs) return fs.error();
  auto v = compile(GL_VERTEX_SHADER, *vs);
  if (!v) return v.error();
  auto f = compile(GL_FRAGMENT_SHADER, *fs);
  if (!f) return f.error();
  gpu::Program prog(glCreateProgram());
  glAttachShader(prog.get(), v->get());
  glAttachShader(prog.get(), f->get());
  if (feedbackVarying != nullptr) {
    glTransformFeedbackVaryings(prog.get(), 1, &feedbackVarying, GL_INTERLEAVED_ATTRIBS);
  }
  glLinkProgram(prog.get());
  glDetachShader(prog.get(), v->get());
  glDetachShader(prog.get(), f->get());
  GLint ok = 0;
  glGetProgramiv(prog.get(), GL_LINK_STATUS, &ok);
  if (!ok) {
    GLint len = 0;
    glGetProgramiv(prog.get(), GL_INFO_LOG_LENGTH, &len);
    std::string log(static_cast<std::size_t>(std::max(len, 1)), '\0');
    glGetProgramInfoLog(prog.get(), len, nullptr, log.data());
    log.resize(std::strlen(log.c_str()));
    return Error{"shader link failed (" + std::string(vert) + " + " + std::string(frag) + "):\n" +
                 mapShaderLog(log, vs->files)};
  }
  return prog;
}

}  // namespace sv

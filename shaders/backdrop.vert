#version 330 core
#include "display.glsl"
// Studio backdrop: a band of 2 × 33 vertices across the screen (gl_VertexID, no buffer) whose
// colours are computed per vertex from the view direction, so the gradient stays put as the
// camera orbits and meets the floor's fade colour at the horizon. Per-vertex maths keeps the
// per-pixel cost to an interpolation.
uniform mat4 uInvViewProj;
uniform vec3 uTop;
uniform vec3 uBottom;
out vec3 vColor;
void main() {
  int row = gl_VertexID / 2;
  vec2 ndc = vec2((gl_VertexID % 2) * 2 - 1, float(row) / 8.0 - 1.0);
  vec4 a = uInvViewProj * vec4(ndc, -1.0, 1.0);
  vec4 b = uInvViewProj * vec4(ndc, 1.0, 1.0);
  vec3 dir = normalize(b.xyz / b.w - a.xyz / a.w);
  float t = smoothstep(-0.05, 0.7, dir.y);
  vColor = displayEncode(mix(uBottom, uTop, t));
  gl_Position = vec4(ndc, 1.0, 1.0);
}

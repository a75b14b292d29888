#version 330 core
// Studio backdrop: a soft vertical gradient keyed to the view direction, so it stays put as
// the camera orbits and meets the floor's fade colour at the horizon.
uniform mat4 uInvViewProj;
uniform vec3 uTop;
uniform vec3 uBottom;
in vec2 vUv;
layout(location = 0) out vec4 oColor;
void main() {
  vec4 a = uInvViewProj * vec4(vUv * 2.0 - 1.0, -1.0, 1.0);
  vec4 b = uInvViewProj * vec4(vUv * 2.0 - 1.0, 1.0, 1.0);
  vec3 dir = normalize(b.xyz / b.w - a.xyz / a.w);
  float t = smoothstep(-0.05, 0.7, dir.y);
  oColor = vec4(mix(uBottom, uTop, t), 1.0);
}

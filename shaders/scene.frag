#version 330 core
#include "lighting.glsl"
uniform vec3 uAlbedo;
uniform float uRoughness;
uniform bool uReceiveShadow;
in vec3 vWorldPos;
in vec3 vNormal;
layout(location = 0) out vec4 oColor;
void main() {
  vec3 n = normalize(vNormal);
  if (!gl_FrontFacing) n = -n;
  float s = uReceiveShadow ? shadowFactor(vWorldPos, n) : 1.0;
  oColor = toDisplay(shade(vWorldPos, n, uAlbedo, uRoughness, s));
}

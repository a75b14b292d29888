#version 330 core
#include "lighting.glsl"
uniform vec3 uAlbedo;
uniform float uRoughness;
uniform bool uReceiveShadow;
uniform vec3 uHighlightColor;  // linear RGB of highlighted muscle regions
uniform vec3 uSelectColor;     // linear RGB of the selection glow
uniform bool uHeatmap;
uniform float uOpacity;   // 1 for opaque items
uniform vec3 uHeatPlus;   // linear RGB at heat +1 (fully lengthened)
uniform vec3 uHeatMinus;  // linear RGB at heat -1 (shortened)
// Cover channels (clothing top, shorts, hair/irises, eye whites): linear RGB per channel,
// painted where the interpolated coverage passes one half. The coverage is a clamped signed
// distance to the garment's edge, so the cut is a straight hem through the triangles; its
// screen-space slope (fwidth) anti-aliases the edge.
uniform bool uCoverOn;
uniform vec3 uCover[4];
in vec3 vWorldPos;
in vec3 vNormal;
in vec3 vRegion;
in vec4 vCover;

float coverMask(float c) {
  float w = max(fwidth(c), 1e-4);
  return clamp((c - 0.5) / w + 0.5, 0.0, 1.0);
}
layout(location = 0) out vec4 oColor;
void main() {
  vec3 n = normalize(vNormal);
  if (!gl_FrontFacing) n = -n;
  float s = uReceiveShadow ? shadowFactor(vWorldPos, n) : 1.0;
  vec3 base = uAlbedo;
  if (uCoverOn) {
    base = mix(base, uCover[0], coverMask(vCover.x));
    base = mix(base, uCover[1], coverMask(vCover.y));
    base = mix(base, uCover[3], coverMask(vCover.w));
    base = mix(base, uCover[2], coverMask(vCover.z));
  }
  vec3 albedo;
  if (uHeatmap) {
    float h = clamp(vRegion.z, -1.0, 1.0);
    albedo = h >= 0.0 ? mix(base, uHeatPlus, h) : mix(base, uHeatMinus, -h);
  } else {
    albedo = mix(base, uHighlightColor, clamp(vRegion.x, 0.0, 1.0) * 0.85);
  }
  vec3 c = shade(vWorldPos, n, albedo, uRoughness, s);
  // Selection: a glow that grows toward the silhouette, readable from any side.
  float facing = max(dot(n, normalize(uEye - vWorldPos)), 0.0);
  // Selection is a rim glow only, so it never washes out the target tint underneath.
  float rimGlow = 1.0 - facing;
  float glow = clamp(vRegion.y, 0.0, 1.0) * (0.08 + 0.9 * rimGlow * rimGlow);
  c += uSelectColor * glow;
  oColor = vec4(toDisplay(c).rgb, uOpacity);
}

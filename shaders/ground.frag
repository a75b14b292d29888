#version 330 core
#include "lighting.glsl"
uniform bool uShowGrid;
uniform vec3 uHorizon;     // backdrop colour at the horizon (linear): the floor fades into it
uniform vec3 uFadeCenter;  // the floor is fully visible around this point
// The floor is flat and matte, so its light is two constants: what reaches it in shadow
// (ambient + fill) and what the key adds where it is lit.
uniform vec3 uFloorUnlit;
uniform vec3 uFloorKey;
uniform float uShadowReach;  // beyond this distance from uFadeCenter nothing casts a shadow
in vec3 vWorldPos;
layout(location = 0) out vec4 oColor;

// Anti-aliased grid line coverage for a given spacing (metres), width in pixels.
float gridLine(vec2 p, float spacing, float widthPx) {
  vec2 g = p / spacing;
  vec2 d = fwidth(g);
  vec2 a = abs(fract(g - 0.5) - 0.5) / max(d, vec2(1e-5));
  float line = 1.0 - min(min(a.x, a.y) / widthPx, 1.0);
  // Fade lines out where they get denser than a few pixels, avoiding moiré.
  float density = max(d.x, d.y);
  return line * (1.0 - smoothstep(0.15, 0.5, density));
}

void main() {
  vec3 albedo = vec3(0.40, 0.40, 0.41);
  if (uShowGrid) {
    float minor = gridLine(vWorldPos.xz, 0.25, 1.0);
    float major = gridLine(vWorldPos.xz, 1.0, 1.4);
    albedo = mix(albedo, albedo * 0.84, max(minor * 0.35, major));
  }
  float dist = length(vWorldPos.xz - uFadeCenter.xz);
  float shadow = 1.0;
  if (dist < uShadowReach) shadow = shadowFactor(vWorldPos, vec3(0.0, 1.0, 0.0));
  vec3 color = albedo * (uFloorUnlit + uFloorKey * shadow);
  float fade = smoothstep(2.5, 12.0, dist);
  oColor = toDisplay(mix(color, uHorizon, fade));
}

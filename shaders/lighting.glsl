// Studio lighting shared by every lit surface: a shadowed key light, a fill light and a
// hemispherical ambient. All colours linear until toDisplay(); directions are world-space
// unit vectors in the direction the light travels.
//
// Cost matters: llvmpipe (software GL) is the reference machine, so the shadow filter uses
// four hardware-filtered taps and surfaces whose lighting is uniform (the floor) get their
// light terms from uniforms instead of per-pixel maths.
#include "display.glsl"
uniform vec3 uEye;
uniform vec3 uKeyDir;
uniform vec3 uKeyColor;
uniform vec3 uFillDir;
uniform vec3 uFillColor;
uniform vec3 uSkyAmbient;
uniform vec3 uGroundAmbient;
uniform mat4 uShadowMatrix;        // world → shadow texture [0,1]³
uniform sampler2DShadow uShadowMap;
uniform float uShadowTexel;        // 1 / shadow map size

// Percentage-closer filtering: four taps on a rotated grid, each a hardware 2×2 bilinear
// compare, blend into a soft penumbra a few texels wide. The normal offset keeps grazing
// surfaces free of acne.
float shadowFactor(vec3 worldPos, vec3 n) {
  float ndl = max(dot(n, -uKeyDir), 0.0);
  vec3 p = worldPos + n * (0.015 * (1.0 - ndl) + 0.004);
  vec4 s = uShadowMatrix * vec4(p, 1.0);
  if (s.z >= 1.0) return 1.0;
  float r = 1.6 * uShadowTexel;
  float sum = texture(uShadowMap, vec3(s.xy + vec2(-0.5, -1.5) * r, s.z));
  sum += texture(uShadowMap, vec3(s.xy + vec2(1.5, -0.5) * r, s.z));
  sum += texture(uShadowMap, vec3(s.xy + vec2(0.5, 1.5) * r, s.z));
  sum += texture(uShadowMap, vec3(s.xy + vec2(-1.5, 0.5) * r, s.z));
  return sum * 0.25;
}

// Matte material: Lambert diffuse plus a soft, energy-limited Blinn-Phong sheen.
vec3 shade(vec3 worldPos, vec3 n, vec3 albedo, float roughness, float shadow) {
  vec3 v = normalize(uEye - worldPos);
  vec3 lk = -uKeyDir;
  vec3 lf = -uFillDir;
  float shininess = mix(64.0, 6.0, roughness);
  float specScale = mix(0.25, 0.03, roughness);
  vec3 hk = normalize(lk + v);
  float key = max(dot(n, lk), 0.0);
  float fill = max(dot(n, lf), 0.0);
  vec3 spec = uKeyColor * specScale * pow(max(dot(n, hk), 0.0), shininess) * key;
  vec3 ambient = mix(uGroundAmbient, uSkyAmbient, 0.5 + 0.5 * n.y);
  // A gentle rim separates the figure from the backdrop the way a studio back light would.
  float f = 1.0 - max(dot(n, v), 0.0);
  float rim = f * f * f * 0.25;
  return albedo * (ambient + uKeyColor * key * shadow + uFillColor * fill) + spec * shadow +
         rim * uSkyAmbient;
}

// ±½ LSB of noise so gradients do not band in 8 bits (fragment shaders only).
float dither() {
  return (fract(52.9829189 * fract(dot(gl_FragCoord.xy, vec2(0.06711056, 0.00583715)))) - 0.5) /
         255.0;
}
vec4 toDisplay(vec3 linearColor) { return vec4(displayEncode(linearColor) + dither(), 1.0); }

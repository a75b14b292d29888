#version 330 core
// Anti-aliasing of the reduced-resolution view before it is upscaled (adaptive resolution):
// moving frames are rendered without MSAA into fewer pixels, and a bilinear upscale would turn
// their aliased edges into soft stairs. This is the classic compact FXAA (Lottes' "FXAA
// console" form): flat pixels (nearly all of them) cost five bilinear taps and leave early;
// pixels on an edge blend along the edge's direction. Runs at the reduced size only.
uniform sampler2D uSource;  // the reduced view, display-encoded; bilinear filtering
uniform vec2 uTexel;        // 1 / the source texture's size
uniform vec2 uMaxUv;        // the last texel centre of the rendered region (its origin is 0)
layout(location = 0) out vec4 oColor;

const vec3 kLuma = vec3(0.299, 0.587, 0.114);

vec3 tap(vec2 uv) { return texture(uSource, clamp(uv, 0.5 * uTexel, uMaxUv)).rgb; }

void main() {
  vec2 uv = gl_FragCoord.xy * uTexel;
  vec3 rgbM = tap(uv);
  float lNW = dot(tap(uv + vec2(-0.5, -0.5) * uTexel), kLuma);
  float lNE = dot(tap(uv + vec2(0.5, -0.5) * uTexel), kLuma);
  float lSW = dot(tap(uv + vec2(-0.5, 0.5) * uTexel), kLuma);
  float lSE = dot(tap(uv + vec2(0.5, 0.5) * uTexel), kLuma);
  float lM = dot(rgbM, kLuma);
  float lMin = min(lM, min(min(lNW, lNE), min(lSW, lSE)));
  float lMax = max(lM, max(max(lNW, lNE), max(lSW, lSE)));
  if (lMax - lMin < max(0.05, lMax * 0.125)) {
    oColor = vec4(rgbM, 1.0);
    return;
  }
  vec2 dir = vec2(-((lNW + lNE) - (lSW + lSE)), (lNW + lSW) - (lNE + lSE));
  float reduce = max((lNW + lNE + lSW + lSE) * (0.25 / 8.0), 1.0 / 128.0);
  dir = clamp(dir / (min(abs(dir.x), abs(dir.y)) + reduce), vec2(-8.0), vec2(8.0)) * uTexel;
  vec3 a = 0.5 * (tap(uv + dir * (1.0 / 3.0 - 0.5)) + tap(uv + dir * (2.0 / 3.0 - 0.5)));
  vec3 b = 0.5 * a + 0.25 * (tap(uv - dir * 0.5) + tap(uv + dir * 0.5));
  float lB = dot(b, kLuma);
  oColor = vec4((lB < lMin || lB > lMax) ? a : b, 1.0);
}

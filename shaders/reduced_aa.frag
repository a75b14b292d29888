#version 330 core
// Anti-aliasing of the reduced-resolution view before it is upscaled (adaptive resolution):
// moving frames are rendered without MSAA into fewer pixels, and a bilinear upscale would turn
// their aliased edges into soft stairs. This is the classic compact FXAA (Lottes' original
// form): the pixel and its four diagonal neighbours are fetched unfiltered (on software GL a
// filtered tap costs four fetches), flat pixels (nearly all of them) leave there, and pixels on
// an edge blend four filtered taps along the edge's direction. Runs at the reduced size only.
uniform sampler2D uSource;  // the reduced view, display-encoded; bilinear filtering
uniform vec2 uTexel;        // 1 / the source texture's size
uniform ivec2 uLast;        // the last texel of the rendered region (its origin is 0)
layout(location = 0) out vec4 oColor;

const vec3 kLuma = vec3(0.299, 0.587, 0.114);

vec3 fetch(ivec2 p) { return texelFetch(uSource, clamp(p, ivec2(0), uLast), 0).rgb; }
vec3 tap(vec2 uv) { return texture(uSource, clamp(uv, 0.5 * uTexel, (vec2(uLast) + 0.5) * uTexel)).rgb; }

void main() {
  ivec2 p = ivec2(gl_FragCoord.xy);
  vec3 rgbM = fetch(p);
  float lNW = dot(fetch(p + ivec2(-1, -1)), kLuma);
  float lNE = dot(fetch(p + ivec2(1, -1)), kLuma);
  float lSW = dot(fetch(p + ivec2(-1, 1)), kLuma);
  float lSE = dot(fetch(p + ivec2(1, 1)), kLuma);
  float lM = dot(rgbM, kLuma);
  float lMin = min(lM, min(min(lNW, lNE), min(lSW, lSE)));
  float lMax = max(lM, max(max(lNW, lNE), max(lSW, lSE)));
  if (lMax - lMin < max(0.05, lMax * 0.125)) {
    oColor = vec4(rgbM, 1.0);
    return;
  }
  vec2 uv = gl_FragCoord.xy * uTexel;
  vec2 dir = vec2(-((lNW + lNE) - (lSW + lSE)), (lNW + lSW) - (lNE + lSE));
  float reduce = max((lNW + lNE + lSW + lSE) * (0.25 / 8.0), 1.0 / 128.0);
  dir = clamp(dir / (min(abs(dir.x), abs(dir.y)) + reduce), vec2(-8.0), vec2(8.0)) * uTexel;
  vec3 a = 0.5 * (tap(uv + dir * (1.0 / 3.0 - 0.5)) + tap(uv + dir * (2.0 / 3.0 - 0.5)));
  vec3 b = 0.5 * a + 0.25 * (tap(uv - dir * 0.5) + tap(uv + dir * 0.5));
  float lB = dot(b, kLuma);
  oColor = vec4((lB < lMin || lB > lMax) ? a : b, 1.0);
}

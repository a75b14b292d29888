// Linear scene colour → display value: exposure, a gentle filmic shoulder (Narkowicz's ACES
// fit blended with identity so mid-tones keep their colour) and sRGB encoding. The scene is
// rendered straight to an 8-bit target (no separate post pass: on software GL a full-screen
// pass costs several milliseconds), so every shader ends with this.
uniform float uExposure;

vec3 tonemap(vec3 x) {
  vec3 aces = clamp((x * (2.51 * x + 0.03)) / (x * (2.43 * x + 0.59) + 0.14), 0.0, 1.0);
  return mix(clamp(x, 0.0, 1.0), aces, 0.6);
}
vec3 linearToSrgb(vec3 c) {
  return mix(12.92 * c, 1.055 * pow(c, vec3(1.0 / 2.4)) - 0.055, step(0.0031308, c));
}
vec3 displayEncode(vec3 linearColor) { return linearToSrgb(tonemap(linearColor * uExposure)); }

// Linear scene colour → display value: exposure, a gentle filmic shoulder (Narkowicz's ACES
// fit blended with identity so mid-tones keep their colour) and sRGB encoding. The scene is
// rendered straight to an 8-bit target (no separate post pass: on software GL a full-screen
// pass costs several milliseconds), so every shader ends with this.
uniform float uExposure;

vec3 tonemap(vec3 x) {
  vec3 aces = clamp((x * (2.51 * x + 0.03)) / (x * (2.43 * x + 0.59) + 0.14), 0.0, 1.0);
  return mix(clamp(x, 0.0, 1.0), aces, 0.6);
}
// sRGB's power curve from three square roots (Ian Taylor's fit, within 0.25 of one 8-bit
// level everywhere above the linear toe): pow() is exp2(log2()) per channel on software GL and
// this runs for every pixel, so it is measurably cheaper.
vec3 linearToSrgb(vec3 c) {
  vec3 s1 = sqrt(c);
  vec3 s2 = sqrt(s1);
  vec3 s3 = sqrt(s2);
  vec3 curve = 0.662002687 * s1 + 0.684122060 * s2 - 0.323583601 * s3 - 0.0225411470 * c;
  return mix(12.92 * c, curve, step(0.0031308, c));
}
vec3 displayEncode(vec3 linearColor) { return linearToSrgb(tonemap(linearColor * uExposure)); }

#version 330 core
// Final pass: exposure, a gentle filmic shoulder, sRGB encoding, a faint vignette and
// dithering (the backdrop gradient would band in 8 bits without it).
uniform sampler2D uHdr;
uniform float uExposure;
uniform vec2 uSize;
in vec2 vUv;
layout(location = 0) out vec4 oColor;

vec3 tonemap(vec3 x) {
  // Narkowicz's ACES fit, blended with identity so mid-tones keep their colour.
  vec3 aces = clamp((x * (2.51 * x + 0.03)) / (x * (2.43 * x + 0.59) + 0.14), 0.0, 1.0);
  return mix(clamp(x, 0.0, 1.0), aces, 0.6);
}

vec3 linearToSrgb(vec3 c) {
  return mix(12.92 * c, 1.055 * pow(c, vec3(1.0 / 2.4)) - 0.055, step(0.0031308, c));
}

void main() {
  vec3 c = texture(uHdr, vUv).rgb * uExposure;
  vec2 q = vUv - 0.5;
  c *= 1.0 - 0.22 * dot(q, q);
  vec3 s = linearToSrgb(tonemap(c));
  float noise = fract(52.9829189 * fract(dot(gl_FragCoord.xy, vec2(0.06711056, 0.00583715))));
  s += (noise - 0.5) / 255.0;
  oColor = vec4(s, 1.0);
}

// Studio lighting shared by every lit surface: a shadowed key light, a fill light and a
// hemispherical ambient. All colours linear; directions world-space unit vectors in the
// direction the light travels.
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

// Percentage-closer filtering: 16 rotated Poisson taps, each a hardware 2×2 bilinear compare,
// give a soft penumbra about 5 texels wide. Normal offset keeps grazing surfaces acne-free.
float shadowFactor(vec3 worldPos, vec3 n) {
  float ndl = max(dot(n, -uKeyDir), 0.0);
  vec3 p = worldPos + n * (0.012 * (1.0 - ndl) + 0.003);
  vec4 s = uShadowMatrix * vec4(p, 1.0);
  if (s.z >= 1.0) return 1.0;
  const vec2 poisson[12] = vec2[](
      vec2(-0.326, -0.406), vec2(-0.840, -0.074), vec2(-0.696, 0.457), vec2(-0.203, 0.621),
      vec2(0.962, -0.195), vec2(0.473, -0.480), vec2(0.519, 0.767), vec2(0.185, -0.893),
      vec2(0.507, 0.064), vec2(0.896, 0.412), vec2(-0.322, -0.933), vec2(-0.792, -0.598));
  // Per-pixel rotation hides the tap pattern as fine noise instead of banding.
  float a = 6.2831853 * fract(52.9829189 * fract(dot(gl_FragCoord.xy, vec2(0.06711056, 0.00583715))));
  mat2 rot = mat2(cos(a), sin(a), -sin(a), cos(a));
  float radius = 2.5 * uShadowTexel;
  float sum = 0.0;
  for (int i = 0; i < 12; ++i) {
    sum += texture(uShadowMap, vec3(s.xy + rot * poisson[i] * radius, s.z));
  }
  return sum / 12.0;
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
  float rim = pow(1.0 - max(dot(n, v), 0.0), 3.0) * 0.25;
  return albedo * (ambient + uKeyColor * key * shadow + uFillColor * fill) + spec * shadow +
         rim * uSkyAmbient;
}

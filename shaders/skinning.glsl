// Linear blend skinning. The palette lives in a uniform block (≤ 256 joints, 16 KiB, the
// minimum every GL 3.3 implementation guarantees). Weights are renormalised here as well as at
// import, so a file with unnormalised weights cannot scale the mesh.
// Contract: palette[j] = model-space joint matrix × inverse bind matrix (bind-space → model).
layout(std140) uniform Palette { mat4 uPalette[256]; };
uniform bool uSkinned;

mat4 skinMatrix(uvec4 joints, vec4 weights) {
  float sum = weights.x + weights.y + weights.z + weights.w;
  if (!uSkinned || sum <= 0.0) return mat4(1.0);
  vec4 w = weights / sum;
  return w.x * uPalette[min(joints.x, 255u)] + w.y * uPalette[min(joints.y, 255u)] +
         w.z * uPalette[min(joints.z, 255u)] + w.w * uPalette[min(joints.w, 255u)];
}

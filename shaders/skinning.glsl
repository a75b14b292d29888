// Skinning, shared by every program that skins (scene, shadow, pick, skin_capture), so all of
// them deform a mesh the same way. The palette lives in a uniform block (≤ 256 joints, 16 KiB,
// the minimum every GL 3.3 implementation guarantees). Weights are renormalised here as well as
// at import, so a file with unnormalised weights cannot scale the mesh.
// Contract: palette[j] = model-space joint matrix × inverse bind matrix (bind-space → model).
//
// uSkinned selects the method per draw item (DrawItem::flags):
//   0  rigid: no palette, identity;
//   1  linear blend skinning (any palette, including foreign rigs with scale);
//   2  dual-quaternion skinning (Kavan et al. 2007, "Skinning with dual quaternions"; the
//      mannequin, kDrawDualQuat): keeps volume in deep flexion and twist. Rigid palettes only.
// In mode 2 each influence's dual quaternion is DERIVED FROM ITS MATRIX HERE (Gram-Schmidt,
// then Shepperd's matrix → quaternion), so the block layout and the upload stay the same for
// both methods (a second block of 2 vec4 per joint would need 24 KiB in one block or a second
// binding). The CPU reference is sv::computeDualQuatPalette + sv::skinVerticesDualQuat.
// skinMatrix returns the rigid matrix of the normalised blended dual quaternion, so callers'
// `mat3(skin) * normal` rotates normals by the blended rotation.
layout(std140) uniform Palette { mat4 uPalette[256]; };
uniform int uSkinned;

// Unit quaternion (x, y, z, w) of the rotation part of a rigid matrix.
vec4 skinQuatFromMatrix(mat4 m) {
  vec3 x = normalize(m[0].xyz);
  vec3 y = normalize(m[1].xyz - dot(m[1].xyz, x) * x);
  mat3 r = mat3(x, y, cross(x, y));  // r[column][row]
  float t = r[0][0] + r[1][1] + r[2][2];
  vec4 q;
  if (t > 0.0) {
    float s = 0.5 / sqrt(t + 1.0);
    q = vec4((r[1][2] - r[2][1]) * s, (r[2][0] - r[0][2]) * s, (r[0][1] - r[1][0]) * s, 0.25 / s);
  } else if (r[0][0] > r[1][1] && r[0][0] > r[2][2]) {
    float s = 2.0 * sqrt(1.0 + r[0][0] - r[1][1] - r[2][2]);
    q = vec4(0.25 * s, (r[1][0] + r[0][1]) / s, (r[2][0] + r[0][2]) / s, (r[1][2] - r[2][1]) / s);
  } else if (r[1][1] > r[2][2]) {
    float s = 2.0 * sqrt(1.0 + r[1][1] - r[0][0] - r[2][2]);
    q = vec4((r[1][0] + r[0][1]) / s, 0.25 * s, (r[2][1] + r[1][2]) / s, (r[2][0] - r[0][2]) / s);
  } else {
    float s = 2.0 * sqrt(1.0 + r[2][2] - r[0][0] - r[1][1]);
    q = vec4((r[2][0] + r[0][2]) / s, (r[2][1] + r[1][2]) / s, 0.25 * s, (r[0][1] - r[1][0]) / s);
  }
  return normalize(q);
}

vec4 skinQuatMul(vec4 a, vec4 b) {
  return vec4(a.w * b.xyz + b.w * a.xyz + cross(a.xyz, b.xyz), a.w * b.w - dot(a.xyz, b.xyz));
}

// Adds w × the dual quaternion of palette matrix m to (real, dual), on the hemisphere of `ref`.
// Zero weights are skipped (their matrix may be anything, even all zeros).
void skinAddDualQuat(mat4 m, float w, vec4 ref, inout vec4 real, inout vec4 dual) {
  if (w == 0.0) return;
  vec4 q = skinQuatFromMatrix(m);
  if (dot(q, ref) < 0.0) w = -w;  // antipodality: q and -q are the same rotation
  real += w * q;
  dual += w * 0.5 * skinQuatMul(vec4(m[3].xyz, 0.0), q);
}

mat4 skinMatrix(uvec4 joints, vec4 weights) {
  float sum = weights.x + weights.y + weights.z + weights.w;
  if (uSkinned == 0 || sum <= 0.0) return mat4(1.0);
  vec4 w = weights / sum;
  mat4 m0 = uPalette[min(joints.x, 255u)];
  mat4 m1 = uPalette[min(joints.y, 255u)];
  mat4 m2 = uPalette[min(joints.z, 255u)];
  mat4 m3 = uPalette[min(joints.w, 255u)];
  if (uSkinned == 1) return w.x * m0 + w.y * m1 + w.z * m2 + w.w * m3;

  vec4 ref = skinQuatFromMatrix(m0);  // weights are sorted: x is the largest influence
  vec4 real = vec4(0.0), dual = vec4(0.0);
  skinAddDualQuat(m0, w.x, ref, real, dual);
  skinAddDualQuat(m1, w.y, ref, real, dual);
  skinAddDualQuat(m2, w.z, ref, real, dual);
  skinAddDualQuat(m3, w.w, ref, real, dual);
  float len = length(real);
  real /= len;
  dual /= len;
  vec3 t = 2.0 * skinQuatMul(dual, vec4(-real.xyz, real.w)).xyz;
  float x = real.x, y = real.y, z = real.z, s = real.w;
  return mat4(1.0 - 2.0 * (y * y + z * z), 2.0 * (x * y + s * z), 2.0 * (x * z - s * y), 0.0,
              2.0 * (x * y - s * z), 1.0 - 2.0 * (x * x + z * z), 2.0 * (y * z + s * x), 0.0,
              2.0 * (x * z + s * y), 2.0 * (y * z - s * x), 1.0 - 2.0 * (x * x + y * y), 0.0,
              t, 1.0);
}

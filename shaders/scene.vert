#version 330 core
#include "skinning.glsl"
layout(location = 0) in vec3 aPosition;
layout(location = 1) in vec3 aNormal;
layout(location = 2) in uvec4 aJoints;
layout(location = 3) in vec4 aWeights;
layout(location = 5) in uvec4 aRegionIds;
layout(location = 6) in vec4 aRegionWeights;
layout(location = 7) in vec4 aCover;
uniform mat4 uViewProj;
uniform mat4 uModel;
uniform mat4 uNormalMatrix;
// Per muscle region: x = highlight intensity [0,1], y = selected (0/1), z = heat [-1,1].
// Each vertex blends up to four regions by its region weights (they fall off over a few
// centimetres across a border), and the blend is interpolated over the triangles, so region
// borders are soft instead of following the mesh's edges.
uniform vec3 uRegion[64];
out vec3 vWorldPos;
out vec3 vNormal;
out vec3 vRegion;
out vec4 vCover;
void main() {
  mat4 skin = skinMatrix(aJoints, aWeights);
  vec4 world = uModel * (skin * vec4(aPosition, 1.0));
  vWorldPos = world.xyz;
  // Skinning matrices here are rigid blends (no shear), so their upper 3×3 transforms normals.
  vNormal = mat3(uNormalMatrix) * (mat3(skin) * aNormal);
  vRegion = aRegionWeights.x * uRegion[min(aRegionIds.x, 63u)] +
            aRegionWeights.y * uRegion[min(aRegionIds.y, 63u)] +
            aRegionWeights.z * uRegion[min(aRegionIds.z, 63u)] +
            aRegionWeights.w * uRegion[min(aRegionIds.w, 63u)];
  vCover = aCover;
  gl_Position = uViewProj * world;
}

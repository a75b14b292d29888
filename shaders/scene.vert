#version 330 core
#include "skinning.glsl"
layout(location = 0) in vec3 aPosition;
layout(location = 1) in vec3 aNormal;
layout(location = 2) in uvec4 aJoints;
layout(location = 3) in vec4 aWeights;
layout(location = 4) in uint aRegion;
uniform mat4 uViewProj;
uniform mat4 uModel;
uniform mat4 uNormalMatrix;
// Per muscle region: x = highlight intensity [0,1], y = selected (0/1), z = heat [-1,1].
// Looked up per vertex and interpolated, so region borders blend over one triangle instead
// of stair-stepping.
uniform vec3 uRegion[64];
out vec3 vWorldPos;
out vec3 vNormal;
out vec3 vRegion;
void main() {
  mat4 skin = skinMatrix(aJoints, aWeights);
  vec4 world = uModel * (skin * vec4(aPosition, 1.0));
  vWorldPos = world.xyz;
  // Skinning matrices here are rigid blends (no shear), so their upper 3×3 transforms normals.
  vNormal = mat3(uNormalMatrix) * (mat3(skin) * aNormal);
  vRegion = uRegion[min(aRegion, 63u)];
  gl_Position = uViewProj * world;
}

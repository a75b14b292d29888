#version 330 core
// Id buffer for Renderer::measureView: each fragment says which item it belongs to and
// whether it is on the measured segment (the vertex's strongest influence, joints.x, is one
// of the segment's palette joints; weights are sorted, see skinning.glsl).
#include "skinning.glsl"
layout(location = 0) in vec3 aPosition;
layout(location = 2) in uvec4 aJoints;
layout(location = 3) in vec4 aWeights;
uniform mat4 uViewProj;
uniform mat4 uModel;
uniform uint uSegmentBones[8];  // palette joint j: bit j % 32 of word j / 32; all 0: none
flat out uint vSegment;
void main() {
  uint j = min(aJoints.x, 255u);
  vSegment = (uSegmentBones[j >> 5u] >> (j & 31u)) & 1u;
  gl_Position = uViewProj * uModel * (skinMatrix(aJoints, aWeights) * vec4(aPosition, 1.0));
}

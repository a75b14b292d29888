#version 330 core
#include "skinning.glsl"
layout(location = 0) in vec3 aPosition;
layout(location = 2) in uvec4 aJoints;
layout(location = 3) in vec4 aWeights;
layout(location = 4) in uint aRegion;
uniform mat4 uViewProj;
uniform mat4 uModel;
flat out uint vRegion;
void main() {
  vRegion = aRegion;
  gl_Position = uViewProj * uModel * (skinMatrix(aJoints, aWeights) * vec4(aPosition, 1.0));
}

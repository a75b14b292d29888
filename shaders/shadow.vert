#version 330 core
#include "skinning.glsl"
layout(location = 0) in vec3 aPosition;
layout(location = 2) in uvec4 aJoints;
layout(location = 3) in vec4 aWeights;
uniform mat4 uLightViewProj;
uniform mat4 uModel;
void main() {
  gl_Position = uLightViewProj * uModel * (skinMatrix(aJoints, aWeights) * vec4(aPosition, 1.0));
}

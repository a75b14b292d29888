#version 330 core
// Transform-feedback program used by tests: outputs the skinned model-space position of each
// vertex with exactly the skinning code the scene uses.
#include "skinning.glsl"
layout(location = 0) in vec3 aPosition;
layout(location = 2) in uvec4 aJoints;
layout(location = 3) in vec4 aWeights;
out vec3 vSkinned;
void main() {
  vSkinned = (skinMatrix(aJoints, aWeights) * vec4(aPosition, 1.0)).xyz;
  gl_Position = vec4(0.0, 0.0, 0.0, 1.0);
}

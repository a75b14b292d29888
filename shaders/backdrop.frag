#version 330 core
in vec3 vColor;  // display-encoded already
layout(location = 0) out vec4 oColor;
void main() {
  float d = fract(52.9829189 * fract(dot(gl_FragCoord.xy, vec2(0.06711056, 0.00583715))));
  oColor = vec4(vColor + (d - 0.5) / 255.0, 1.0);
}

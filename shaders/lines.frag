#version 330 core
// Overlay lines (skeleton, muscle paths, force arrows): colours are authored in sRGB.
in vec4 vColor;
layout(location = 0) out vec4 oColor;
void main() { oColor = vColor; }

#version 330 core
// Id buffer: the item's pick id and the muscle region under the pixel.
uniform uint uPickId;
flat in uint vRegion;
layout(location = 0) out uvec2 oId;
void main() { oId = uvec2(uPickId, vRegion); }

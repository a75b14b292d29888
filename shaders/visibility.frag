#version 330 core
// Bit 0: the measured segment; the item's own bit (its pick id, or "other") above it.
uniform uint uItemBits;
flat in uint vSegment;
layout(location = 0) out uint oMask;
void main() { oMask = uItemBits | vSegment; }

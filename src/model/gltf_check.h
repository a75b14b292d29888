// Structural checks of a glTF 2.0 document, made before anything reads it (the accessor
// reader here, the assimp importer). Hostile or broken files must be refused with a message,
// never crash, hang or exhaust memory: assimp 5.2 trusts indices, counts and strides, and
// nlohmann::json's typed access throws or asserts on a member of the wrong type.
//
// checkDocument() checks, for the core glTF 2.0 schema that the importer and assimp use:
//  - JSON types of every member read (arrays of objects, indices, counts, strings, numbers);
//  - required members (asset.version, mesh primitives and their attributes, skin joints,
//    accessor componentType/type/count, bufferView buffer/byteLength, buffer byteLength, …);
//  - every index (node, mesh, skin, accessor, bufferView, buffer, sampler, material, texture,
//    image) within its array;
//  - accessor bounds against their bufferView and buffer, overflow-safe (64-bit arithmetic
//    with every product checked), byteStride within [4, 252] and a multiple of 4, so nothing
//    is allocated for a count before the data is known to hold it;
//  - per primitive: every attribute (and morph target) accessor has POSITION's count
//    (WEIGHTS_0 shorter than JOINTS_0 is refused), JOINTS_n has its WEIGHTS_n, index values
//    lie below the vertex count, attribute types match the spec (POSITION VEC3 float, …);
//  - skins: at least one joint, unique node indices, inverse bind matrices (required: assimp
//    5.2 crashes without them) MAT4 float with one per joint;
//  - animations: sampler input scalar float times (finite, non-decreasing), output counts
//    matching the input (×3 for CUBICSPLINE);
//  - the node graph: one parent per node, no cycles, at most kMaxNodeDepth levels (assimp
//    recurses per level and overflows the stack on a 20,000-deep chain);
//  - asset.version 2.0 (another major, or a minVersion above 2.0, is named as such).
// Extensions and extras are not inspected beyond their JSON depth (parseAsset).
//
// The error is the first problem found: "<JSON pointer>: <reason>", e.g.
//   "/meshes/0/primitives/0/attributes/JOINTS_0: expected an accessor index, got a string".
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "core/result.h"
#include "model/gltf_io.h"

namespace sv::gltf {

// Deepest node hierarchy accepted (root = level 1). Real rigs have 10–40 levels.
inline constexpr std::size_t kMaxNodeDepth = 256;

Status checkDocument(const Asset& asset);

// Bytes of a component type (5120 … 5126), 0 for an unknown one.
int componentBytes(int componentType);
// Components of an accessor type ("SCALAR" 1 … "MAT4" 16), 0 for an unknown one.
int componentCount(std::string_view type);
// Whether `count` elements of `elementBytes`, `stride` bytes apart, starting at `offset`, lie
// within `length` bytes. Overflow-safe for any 64-bit inputs (nothing is multiplied).
bool rangeFits(std::uint64_t offset, std::uint64_t stride, std::uint64_t count,
               std::uint64_t elementBytes, std::uint64_t length);

}  // namespace sv::gltf

#!/usr/bin/env python3
"""Writes the hostile glTF corpus of tests/model/corpus (run from anywhere; review the diff).

Each file is a small valid skinned model (base()) with ONE defect; the ctest
"model corpus: <file>" runs `stretchviz --report --model <file>` and expects a non-zero exit
(never a signal) with the line of <file>.expected on stderr. Files named ok-*.gltf must load.
The .expected files are written by hand from the reviewed output (see tests/model/CMakeLists.txt).
"""
import base64
import copy
import json
import os
import struct

HERE = os.path.dirname(os.path.abspath(__file__))


def blob():
    pos = struct.pack("<9f", 0, 0, 0, 1, 0, 0, 0, 1, 0)  # 36 bytes
    joints = struct.pack("<12H", *([0, 0, 0, 0] * 3))  # 24
    weights = struct.pack("<12f", *([1, 0, 0, 0] * 3))  # 48
    indices = struct.pack("<3H", 0, 1, 2) + b"\0\0"  # 6 + 2 padding
    ibm = struct.pack("<16f", 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1)  # 64
    times = struct.pack("<2f", 0, 1)  # 8
    rot = struct.pack("<8f", 0, 0, 0, 1, 0, 0, 0, 1)  # 32
    return pos + joints + weights + indices + ibm + times + rot  # 220


def base():
    data = blob()
    return {
        "asset": {"version": "2.0", "generator": "stretchviz hostile corpus"},
        "scene": 0,
        "scenes": [{"nodes": [0, 2]}],
        "nodes": [
            {"name": "root", "children": [1]},
            {"name": "joint", "translation": [0, 0.5, 0]},
            {"name": "mesh", "mesh": 0, "skin": 0},
        ],
        "meshes": [{"primitives": [{
            "attributes": {"POSITION": 0, "JOINTS_0": 1, "WEIGHTS_0": 2},
            "indices": 3}]}],
        "skins": [{"joints": [1], "inverseBindMatrices": 4}],
        "animations": [{"samplers": [{"input": 5, "output": 6}],
                        "channels": [{"sampler": 0, "target": {"node": 1, "path": "rotation"}}]}],
        "accessors": [
            {"bufferView": 0, "componentType": 5126, "count": 3, "type": "VEC3",
             "min": [0, 0, 0], "max": [1, 1, 0]},
            {"bufferView": 1, "componentType": 5123, "count": 3, "type": "VEC4"},
            {"bufferView": 2, "componentType": 5126, "count": 3, "type": "VEC4"},
            {"bufferView": 3, "componentType": 5123, "count": 3, "type": "SCALAR"},
            {"bufferView": 4, "componentType": 5126, "count": 1, "type": "MAT4"},
            {"bufferView": 5, "componentType": 5126, "count": 2, "type": "SCALAR",
             "min": [0], "max": [1]},
            {"bufferView": 6, "componentType": 5126, "count": 2, "type": "VEC4"},
        ],
        "bufferViews": [
            {"buffer": 0, "byteOffset": 0, "byteLength": 36},
            {"buffer": 0, "byteOffset": 36, "byteLength": 24},
            {"buffer": 0, "byteOffset": 60, "byteLength": 48},
            {"buffer": 0, "byteOffset": 108, "byteLength": 6},
            {"buffer": 0, "byteOffset": 116, "byteLength": 64},
            {"buffer": 0, "byteOffset": 180, "byteLength": 8},
            {"buffer": 0, "byteOffset": 188, "byteLength": 32},
        ],
        "buffers": [{"byteLength": len(data),
                     "uri": "data:application/octet-stream;base64," +
                            base64.b64encode(data).decode()}],
    }


def nested(levels):
    v = 0
    for _ in range(levels):
        v = [v]
    return v


def variants():
    out = {}

    def v(name, change):
        d = base()
        change(d)
        out[name] = d

    v("ok-base.gltf", lambda d: None)
    v("ok-node-named-like-an-unnamed-node.gltf",
      lambda d: d["nodes"][0].update(name="nodes[99999999999]"))
    v("wrong-type-joints-attribute.gltf",
      lambda d: d["meshes"][0]["primitives"][0]["attributes"].update(JOINTS_0="one"))
    v("wrong-type-buffer-view.gltf", lambda d: d["accessors"][0].update(bufferView="0"))
    v("wrong-type-skin.gltf", lambda d: d.update(skins=[5]))
    v("wrong-type-nodes.gltf", lambda d: d.update(nodes={"0": {}}))
    v("wrong-type-count.gltf", lambda d: d["accessors"][0].update(count=3.5))
    v("missing-meshes.gltf", lambda d: d.pop("meshes"))
    v("missing-primitives.gltf", lambda d: d["meshes"][0].pop("primitives"))
    v("missing-attributes.gltf", lambda d: d["meshes"][0]["primitives"][0].pop("attributes"))
    v("missing-buffer-views.gltf", lambda d: d.pop("bufferViews"))
    v("missing-asset-version.gltf", lambda d: d["asset"].pop("version"))
    v("empty-skin.gltf", lambda d: d["skins"][0].update(joints=[]))
    v("accessor-count-wraps.gltf", lambda d: d["accessors"][2].update(count=2**62))
    v("accessor-count-huge.gltf", lambda d: d["accessors"][0].update(count=10**12))
    v("negative-byte-offset.gltf", lambda d: d["bufferViews"][0].update(byteOffset=-16))
    v("negative-accessor-offset.gltf", lambda d: d["accessors"][0].update(byteOffset=-12))
    v("huge-byte-stride.gltf", lambda d: d["bufferViews"][2].update(byteStride=2**32))
    v("byte-stride-too-small.gltf", lambda d: d["bufferViews"][2].update(byteStride=4))

    def shorter_weights(d):
        d["accessors"][2]["count"] = 2
    v("weights-shorter-than-joints.gltf", shorter_weights)

    def joints_only(d):
        d["meshes"][0]["primitives"][0]["attributes"].pop("WEIGHTS_0")
    v("joints-without-weights.gltf", joints_only)
    v("position-of-wrong-type.gltf",
      lambda d: d["accessors"][0].update(type="MAT4", count=1, bufferView=4, min=[], max=[]))
    # The inverse bind matrix read as uint16 indices: 0, 0, 16256 (1.0f = 0x3F800000).
    v("index-out-of-range.gltf", lambda d: d["accessors"][3].update(bufferView=4))
    v("deep-json.gltf", lambda d: d["asset"].update(extras=nested(100)))
    v("node-cycle.gltf", lambda d: d["nodes"][1].update(children=[0]))
    v("node-two-parents.gltf", lambda d: d["nodes"][2].update(children=[1]))
    v("node-own-child.gltf", lambda d: d["nodes"][1].update(children=[1]))
    v("skin-joint-twice.gltf", lambda d: d["skins"][0].update(joints=[1, 1]))
    v("skin-joint-missing-node.gltf", lambda d: d["skins"][0].update(joints=[7]))
    v("too-few-inverse-bind-matrices.gltf", lambda d: d["skins"][0].update(joints=[1, 0]))
    # Found by fuzz_model_loader: assimp 5.2 dereferences a null accessor.
    v("skin-without-inverse-bind-matrices.gltf", lambda d: d["skins"][0].pop("inverseBindMatrices"))
    v("animation-output-short.gltf", lambda d: d["accessors"][6].update(count=1))
    # Key times read from the inverse bind matrix: 1, 0.
    v("animation-times-decrease.gltf", lambda d: d["accessors"][5].update(bufferView=4))
    v("buffer-uri-dev-zero.gltf", lambda d: d["buffers"][0].update(uri="/dev/zero"))
    v("buffer-uri-absolute.gltf", lambda d: d["buffers"][0].update(uri="/etc/passwd"))
    v("buffer-uri-parent-dir.gltf", lambda d: d["buffers"][0].update(uri="../secret.bin"))
    v("buffer-uri-percent-parent-dir.gltf",
      lambda d: d["buffers"][0].update(uri="sub/%2E%2e/%2e%2E/secret.bin"))
    v("buffer-uri-scheme.gltf", lambda d: d["buffers"][0].update(uri="file:///etc/passwd"))
    v("buffer-uri-missing-file.gltf", lambda d: d["buffers"][0].update(uri="missing.bin"))
    v("buffer-uri-not-a-string.gltf", lambda d: d["buffers"][0].update(uri=42))
    v("buffer-data-uri-bad-base64.gltf",
      lambda d: d["buffers"][0].update(uri="data:application/octet-stream;base64,@@@@"))
    v("buffer-shorter-than-byte-length.gltf", lambda d: d["buffers"][0].update(byteLength=4096))
    v("buffer-view-outside-buffer.gltf",
      lambda d: d["bufferViews"][4].update(byteOffset=2**64 - 8))
    v("version-3.gltf", lambda d: d["asset"].update(version="3.0"))
    v("version-2-1.gltf", lambda d: d["asset"].update(version="2.1"))
    v("min-version-2-1.gltf", lambda d: d["asset"].update(minVersion="2.1"))

    def sparse_bad(d):  # the sparse index is read from the inverse bind matrix: 16256
        d["accessors"][0]["sparse"] = {
            "count": 1,
            "indices": {"bufferView": 4, "componentType": 5123, "byteOffset": 2},
            "values": {"bufferView": 0}}
    v("sparse-index-out-of-range.gltf", sparse_bad)
    v("channel-path-unknown.gltf",
      lambda d: d["animations"][0]["channels"][0]["target"].update(path="colour"))
    evil = "a\nfake.gltf:1:1: error\u001b[31m"

    def evil_names(d):  # two joints of the same name, so that the name is quoted
        d["nodes"][1]["name"] = d["nodes"][2]["name"] = evil
        d["skins"][0]["joints"] = [1, 2]
        d["bufferViews"].append({"buffer": 0, "byteOffset": 0, "byteLength": 128})
        d["accessors"][4].update(bufferView=7, count=2)
    v("node-name-escape-codes.gltf", evil_names)
    return out


def glb(doc, version=2, truncate=0):
    text = json.dumps(doc, separators=(",", ":")).encode()
    text += b" " * (-len(text) % 4)
    body = struct.pack("<II", len(text), 0x4E4F534A) + text
    out = struct.pack("<III", 0x46546C67, version, 12 + len(body)) + body
    return out[:len(out) - truncate] if truncate else out


def main():
    for name, doc in variants().items():
        with open(os.path.join(HERE, name), "w") as f:
            json.dump(doc, f, indent=1)
            f.write("\n")
    with open(os.path.join(HERE, "glb-version-1.glb"), "wb") as f:
        f.write(glb(base(), version=1))
    with open(os.path.join(HERE, "glb-truncated-chunk.glb"), "wb") as f:
        f.write(glb(base(), truncate=40))


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""The worst staging values per stretch as the Markdown table in docs/assist.md.

Reads the JSON of `stretchviz --report --staging` on stdin (every stretch, both sides, every
technique) and prints one row per stretch: the runs within every limit, and the worst of each
measure over its runs (the overlap with the segment pair where it is deepest).

    stretchviz --report --staging | scripts/staging_table.py
"""
import json
import sys


def main() -> int:
    try:
        report = json.load(sys.stdin)
    except json.JSONDecodeError as e:
        print(f"staging_table: stdin: line {e.lineno}: not JSON: {e.msg}", file=sys.stderr)
        return 1
    by_stretch: dict[str, list[dict]] = {}
    for run in report.get("runs", []):
        by_stretch.setdefault(run["stretch"], []).append(run)
    print("| stretch | posture | runs within | into the client, mm (practitioner → client) "
          "| into the table, mm | head clearance, mm | palm off its goal, mm | lean, ° "
          "| support off the floor, mm | push, mm |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for stretch in sorted(by_stretch):
        runs = by_stretch[stretch]
        within = sum(1 for r in runs if r["within_limits"])
        deepest = max(runs, key=lambda r: r["client_depth_mm"])
        depth = f"{deepest['client_depth_mm']:.0f}"
        pair = deepest.get("client_pair") or [None, None]
        if pair[0] and pair[1]:
            depth += f" ({pair[0]} → {pair[1]})"
        table = max(r["table_depth_mm"] for r in runs)
        head = min(r["head_clearance_mm"] for r in runs)
        palm = max(r["palm_distance_mm"] for r in runs)
        lean = max(r["trunk_lean_deg"] for r in runs)
        push = max(r["max_push_mm"] for r in runs)
        lift = max(r["foot_lift_mm"] for r in runs)
        posture = runs[0].get("posture", "standing").replace("_", " ")
        print(f"| {stretch} | {posture} | {within}/{len(runs)} | {depth} | {table:.0f} "
              f"| {head:.0f} | {palm:.0f} | {lean:.0f} | {lift:.0f} | {push:.0f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())

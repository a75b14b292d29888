#!/usr/bin/env python3
"""Writes docs/stretch-library.md's table from assets/stretches/*.json (run from the repository
root: python3 scripts/library_table.py > docs/stretch-library.md)."""
import glob
import json


def number(v):
    return str(int(v)) if float(v).is_integer() else str(v)


print("""# Stretch library

Generated from `assets/stretches/*.json` by `scripts/library_table.py` (one file per stretch,
written for the RIGHT side; the left side is produced by mirroring). Key measurement: the motion
and the target band of the end pose, in the conventions of docs/anatomy.md (negative = the
opposite direction).

| id | name | primary groups | client | key measurement (deg) | techniques |
|---|---|---|---|---|---|""")
for path in sorted(glob.glob("assets/stretches/*.json")):
    d = json.load(open(path, encoding="utf-8"))
    k = d["key_measurement"]
    band = number(k["target_range"]["min"]) + "…" + number(k["target_range"]["max"])
    print(f"| `{d['id']}` | {d['name']} | {', '.join(d['primary_groups'])} | "
          f"{d['client']['position']} | `{k['motion']}` {band} | {', '.join(d['techniques'])} |")

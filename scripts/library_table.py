#!/usr/bin/env python3
"""Writes docs/stretch-library.md from assets/stretches/*.json (run from the repository root:
python3 scripts/library_table.py > docs/stretch-library.md): a summary table, then per stretch
its position, hands, techniques, what the client is asked to do and its sources."""
import glob
import json


def number(v):
    return str(int(v)) if float(v).is_integer() else str(v)


def band(k):
    return number(k["target_range"]["min"]) + "…" + number(k["target_range"]["max"])


def words(ident):
    return ident.replace("_", " ")


stretches = [json.load(open(p, encoding="utf-8"))
             for p in sorted(glob.glob("assets/stretches/*.json"))]

print(f"""# Stretch library

Generated from `assets/stretches/*.json` by `scripts/library_table.py` ({len(stretches)} stretches,
one file each, written for the RIGHT side; the left side is produced by mirroring). Key
measurement: the motion and the target band of the end pose, in the conventions of
docs/anatomy.md (negative = the opposite direction). Below the table, each stretch's position,
hands, techniques, what the client is asked to do, and its sources as its file gives them.

| id | name | primary groups | client | key measurement (deg) | techniques |
|---|---|---|---|---|---|""")
for d in stretches:
    k = d["key_measurement"]
    print(f"| [`{d['id']}`](#{d['id']}) | {d['name']} | {', '.join(d['primary_groups'])} | "
          f"{d['client']['position']} | `{k['motion']}` {band(k)} | {', '.join(d['techniques'])} |")

for d in stretches:
    k = d["key_measurement"]
    pr = d["practitioner"]
    print(f"\n## {d['id']}\n\n**{d['name']}.** {d['description']}\n")
    groups = ", ".join(words(g) for g in d["primary_groups"])
    if d.get("secondary_groups"):
        groups += " (also " + ", ".join(words(g) for g in d["secondary_groups"]) + ")"
    print(f"- **Targets:** {groups}.")
    print(f"- **Client:** {words(d['client']['position'])} on the {d['client']['support']}. "
          f"{d['client']['placement']}")
    print(f"- **Practitioner:** {words(pr['position'])} ({words(pr.get('posture', 'standing'))}). "
          f"{pr['placement']}")
    for c in pr["contacts"]:
        print(f"  - {c['hand']} hand ({c['role']}, {c.get('grip', 'by landmark')}) on the "
              f"{words(c['landmark'])}: {c['force_description']}.")
    m = f"`{k['motion']}` {band(k)}: {k['condition']}"
    if d.get("second_measurement"):
        s = d["second_measurement"]
        m += f"; second: `{s['motion']}` {band(s)}"
    print(f"- **Measured:** {m}.")
    names = "; ".join(t["name"] for t in d["techniques"].values())
    print(f"- **Techniques:** {names}.")
    asked = []
    for t in d["techniques"].values():
        for ph in t.get("cycle", []):
            if ph["kind"] == "contract" and ph["cue"] not in asked:
                asked.append(ph["cue"])
    said = d.get("client_cues", []) + [f"in the contraction: “{a}”" for a in asked]
    if said:
        print(f"- **The client hears:** {'; '.join(said)}.")
    print("- **Sources:**")
    for r in d.get("references", []):
        print(f"  - {r}")

#!/usr/bin/env python3
"""Derives the built-in ml-engineer role profile from lexicons/ml_engineer.json.

A term's weight reflects how many of the five career guides name it (its guide `sources`)
and whether they call it essential (docs/SCORING.md, "The ml-engineer profile"):

    guides   = number of sources that are guide files (not "extended" or "onet")
    included when guides >= 2 or essential, and the category is not `role` or `education`
    weight   = guides + 2 if essential else guides
    need     = "required" if essential or guides >= 4 else "preferred"

Degrees are not terms of the profile but its degree requirement: a bachelor's degree,
preferred, in any education field named by two or more guides.

    python3 scripts/make_profile.py > lexicons/profiles/ml-engineer.json
    python3 scripts/make_profile.py --check   # exits 1 when the committed file differs
"""
import argparse
import json
import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
LEXICON = ROOT / "lexicons" / "ml_engineer.json"
OUTPUT = ROOT / "lexicons" / "profiles" / "ml-engineer.json"
DEGREE_IDS = {"bachelors-degree", "masters-degree", "phd"}


def guide_count(entry):
    return sum(1 for s in entry.get("sources", []) if s.endswith(".txt"))


def build(lexicon):
    terms = []
    fields = []
    for entry in lexicon["entries"]:
        guides = guide_count(entry)
        essential = bool(entry.get("essential", False))
        if entry["category"] == "education":
            if entry["id"] not in DEGREE_IDS and guides >= 2:
                fields.append(entry["id"])
            continue
        if entry["category"] == "role" or not (guides >= 2 or essential):
            continue
        terms.append({
            "id": entry["id"],
            "weight": guides + (2 if essential else 0),
            "need": "required" if essential or guides >= 4 else "preferred",
        })
    terms.sort(key=lambda t: (t["need"] != "required", -t["weight"], t["id"]))
    profile = {
        "schema": "jobfit.profile/1",
        "name": "ml-engineer",
        "title": "Machine Learning Engineer",
        "description": "Terms the five career guides name for ML engineers, weighted by how "
                       "many name them and whether they call them essential.",
        "generated_by": "scripts/make_profile.py from lexicons/ml_engineer.json "
                        + lexicon.get("version", ""),
        "degree": {"level": "bachelor", "need": "preferred", "fields": sorted(fields)},
        "terms": terms,
    }
    return json.dumps(profile, indent=1, ensure_ascii=False) + "\n"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true",
                        help="compare with the committed profile instead of printing")
    args = parser.parse_args()
    text = build(json.loads(LEXICON.read_text(encoding="utf-8")))
    if args.check:
        if OUTPUT.read_text(encoding="utf-8") != text:
            print(f"{OUTPUT.relative_to(ROOT)} is out of date; rerun scripts/make_profile.py",
                  file=sys.stderr)
            return 1
        return 0
    sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())

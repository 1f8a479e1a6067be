#!/usr/bin/env python3
"""Regenerate the mis-decoded ("mojibake") corpus files from their clean sources.

The damage imitates ../shared/guides/001_*: UTF-8 bytes read as ISO-8859-7 (Greek), with
the bytes that are C1 control codes or unassigned in that code page silently dropped.
So ’ – — and ✅ (all starting with byte 0xE2) become "β", and emoji (starting with 0xF0)
become "π".

    python3 corpora/tools/make_mojibake.py
"""
import pathlib

HERE = pathlib.Path(__file__).resolve().parent
CORPORA = HERE.parent
PAIRS = [
    ("mojibake_src/resume_ml_engineer_mojibake.txt", "resumes/ml_engineer_mojibake.txt"),
    ("mojibake_src/job_ml_engineer_mojibake.txt", "jobs/ml_engineer_mojibake.txt"),
]


def damage(text: str) -> str:
    decoded = text.encode("utf-8").decode("iso8859-7", errors="ignore")
    return "".join(c for c in decoded if not 0x80 <= ord(c) <= 0x9F)


def main() -> None:
    for src, dst in PAIRS:
        clean = (HERE / src).read_text(encoding="utf-8")
        (CORPORA / dst).write_text(damage(clean), encoding="utf-8")
        print(f"wrote {dst}")


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Propose gold-list candidates for the corpora (a review aid, not the gold itself).

Reads the lexicons (lexicons/*.json, format in docs/LEXICON.md), normalises each corpus
text roughly the way a careful extractor would (NFKC, soft hyphens and zero-width spaces
removed, NBSP as space, words hyphenated across a line break joined), and prints, for each
text, the lexicon ids whose aliases or patterns occur, with a context snippet.

Candidates from aliases marked "ambiguous" are flagged "CHECK": a person decides whether the
occurrence names the technology ("R, Python" -> r) or is an ordinary word ("R&D" -> not r).
Every proposal must be checked by hand before it goes into a .gold file.

Standard library only. Usage:

    python3 corpora/tools/propose_gold.py                  # all texts
    python3 corpora/tools/propose_gold.py corpora/jobs/chef.txt
    python3 corpora/tools/propose_gold.py --diff           # compare with existing .gold files
    python3 corpora/tools/propose_gold.py --all            # show every occurrence of CHECK items
"""
import json
import pathlib
import re
import sys
import unicodedata

ROOT = pathlib.Path(__file__).resolve().parents[2]
CORPORA = ROOT / "corpora"
LEXICONS = ROOT / "lexicons"

WORD = r"[0-9A-Za-z_+#]"


def normalise(text: str) -> str:
    text = text.replace("\u00ad", "").replace("\u200b", "").replace("\u00a0", " ")
    text = unicodedata.normalize("NFKC", text)
    # words hyphenated across a line break: "Kuber-\n  netes" -> "Kubernetes"
    text = re.sub(r"([A-Za-z])-\n[ \t]*([A-Za-z])", r"\1\2\n", text)
    return text


def alias_regex(text: str, plural: bool) -> str:
    parts = re.split(r"[\s\-]+", text.strip())
    body = r"[\s\-]+".join(re.escape(p) for p in parts)
    if plural:
        body += r"(?:s|es)?"
    return r"(?<![0-9A-Za-z_+#.])" + body + r"(?!" + WORD + r"|\.[0-9A-Za-z])"


def load_entries():
    entries = []
    for path in sorted(LEXICONS.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        for e in data.get("entries", []):
            default_plural = e.get("category") in ("concept", "role")
            matchers = []
            for a in e.get("aliases", []):
                if isinstance(a, str):
                    a = {"text": a}
                plural = a.get("plural", default_plural)
                flags = 0 if a.get("case", "ignore") == "exact" else re.IGNORECASE
                try:
                    rx = re.compile(alias_regex(a["text"], plural), flags)
                except re.error:
                    continue
                matchers.append((rx, a["text"], bool(a.get("ambiguous", False))))
            for p in e.get("patterns", []) or []:
                flags = 0 if p.get("case", "ignore") == "exact" else re.IGNORECASE
                try:
                    rx = re.compile(p["regex"], flags)
                except re.error:
                    continue
                matchers.append((rx, "/" + p["regex"] + "/", False))
            entries.append((e["id"], e.get("implies", []), matchers, path.name))
    return entries


def propose(path: pathlib.Path, entries):
    text = normalise(path.read_text(encoding="utf-8"))
    cands = []
    for eid, _implies, matchers, _src in entries:
        for rx, label, ambiguous in matchers:
            for m in rx.finditer(text):
                if m.end() > m.start():
                    cands.append((m.start(), m.end(), eid, label, ambiguous))
    # longest match wins where candidates overlap ("GitHub Actions" over "GitHub")
    cands.sort(key=lambda c: (-(c[1] - c[0]), c[0]))
    taken = []
    found = {}
    for start_, end_, eid, label, ambiguous in cands:
        if any(start_ < e and s < end_ for s, e, other in taken if other != eid):
            continue
        if any(s == start_ and e == end_ for s, e, other in taken if other == eid):
            continue
        taken.append((start_, end_, eid))
        start = text.rfind("\n", 0, start_) + 1
        end = text.find("\n", end_)
        snippet = text[start:end if end >= 0 else None].strip()
        rec = found.setdefault(eid, {"amb": True, "hits": []})
        rec["amb"] = rec["amb"] and ambiguous
        rec["hits"].append((label, ambiguous, snippet))
    return found


def read_gold(path: pathlib.Path):
    gold = path.with_name(path.name + ".gold")
    if not gold.exists():
        return None
    ids = set()
    for line in gold.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            ids.add(line)
    return ids


def main(argv):
    diff = "--diff" in argv
    args = [a for a in argv if not a.startswith("--")]
    entries = load_entries()
    if not entries:
        sys.exit("no lexicon entries found under " + str(LEXICONS))
    files = [pathlib.Path(a) for a in args] or sorted(
        p for p in CORPORA.glob("*/*.txt") if p.parent.name in ("resumes", "jobs"))
    for path in files:
        found = propose(path, entries)
        print(f"== {path.relative_to(ROOT) if path.is_absolute() else path}")
        gold = read_gold(path.resolve())
        for eid in sorted(found):
            rec = found[eid]
            flag = "CHECK" if rec["amb"] else "     "
            mark = ""
            if diff and gold is not None:
                mark = "  [in gold]" if eid in gold else "  [NOT in gold]"
            label, _amb, snippet = rec["hits"][0]
            print(f"  {flag} {eid:28} x{len(rec['hits']):<2} {label!r:22} | {snippet[:90]}{mark}")
            if rec["amb"] and "--all" in argv:
                for label, _amb, snippet in rec["hits"][1:]:
                    print(f"  {'':5} {'':28}     {label!r:22} | {snippet[:90]}")
        if diff and gold is not None:
            for eid in sorted(gold - set(found)):
                print(f"  GOLD-ONLY {eid} (not proposed: check the text)")


if __name__ == "__main__":
    main(sys.argv[1:])

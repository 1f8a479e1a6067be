#!/usr/bin/env python3
"""Maintainer tool for the built-in lexicons (lexicons/*.json).

Not used by the build or the tests. Python 3 standard library only.

  scripts/lexicon_tool.py                  validate both lexicons, print guide hits
  scripts/lexicon_tool.py --write-sources  rewrite every entry's "sources" from the guides
  scripts/lexicon_tool.py --missing        list guide words no entry covers
  scripts/lexicon_tool.py --ambiguous      show each ambiguous-alias hit and its decision
  scripts/lexicon_tool.py --stats          entries per file and category

The guide matcher approximates jobfit's tokenizer (see docs/LEXICON.md): letters and
digits form tokens, '.' inside a word or before a leading letter stays in the token,
trailing '+' / '#' stay, "'s" is dropped, everything else separates. Mis-decoded
characters (e.g. Greek letters standing for quotes or dashes) separate as well.
Words run together by a lost line break ("andPandas") are split before matching.
"""

import argparse
import json
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
LEXDIR = os.path.join(ROOT, "lexicons")
FILES = ["ml_engineer.json", "technology.json"]
GUIDES = os.path.normpath(os.path.join(ROOT, "..", "shared", "guides"))

SCHEMA = "jobfit.lexicon/1"
ID_RE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
NAME_RE = re.compile(r"^[a-z0-9-]+$")
CATEGORIES = {"language", "library", "cloud", "tool", "mlops", "data", "database",
              "concept", "soft-skill", "certification", "education", "role"}
PLURAL_DEFAULT = {"concept", "role"}
TOP_KEYS = {"schema", "name", "version", "description", "attribution", "entries"}
ENTRY_KEYS = {"id", "name", "category", "aliases", "patterns", "context", "implies",
              "sources", "refs", "essential"}
ALIAS_KEYS = {"text", "case", "ambiguous", "plural"}
CONTEXT_KEYS = {"default", "window", "positive", "negative", "negative_patterns",
                "positive_patterns", "skills_list", "tech_neighbors"}
SPECIAL_SOURCES = {"extended", "onet"}

# Guide mentions the token matcher cannot see, checked by hand: coordinated phrases
# ("Linear and Logistic Regression", "supervised and unsupervised learning").
# {entry id: {guide file prefix: the words in the guide}}
MANUAL_NAMES = {
    "linear-regression": {"001": "Regression Models (Linear, Logistic)",
                          "004": "Linear and Logistic Regression"},
    "logistic-regression": {"001": "Regression Models (Linear, Logistic)"},
    "supervised-learning": {"001": "supervised and unsupervised learning algorithms",
                            "002": "supervised and unsupervised algorithms"},
}

TOKEN_RE = re.compile(r"\.?[A-Za-z0-9]+(?:\.[A-Za-z0-9]+)*(?:\++|#)?")
RUN_TOGETHER_RE = re.compile(r"\b([a-z][a-z]{2,})([A-Z][a-z])")
POSSESSIVE_RE = re.compile(r"(?<=[A-Za-z0-9])['\u2019]s\b")


# ---------------------------------------------------------------- tokenizer

def clean_text(text):
    """Normalise a document: drop possessives, split run-together words."""
    text = POSSESSIVE_RE.sub("", text)
    text = RUN_TOGETHER_RE.sub(r"\1 \2", text)
    return text


def tokenize(text):
    """Return [(token, start, end)] with the original letter case."""
    out = []
    for m in TOKEN_RE.finditer(text):
        tok = m.group(0)
        start, end = m.start(), m.end()
        # a '.' at the start only stays before a letter (".NET"), not "3.5"
        if tok.startswith(".") and not tok[1:2].isalpha():
            tok, start = tok[1:], start + 1
        out.append((tok, start, end))
    return out


def alias_tokens(text):
    return [t for t, _, _ in tokenize(POSSESSIVE_RE.sub("", text))]


def alias_key(text):
    return " ".join(t.lower() for t in alias_tokens(text))


# ---------------------------------------------------------------- loading

def load(path):
    with open(path, "rb") as f:
        raw = f.read()
    raw.decode("utf-8")  # must be valid UTF-8
    return json.loads(raw)


def dump(doc, path):
    """Write a lexicon: one entry per line, atomically."""
    lines = ["{"]
    keys = [k for k in ("schema", "name", "version", "description", "attribution")
            if k in doc]
    for k in keys:
        lines.append("  %s: %s," % (json.dumps(k), json.dumps(doc[k], ensure_ascii=False)))
    lines.append('  "entries": [')
    ents = doc["entries"]
    for i, e in enumerate(ents):
        order = ["id", "name", "category", "essential", "aliases", "patterns", "context",
                 "implies", "sources", "refs"]
        e2 = {k: e[k] for k in order if k in e}
        for k in e:
            if k not in e2:
                e2[k] = e[k]
        s = json.dumps(e2, ensure_ascii=False, separators=(", ", ": "))
        lines.append("    " + s + ("," if i + 1 < len(ents) else ""))
    lines.append("  ]")
    lines.append("}")
    text = "\n".join(lines) + "\n"
    json.loads(text)
    tmp = path + ".tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        f.write(text)
    os.replace(tmp, path)


def norm_alias(a):
    if isinstance(a, str):
        a = {"text": a}
    return a


# ---------------------------------------------------------------- validation

def check_regex(rx):
    """Approximate an RE2 check with Python's re and RE2's known refusals."""
    if re.search(r"\(\?[=!]|\(\?<[=!]", rx):
        return "lookaround is not supported by RE2"
    if re.search(r"(?<!\\)\\[1-9]", rx):
        return "backreferences are not supported by RE2"
    if "(?P=" in rx:
        return "backreferences are not supported by RE2"
    try:
        re.compile(rx)
    except re.error as ex:
        return str(ex)
    return None


def validate(docs):
    errors, warnings = [], []
    ids = {}
    alias_owner = {}
    for fname, doc in docs:
        def err(msg, eid=None):
            errors.append("%s: %s%s" % (fname, ("entry %r: " % eid) if eid else "", msg))
        for k in doc:
            if k not in TOP_KEYS:
                err("unknown top-level key %r" % k)
        if doc.get("schema") != SCHEMA:
            err("schema must be %r" % SCHEMA)
        if not isinstance(doc.get("name"), str) or not NAME_RE.match(doc.get("name", "")):
            err("bad name")
        if not isinstance(doc.get("version"), str):
            err("version must be a string")
        has_onet = False
        for e in doc.get("entries", []):
            eid = e.get("id")
            if not isinstance(eid, str) or not ID_RE.match(eid):
                err("bad id %r" % (eid,))
                continue
            if eid in ids:
                err("duplicate id (also in %s)" % ids[eid], eid)
            ids[eid] = fname
            for k in e:
                if k not in ENTRY_KEYS:
                    err("unknown key %r" % k, eid)
            if not isinstance(e.get("name"), str) or not e["name"].strip():
                err("missing name", eid)
            cat = e.get("category")
            if cat not in CATEGORIES:
                err("bad category %r" % (cat,), eid)
            aliases = e.get("aliases")
            if not isinstance(aliases, list):
                err("aliases must be an array", eid)
                aliases = []
            if not aliases and not e.get("patterns"):
                err("needs at least one alias or pattern", eid)
            any_amb = False
            seen_here = set()
            for i, a in enumerate(aliases):
                if isinstance(a, dict):
                    for k in a:
                        if k not in ALIAS_KEYS:
                            err("alias %d: unknown key %r" % (i + 1, k), eid)
                    if a.get("case", "ignore") not in ("exact", "ignore"):
                        err("alias %d: bad case" % (i + 1), eid)
                    for k in ("ambiguous", "plural"):
                        if k in a and not isinstance(a[k], bool):
                            err("alias %d: %s must be bool" % (i + 1, k), eid)
                    if a.get("ambiguous"):
                        any_amb = True
                elif not isinstance(a, str):
                    err("alias %d: must be string or object" % (i + 1), eid)
                    continue
                a = norm_alias(a)
                text = a.get("text")
                if not isinstance(text, str) or not alias_tokens(text):
                    err("alias %d: no tokens in %r" % (i + 1, text), eid)
                    continue
                exact = a.get("case") == "exact"
                key = alias_key(text)
                ckey = " ".join(alias_tokens(text)) if exact else None
                if (key, ckey) in seen_here:
                    warnings.append("%s: entry %r: alias %r listed twice" % (fname, eid, text))
                seen_here.add((key, ckey))
                for (oid, oexact, octext) in alias_owner.get(key, []):
                    if oid == eid:
                        continue
                    if exact and oexact and octext != ckey:
                        continue
                    err("alias %r also belongs to %r" % (text, oid), eid)
                alias_owner.setdefault(key, []).append((eid, exact, ckey))
            if any_amb and not isinstance(e.get("context"), dict):
                err("ambiguous alias but no context", eid)
            ctx = e.get("context")
            if ctx is not None:
                if not isinstance(ctx, dict):
                    err("context must be an object", eid)
                else:
                    for k in ctx:
                        if k not in CONTEXT_KEYS:
                            err("context: unknown key %r" % k, eid)
                    if ctx.get("default", "reject") not in ("accept", "reject"):
                        err("context: bad default", eid)
                    if not isinstance(ctx.get("window", 5), int) or ctx.get("window", 5) < 1:
                        err("context: bad window", eid)
                    for k in ("negative_patterns", "positive_patterns"):
                        for rx in ctx.get(k, []):
                            m = check_regex(rx)
                            if m:
                                err("context %s %r: %s" % (k, rx, m), eid)
                    for k in ("positive", "negative"):
                        for w in ctx.get(k, []):
                            if len(alias_tokens(w)) != 1:
                                warnings.append("%s: entry %r: context word %r is not one token"
                                                % (fname, eid, w))
                    if not any_amb:
                        warnings.append("%s: entry %r: context without ambiguous alias"
                                        % (fname, eid))
            for i, p in enumerate(e.get("patterns", [])):
                if not isinstance(p, dict) or not isinstance(p.get("regex"), str):
                    err("pattern %d: needs regex" % (i + 1), eid)
                    continue
                m = check_regex(p["regex"])
                if m:
                    err("pattern %d: %s" % (i + 1, m), eid)
                if p.get("case", "ignore") not in ("exact", "ignore"):
                    err("pattern %d: bad case" % (i + 1), eid)
            src = e.get("sources")
            if not isinstance(src, list) or not src:
                err("sources must be a non-empty array", eid)
            else:
                for s in src:
                    if s not in SPECIAL_SOURCES and not re.match(r"^\d{3}_[0-9a-f]{16}\.txt$", s):
                        err("bad source %r" % s, eid)
                if "onet" in src and not (e.get("refs") or {}).get("onet"):
                    err("source onet without refs.onet", eid)
            refs = e.get("refs")
            if refs is not None:
                if not isinstance(refs, dict):
                    err("refs must be an object", eid)
                elif "onet" in refs:
                    has_onet = True
                    if not re.match(r"^\d{8}$", str(refs["onet"])):
                        err("refs.onet must be an 8-digit commodity code", eid)
            if "essential" in e and not isinstance(e["essential"], bool):
                err("essential must be bool", eid)
        if has_onet and "O*NET 29.2" not in doc.get("attribution", ""):
            err("O*NET references need the attribution field")
    # implies
    graph = {}
    for fname, doc in docs:
        for e in doc.get("entries", []):
            graph[e.get("id")] = e.get("implies", [])
            for t in e.get("implies", []):
                if t not in ids:
                    errors.append("%s: entry %r: implies unknown id %r" % (fname, e.get("id"), t))
                if t == e.get("id"):
                    errors.append("%s: entry %r: implies itself" % (fname, t))
    state = {}

    def visit(n, stack):
        state[n] = 1
        for t in graph.get(n, []):
            if state.get(t) == 1:
                errors.append("implies cycle: %s" % " -> ".join(stack + [n, t]))
            elif t in graph and not state.get(t):
                visit(t, stack + [n])
        state[n] = 2
    for n in graph:
        if not state.get(n):
            visit(n, [])
    return errors, warnings


# ---------------------------------------------------------------- matching

class Guide:
    def __init__(self, path):
        self.name = os.path.basename(path)
        with open(path, "rb") as f:
            raw = f.read().decode("utf-8", errors="replace")
        # mis-decoded characters (Greek/Latin-1 mojibake) act as separators
        raw = re.sub("[\u0370-\u03ff\u00a0-\u00bf\u00c0-\u00ff]", " ", raw)
        raw = raw.replace("\r\n", "\n").replace("\r", "\n")
        self.text = clean_text(raw)
        self.tokens = tokenize(self.text)
        self.lower = [t.lower() for t, _, _ in self.tokens]
        self.line_of = []
        for _, s, _ in self.tokens:
            self.line_of.append(self.text.count("\n", 0, s))
        self.lines = self.text.split("\n")


def compile_entries(docs):
    """Return a list of (entry, file, [alias matchers], [patterns])."""
    out = []
    for fname, doc in docs:
        for e in doc["entries"]:
            ms = []
            for a in e["aliases"]:
                a = norm_alias(a)
                toks = alias_tokens(a["text"])
                plural = a.get("plural", e["category"] in PLURAL_DEFAULT)
                ms.append((toks, a.get("case") == "exact", plural, bool(a.get("ambiguous")),
                           a["text"]))
            pats = []
            for p in e.get("patterns", []):
                flags = re.I if p.get("case", "ignore") == "ignore" else 0
                rx = p["regex"]
                if rx.startswith("(?i)"):
                    rx, flags = rx[4:], re.I
                pats.append(re.compile(rx, flags))
            out.append((e, fname, ms, pats))
    return out


def find_alias(g, toks, exact, plural):
    n = len(toks)
    low = [t.lower() for t in toks]
    hits = []
    for i in range(len(g.tokens) - n + 1):
        ok = True
        for j in range(n):
            gt = g.tokens[i + j][0]
            want = toks[j] if exact else low[j]
            have = gt if exact else g.lower[i + j]
            if have == want:
                continue
            if j == n - 1 and plural and (have == want + "s" or have == want + "S"):
                continue
            ok = False
            break
        if ok:
            hits.append((i, i + n))
    return hits


LIST_HEAD_RE = re.compile(r"^\s*(?:[-*\u2022]\s*)?(skills|languages|tools|technologies|"
                          r"tech stack|frameworks|libraries|platforms)\s*:", re.I)


def decide(g, e, span, unamb_spans):
    """Approximate the context rules for one ambiguous occurrence."""
    ctx = e.get("context", {})
    window = ctx.get("window", 5)
    i, j = span
    s, t = g.tokens[i][1], g.tokens[j - 1][2]
    line_no = g.line_of[i]
    line_start = g.text.rfind("\n", 0, s) + 1
    line = g.lines[line_no]
    for rx in ctx.get("negative_patterns", []):
        for m in re.finditer(rx, line):
            if m.start() + line_start < t and m.end() + line_start > s:
                return "reject", "negative pattern %s" % rx
    lo, hi = max(0, i - window), min(len(g.tokens), j + window)
    near = set(g.lower[lo:i]) | set(g.lower[j:hi])
    neg = {w.lower() for w in ctx.get("negative", [])}
    if near & neg:
        return "reject", "negative word %s" % sorted(near & neg)
    for rx in ctx.get("positive_patterns", []):
        for m in re.finditer(rx, line):
            if m.start() + line_start < t and m.end() + line_start > s:
                return "accept", "positive pattern %s" % rx
    pos = {w.lower() for w in ctx.get("positive", [])}
    if near & pos:
        return "accept", "positive word %s" % sorted(near & pos)
    if ctx.get("skills_list", True):
        if LIST_HEAD_RE.match(line):
            return "accept", "skills list heading"
        before = g.text[max(line_start, s - 3):s]
        after = g.text[t:t + 3]
        if re.search(r"[,|;/\u2022]\s*$", before) or re.match(r"\s*[,|;/\u2022]", after):
            return "accept", "list item"
    if ctx.get("tech_neighbors", True):
        for (a, b, eid) in unamb_spans:
            if eid != e["id"] and b > lo and a < hi and not (a < j and b > i):
                return "accept", "tech neighbour %s" % eid
    d = ctx.get("default", "reject")
    return d, "default"


def match_guides(docs, guides):
    """Return {guide: {id: [(start_tok, end_tok, decision, reason, alias)]}}."""
    compiled = compile_entries(docs)
    result = {}
    for g in guides:
        hits = {}
        unamb = []
        amb = []
        for e, fname, ms, pats in compiled:
            for toks, exact, plural, ambiguous, text in ms:
                for span in find_alias(g, toks, exact, plural):
                    if ambiguous:
                        amb.append((e, span, text))
                    else:
                        unamb.append((span[0], span[1], e["id"]))
                        hits.setdefault(e["id"], []).append((span[0], span[1], "accept",
                                                             "alias", text))
            for p in pats:
                for m in p.finditer(g.text):
                    ti = [k for k, (_, s, t) in enumerate(g.tokens) if s < m.end() and t > m.start()]
                    if ti:
                        unamb.append((ti[0], ti[-1] + 1, e["id"]))
                        hits.setdefault(e["id"], []).append((ti[0], ti[-1] + 1, "accept",
                                                             "pattern", m.group(0)))
        # longest match wins: drop hits strictly inside a longer unambiguous hit
        def covered(i, j, eid, same=False):
            for (a, b, oid) in unamb:
                if a <= i and j <= b and ((b - a) > (j - i) or (same and oid == eid)):
                    return True
            return False
        for e, span, text in amb:
            if covered(span[0], span[1], e["id"], same=True):
                continue
            d, why = decide(g, e, span, unamb)
            hits.setdefault(e["id"], []).append((span[0], span[1], d, why, text))
        final = {}
        for eid, hs in hits.items():
            keep = [h for h in hs if not covered(h[0], h[1], eid)]
            if keep:
                final[eid] = keep
        result[g.name] = final
    return result


def load_guides():
    if not os.path.isdir(GUIDES):
        return []
    names = sorted(n for n in os.listdir(GUIDES) if re.match(r"^\d{3}_.*\.txt$", n))
    return [Guide(os.path.join(GUIDES, n)) for n in names]


# ---------------------------------------------------------------- reports

STOP = set("""a an the and or of to in on for with by from at as is are be was were it its this
that these those you your we our they their he she i my me us if then than so not no yes do
does did can could will would should may might must have has had what which who whom how why
when where while all any each every more most some such only own same other into over under
about after before between through during above below up down out off again further once here
there both few many much very just also get got one two three first new""".split())


def missing(docs, guides, matches):
    covered = {}
    for g in guides:
        cov = set()
        for eid, hs in matches[g.name].items():
            for (i, j, d, _, _) in hs:
                if d == "accept":
                    cov.update(range(i, j))
        covered[g.name] = cov
    found = {}
    for g in guides:
        for k, (tok, s, t) in enumerate(g.tokens):
            if k in covered[g.name]:
                continue
            techy = (re.search(r"[A-Z].*[A-Z]", tok) or re.search(r"[0-9]", tok) and
                     re.search(r"[A-Za-z]", tok) or "." in tok or tok.endswith(("+", "#")))
            cap = tok[:1].isupper()
            if not (techy or cap):
                continue
            if tok.lower() in STOP:
                continue
            found.setdefault(tok, set()).add(g.name[:3])
    return found


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--write-sources", action="store_true")
    ap.add_argument("--missing", action="store_true")
    ap.add_argument("--ambiguous", action="store_true")
    ap.add_argument("--stats", action="store_true")
    ap.add_argument("--hits", action="store_true", help="print every entry's guide hits")
    args = ap.parse_args()

    docs = []
    for f in FILES:
        p = os.path.join(LEXDIR, f)
        if os.path.exists(p):
            docs.append((f, load(p)))
    errors, warnings = validate(docs)
    for w in warnings:
        print("warning:", w)
    for e in errors:
        print("error:", e)
    if errors:
        print("%d errors" % len(errors))
        return 1

    guides = load_guides()
    matches = match_guides(docs, guides) if guides else {}
    named = {}
    for gname, hs in matches.items():
        for eid, hits in hs.items():
            if any(h[2] == "accept" for h in hits):
                named.setdefault(eid, set()).add(gname)

    for eid, where in MANUAL_NAMES.items():
        for prefix in where:
            for g in guides:
                if g.name.startswith(prefix + "_"):
                    named.setdefault(eid, set()).add(g.name)

    status = 0
    for fname, doc in docs:
        for e in doc["entries"]:
            gs = sorted(named.get(e["id"], []))
            if fname == "technology.json" and gs:
                print("problem: %s entry %r is named by %s: move it to ml_engineer.json"
                      % (fname, e["id"], ", ".join(gs)))
                status = 1
            if fname == "ml_engineer.json" and not gs and guides:
                print("note: ml_engineer.json entry %r is named by no guide" % e["id"])
            want = gs + [s for s in e["sources"] if s in SPECIAL_SOURCES and not gs]
            if not want:
                want = ["extended"]
            if guides and sorted(e["sources"]) != sorted(want):
                if args.write_sources:
                    e["sources"] = want
                else:
                    print("sources differ: %s %r: have %s, guides say %s"
                          % (fname, e["id"], e["sources"], want))
    if args.write_sources and guides:
        for fname, doc in docs:
            dump(doc, os.path.join(LEXDIR, fname))
        print("sources rewritten")

    if args.ambiguous:
        for gname, hs in sorted(matches.items()):
            g = [x for x in guides if x.name == gname][0]
            for eid, hits in sorted(hs.items()):
                for (i, j, d, why, text) in hits:
                    if why in ("alias", "pattern"):
                        continue
                    s = g.tokens[i][1]
                    print("%s %-8s %-22s %-40s ...%s..." % (gname[:3], d, eid, why[:40],
                          g.text[max(0, s - 40):s + 40].replace("\n", " ")))
    if args.hits:
        for fname, doc in docs:
            for e in doc["entries"]:
                if e["id"] in named:
                    print("%-32s %s" % (e["id"], " ".join(sorted(x[:3] for x in named[e["id"]]))))
    if args.missing:
        found = missing(docs, guides, matches)
        for tok in sorted(found, key=str.lower):
            print("%-30s %s" % (tok, " ".join(sorted(found[tok]))))
    if args.stats or not (args.missing or args.ambiguous or args.hits):
        total = 0
        for fname, doc in docs:
            cats = {}
            amb = 0
            for e in doc["entries"]:
                cats[e["category"]] = cats.get(e["category"], 0) + 1
                if any(isinstance(a, dict) and a.get("ambiguous") for a in e["aliases"]):
                    amb += 1
            total += len(doc["entries"])
            print("%s: %d entries, %d with ambiguous aliases" % (fname, len(doc["entries"]), amb))
            for c in sorted(cats):
                print("  %-14s %d" % (c, cats[c]))
        print("total: %d entries" % total)
    return status


if __name__ == "__main__":
    sys.exit(main())

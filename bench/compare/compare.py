#!/usr/bin/env python3
"""Side-by-side run of `jobfit extract` and peer keyword scanners (issue 7).

One corpus, the same term list for everyone, each program pinned to one core. For every
lexicon it prints one table: match count (and its difference from jobfit's), compile time,
scan MB/s per core, peak RSS, and jobfit's speed as a multiple of the peer's.

  bench/compare/compare.py --build build-bench --corpus bench/data/corpus-100M.txt \
      --lexicon bench/data/lexicon-300.json --lexicon builtin \
      --lexicon bench/data/lexicon-5000.json --lexicon bench/data/lexicon-30000.json

A lexicon LEX.json comes with LEX.terms (jobfit_bench_generate writes both): the peers
search for exactly the aliases of LEX.json. "builtin" means the plain copy of the built-in
lexicon (bench/data/lexicon-builtin-plain.json) for the shared term list, plus one extra
jobfit row with the real built-in lexicon (case rules, patterns, context rules).

How figures are taken: every program runs twice under /usr/bin/time, once on an empty
input and once on the corpus. "compile s" is the CPU time of the empty run (start-up,
reading the terms or lexicon, compiling). "whole-run MB/s" is corpus bytes / (CPU time of the corpus run minus that of
the empty run): reading the file, scanning, writing the result. "scan MB/s" is what a
program timed of its own scan, in CPU seconds, with the text in memory: the peers in
bench/peers time their matching loop, and jobfit its scanning stage (`extract --timings`:
normalization, tokens, aliases and rules, more work than a peer's loop), both without
reading the file. grep and rg cannot time their own scan: theirs is the whole run. The
speed ratio sets like against like: jobfit's scan against a peer's scan, jobfit's whole
run against grep's and rg's. CPU time, not wall time, because the machine may be shared:
a pinned single-threaded process's CPU time is its time on that one core.
"peak RSS" is the corpus run's maximum resident set. Peers that are too slow for the
full corpus within --budget seconds run on a prefix (1 MB, 10 MB...) cut at a line break,
and their count is checked against jobfit's count on the same prefix; the table says so.

With --repeat N every program runs N times, in rounds (each round runs every program once,
in turn, so that a slow spell of a shared machine touches all of them alike); the table
gives the medians, and jobfit's speed over the peer's in each round.

Only the Python standard library is used; the pyahocorasick peer runs under Debian's
/usr/bin/python3, where python3-ahocorasick is installed. Missing peers are installed
with scripts/bootstrap.sh --with-bench-peers (apt) when --install is given, otherwise
reported as skipped.
"""
import argparse
import json
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SLICE_LADDER = [100_000, 1_000_000, 10_000_000]
TIME = "/usr/bin/time"
EMPTY_RUNS = {}
# The core every program is pinned to (--cpu). On a small VM the first core takes the
# interrupts; pick an idle one.
CPU = "0"


def pin():
    return ["taskset", "-c", CPU] if shutil.which("taskset") else []


def run_measured(argv, stdin_path=None, timeout=None, count_lines=False, env=None):
    """Runs argv under /usr/bin/time; returns dict(wall, cpu, rss_kb, stdout, lines, rc)."""
    with tempfile.NamedTemporaryFile("r", suffix=".time") as tf:
        cmd = [TIME, "-o", tf.name, "-f", "%e %U %S %M"] + pin() + argv
        try:
            # A session of its own, so a timeout can stop the program /usr/bin/time runs.
            proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                    env=env, start_new_session=True)
        except OSError as e:
            return {"rc": -1, "error": str(e)}
        lines = 0
        # The timer kills a program that runs too long even while its output is being read.
        timed_out = []

        def stop():
            timed_out.append(True)
            os.killpg(proc.pid, signal.SIGKILL)

        timer = threading.Timer(timeout, stop) if timeout else None
        if timer:
            timer.start()
        try:
            if count_lines:
                # Count while reading, so grep -o output never has to be held in memory.
                for chunk in iter(lambda: proc.stdout.read(1 << 20), b""):
                    lines += chunk.count(b"\n")
                stdout = b""
            else:
                stdout = proc.stdout.read()
            stderr = proc.stderr.read()
            proc.wait()
        finally:
            if timer:
                timer.cancel()
        if timed_out:
            return {"rc": -1, "error": f"timed out after {timeout:.0f} s"}
        fields = open(tf.name).read().strip().splitlines()[-1].split()
        wall, user, sys_, rss = float(fields[0]), float(fields[1]), float(fields[2]), int(fields[3])
        return {"rc": proc.returncode, "wall": wall, "cpu": user + sys_, "rss_kb": rss,
                "stdout": stdout.decode("utf-8", "replace"), "lines": lines,
                "stderr": stderr.decode("utf-8", "replace")}


def parse_peer_line(out):
    m = re.search(r"matches=(\d+)", out)
    return int(m.group(1)) if m else None


def parse_jobfit(out):
    total = 0
    found = False
    for m in re.finditer(r": (\d+) terms?, (\d+) mentions?", out):
        total += int(m.group(2))
        found = True
    if not found and "0 terms" not in out:
        return None
    return total


class Peers:
    def __init__(self, build, install):
        self.build = build
        self.install = install
        self.installed_once = False

    def ensure(self, exe):
        if shutil.which(exe) or os.path.exists(exe):
            return True
        if self.install and not self.installed_once:
            self.installed_once = True
            print(f"compare: {exe} missing; running scripts/bootstrap.sh --with-bench-peers",
                  file=sys.stderr)
            subprocess.run([os.path.join(REPO, "scripts", "bootstrap.sh"),
                            "--with-bench-peers"], check=False)
        return bool(shutil.which(exe) or os.path.exists(exe))

    def list(self, lexicon_json, terms, builtin):
        b = self.build
        jobfit = os.path.join(b, "src", "cli", "jobfit")
        peers = [
            ("jobfit extract", jobfit,
             lambda c: [jobfit, "extract", "--timings", "--no-builtin", "--lexicon",
                        lexicon_json, "--max-bytes", str(1 << 32), c], "jobfit", None),
        ]
        if builtin:
            peers.append(("jobfit extract (built-in rules)", jobfit,
                          lambda c: [jobfit, "extract", "--timings", "--max-bytes",
                                     str(1 << 32), c],
                          "jobfit", "built-in lexicon with its case, pattern and context rules"))
        for name in ["re2_loop", "re2_alternation", "re2_set", "vectorscan"]:
            exe = os.path.join(b, "bench", f"jobfit_peer_{name}")
            peers.append((f"{name}", exe, lambda c, exe=exe: [exe, terms, c], "peer", None))
        env_c = dict(os.environ, LC_ALL="C.UTF-8")
        peers.append(("grep -Fiwo -f terms", "grep",
                      lambda c: ["grep", "-Fiwo", "-f", terms, c], "lines", env_c))
        peers.append(("rg -Fiwo -f terms", "rg",
                      lambda c: ["rg", "--no-filename", "-Fiwo", "-f", terms, c], "lines", None))
        py = os.path.join(REPO, "bench", "peers", "pyahocorasick_peer.py")
        peers.append(("pyahocorasick (lower-cased)", "/usr/bin/python3",
                      lambda c: ["/usr/bin/python3", py, terms, c], "peer", None))
        return peers


def make_slice(corpus, size, workdir):
    path = os.path.join(workdir, f"slice-{size}.txt")
    if not os.path.exists(path):
        with open(corpus, "rb") as f:
            data = f.read(size)
        cut = data.rfind(b"\n") + 1
        with open(path, "wb") as f:
            f.write(data[:cut] if cut > 0 else data)
    return path


def measure(name, argv_for, kind, env, corpus, empty, timeout):
    count_lines = kind == "lines"
    env = env if isinstance(env, dict) else None
    key = (name, tuple(argv_for(empty)))
    if key not in EMPTY_RUNS:  # the start-up and compile run, once per program and lexicon
        EMPTY_RUNS[key] = run_measured(argv_for(empty), timeout=timeout,
                                       count_lines=count_lines, env=env)
    e = EMPTY_RUNS[key]
    if e.get("rc", -1) < 0:
        return {"error": e.get("error", "failed")}
    r = run_measured(argv_for(corpus), timeout=timeout, count_lines=count_lines, env=env)
    if r.get("rc", -1) < 0:
        return {"error": r.get("error", "failed")}
    if kind == "jobfit":
        count = parse_jobfit(r["stdout"])
        ok = r["rc"] in (0, 1)
    elif kind == "lines":
        count = r["lines"]
        ok = r["rc"] in (0, 1)
    else:
        count = parse_peer_line(r["stdout"])
        ok = r["rc"] == 0 and count is not None
    if not ok:
        msg = (r.get("stderr") or "").strip().splitlines()
        return {"error": f"exit {r['rc']}: " + (msg[-1] if msg else "")}
    nbytes = os.path.getsize(corpus)
    run_cpu = max(r["cpu"] - e["cpu"], 1e-3)
    scan_cpu = run_cpu
    if kind == "peer":
        own = re.search(r"scan_s=([0-9.]+)", r["stdout"])
    elif kind == "jobfit":
        own = re.search(r"scanning=([0-9.]+)", r["stderr"])
    else:
        own = None
    if own:
        # The program timed its own scan in CPU seconds: exact even when compiling takes a
        # minute and the input is a 100 KB prefix.
        scan_cpu = max(float(own.group(1)), 1e-4)
    return {"count": count, "compile_s": e["cpu"], "scan_cpu": scan_cpu, "bytes": nbytes,
            "mbps": nbytes / 1e6 / scan_cpu, "run_mbps": nbytes / 1e6 / run_cpu,
            "scan_timed": own is not None,
            "e2e_mbps": nbytes / 1e6 / max(r["cpu"], 1e-3),
            "rss_mb": r["rss_kb"] / 1024, "wall": r["wall"]}


def reference_speed(ref, row, samples=False):
    """jobfit's figure to set against row's: its scan against a peer's own scan timing, its
    whole run (less start-up) against grep's and rg's. Tables saved before jobfit timed
    its scan have neither key, and compare whole runs as they did then."""
    key = "mbps" if row.get("scan_timed", True) else "run_mbps"
    if samples:
        key += "_samples"
        return ref.get(key, ref.get("mbps_samples", []))
    return ref.get(key, ref["mbps"])


def whole_run(r):
    """MB/s of the corpus run minus the empty run: reading the file, scanning, output."""
    run_cpu = r["bytes"] / 1e6 / r["e2e_mbps"] - r["compile_s"]
    if run_cpu < 0.5:  # /usr/bin/time counts in 10 ms steps: too coarse to say
        return "-"
    return speed(r["bytes"] / 1e6 / run_cpu)


def speed(mbps):
    return f"{mbps:.1f}" if mbps >= 1 else f"{mbps:.3f}"


def render(raw, header):
    """Returns the markdown tables. The speed ratio always uses jobfit's full-corpus
    figure: a prefix only serves to check a slow peer's count."""
    out = [header, ""]
    lexicons = []
    for r in raw:
        if r["lexicon"] not in lexicons:
            lexicons.append(r["lexicon"])
    for lex in lexicons:
        rows = [r for r in raw if r["lexicon"] == lex]
        ref = next((r for r in rows if r["program"] == "jobfit extract" and "mbps" in r
                    and r.get("input") == "full"), None)
        rounds = max((len(r.get("mbps_samples", [])) for r in rows), default=0)
        out.append(f"lexicon {lex}: {rows[0]['terms']} terms"
                   + (f", medians of {rounds} rounds" if rounds > 1 else "") + "\n")
        out.append("| program | input | matches | vs jobfit | compile s | scan MB/s/core | "
                   "whole-run MB/s/core | peak RSS MB | jobfit speed / peer speed |"
                   + (" ratio, round by round |" if rounds > 1 else ""))
        out.append("|---|---|---:|---:|---:|---:|---:|---:|---:|" + ("---|" if rounds > 1 else ""))
        for r in rows:
            if "error" in r:
                out.append(f"| {r['program']} | | {r['error']} | | | | | | |"
                           + (" |" if rounds > 1 else ""))
                continue
            rc = r.get("reference_count")
            diff = "" if rc is None or r["program"] == "jobfit extract" else \
                f"{(r['count'] - rc) / max(rc, 1) * 100:+.1f}%"
            x = reference_speed(ref, r) / r["mbps"] if ref else None
            ratio = "" if x is None else f"{x:.0f}" if x >= 100 else f"{x:.3g}"
            by_round = ""
            if rounds > 1 and ref and r.get("input") == "full":
                pairs = zip(reference_speed(ref, r, samples=True), r.get("mbps_samples", []))
                by_round = ", ".join(f"{j / p:.3g}" for j, p in pairs)
            out.append(f"| {r['program']} | {r['input']} | {r['count']} | {diff} | "
                       f"{r['compile_s']:.2f} | {speed(r['mbps'])} | {whole_run(r)} | "
                       f"{r['rss_mb']:.0f} | {ratio} |" + (f" {by_round} |" if rounds > 1 else ""))
        out.append("")
    return "\n".join(out)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--build", default="build-bench")
    ap.add_argument("--cpu", default="0", help="the core to pin every program to")
    ap.add_argument("--corpus", default="bench/data/corpus-100M.txt")
    ap.add_argument("--lexicon", action="append", default=[],
                    help="LEX.json (with LEX.terms beside it) or 'builtin'; repeatable")
    ap.add_argument("--budget", type=float, default=60,
                    help="seconds a peer may take on the corpus before it runs on a prefix")
    ap.add_argument("--only", default="", help="comma-separated peer names to run")
    ap.add_argument("--repeat", type=int, default=1,
                    help="run every program this many times, in rounds; report medians")
    ap.add_argument("--install", action="store_true",
                    help="install missing peers via scripts/bootstrap.sh --with-bench-peers")
    ap.add_argument("--json", default="", help="also write raw results here")
    ap.add_argument("--render", default="", help="print the tables of an earlier --json")
    args = ap.parse_args()
    global CPU
    CPU = args.cpu
    if args.render:
        with open(args.render) as f:
            saved = json.load(f)
        if isinstance(saved, list):  # written before the header was stored
            saved = {"rows": saved, "header": ""}
        print(render(saved["rows"], saved["header"]))
        return
    lexicons = args.lexicon or ["builtin"]
    workdir = os.path.join(os.path.dirname(os.path.abspath(args.corpus)), "compare")
    os.makedirs(workdir, exist_ok=True)
    empty = os.path.join(workdir, "empty.txt")
    open(empty, "w").close()
    peers = Peers(args.build, args.install)
    corpus_bytes = os.path.getsize(args.corpus)
    only = [s.strip() for s in args.only.split(",") if s.strip()]
    raw = []
    for lex in lexicons:
        builtin = lex == "builtin"
        lexicon_json = os.path.join(os.path.dirname(args.corpus), "lexicon-builtin-plain.json") \
            if builtin else lex
        terms = lexicon_json[:-5] + ".terms"
        if not os.path.exists(terms):
            made_by = ("jobfit_bench_generate --kind lexicon --from builtin --out " + lexicon_json
                       if builtin else "jobfit_bench_generate --kind lexicon ... --out " + lex)
            sys.exit(f"compare: {terms}: no term list beside the lexicon; make both with: "
                     f"{made_by} (bench/RESULTS.md, 'Data')")
        nterms = sum(1 for line in open(terms, encoding="utf-8") if line.strip())
        print(f"compare: lexicon {lex}: {nterms} terms", file=sys.stderr)
        reference = {}  # input path -> (count, mbps) of plain jobfit
        plan = []  # (row, argv_for, kind, note, target, samples) of every program that ran
        for name, exe, argv_for, kind, note in peers.list(lexicon_json, terms, builtin):
            if only and name.split()[0] not in only and name not in only:
                continue
            if not peers.ensure(exe):
                raw.append({"lexicon": lex, "terms": nterms, "program": name,
                            "error": f"skipped: {exe} not installed"})
                continue
            target = args.corpus
            if not name.startswith("jobfit"):
                probe_in = make_slice(args.corpus, SLICE_LADDER[0], workdir)
                probe = measure(name, argv_for, kind, note,
                                probe_in, empty, timeout=args.budget * 5)
                if "error" in probe:
                    raw.append({"lexicon": lex, "terms": nterms, "program": name,
                                "error": probe["error"]})
                    continue
                estimate = corpus_bytes / 1e6 / probe["mbps"]
                if estimate > args.budget:
                    fitting = [s for s in SLICE_LADDER
                               if s / 1e6 / probe["mbps"] <= args.budget] or [SLICE_LADDER[0]]
                    target = make_slice(args.corpus, fitting[-1], workdir)
            res = measure(name, argv_for, kind, note, target, empty,
                          timeout=max(args.budget * 4, 600))
            if "error" not in res and name == "jobfit extract":
                reference[target] = (res["count"], res["mbps"])
            if "error" not in res and not name.startswith("jobfit") and target not in reference:
                jname, _, jargv, jkind, _ = peers.list(lexicon_json, terms, builtin)[0]
                ref = measure(jname, jargv, jkind, None, target, empty, timeout=600)
                reference[target] = (ref.get("count"), ref.get("mbps"))
            if "error" in res:
                raw.append({"lexicon": lex, "terms": nterms, "program": name,
                            "error": res["error"]})
                continue
            ref_count, _ = reference.get(target, (None, None))
            where = "full" if target == args.corpus else \
                f"first {os.path.getsize(target) / 1e6:.1f} MB"
            row = {"lexicon": lex, "terms": nterms, "program": name, "input": where,
                   "reference_count": ref_count, **res}
            raw.append(row)
            plan.append((row, argv_for, kind, note, target, [res]))
            print(f"compare:   {name}: {res['count']} matches, {res['mbps']:.1f} MB/s",
                  file=sys.stderr, flush=True)
        for round_number in range(2, args.repeat + 1):
            for row, argv_for, kind, note, target, samples in plan:
                res = measure(row["program"], argv_for, kind, note, target, empty,
                              timeout=max(args.budget * 4, 600))
                if "error" in res:
                    row["error"] = f"round {round_number}: {res['error']}"
                    continue
                if res["count"] != row["count"]:
                    row["error"] = (f"round {round_number}: {res['count']} matches, "
                                    f"not {row['count']}")
                samples.append(res)
                print(f"compare:   round {round_number}: {row['program']}: "
                      f"{res['mbps']:.1f} MB/s", file=sys.stderr, flush=True)
        if args.repeat > 1:
            for row, _, _, _, _, samples in plan:
                row["mbps_samples"] = [r["mbps"] for r in samples]
                row["run_mbps_samples"] = [r["run_mbps"] for r in samples]
                for key in ("mbps", "run_mbps", "e2e_mbps", "scan_cpu", "wall", "rss_mb"):
                    row[key] = statistics.median(r[key] for r in samples)
    header = (f"corpus: {args.corpus} ({corpus_bytes / 1e6:.1f} MB); pinned: "
              f"{'taskset -c ' + CPU if pin() else 'no (taskset missing)'}; budget "
              f"{args.budget:.0f} s")
    print(render(raw, header))
    if args.json:
        with open(args.json, "w") as f:
            json.dump({"header": header, "rows": raw}, f, indent=1)


if __name__ == "__main__":
    main()

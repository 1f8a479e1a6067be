#!/usr/bin/env python3
"""Times commands against each other on a shared machine: they run in turn, round after
round, each pinned to one core, so that a slow spell of the host touches all of them
alike. Prints, for each command, the fastest and the median CPU time (user + sys of the
command and its children) and both as a ratio to the first command's.

  bench/compare/alternate.py --rounds 9 --cpu 1 \\
      "$OLD extract --no-builtin --lexicon bench/data/lexicon-300.json bench/data/corpus-100M.txt" \\
      "$NEW extract --no-builtin --lexicon bench/data/lexicon-300.json bench/data/corpus-100M.txt"

CPU time, not wall time: a pinned single-threaded process's CPU time is its time on that
core. The fastest run is the one the host's other work touched least; the median says
how typical it was. A command that fails is reported with its exit status, and its times
are left out. Only the Python standard library is used.

With --stages, each command must be a `jobfit extract ... --timings` run, and its time is
the sum of the named stages of the timings line it prints to stderr (docs/CLI.md) instead
of the whole process's CPU time: `--stages scanning` times the scan alone,
`--stages reading,scanning,report` a run less its start-up.

  bench/compare/alternate.py --rounds 11 --cpu 1 --stages scanning \
      "$J extract --timings --no-builtin --lexicon bench/data/lexicon-300.json bench/data/corpus-100M.txt" \
      "JOBFIT_X=1 $J extract --timings --no-builtin --lexicon bench/data/lexicon-300.json bench/data/corpus-100M.txt"
"""
import argparse
import re
import resource
import shlex
import shutil
import statistics
import subprocess
import sys


def cpu_seconds():
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


STAGES = ("start-up", "reading", "scanning", "report")


def stage_seconds(stderr, stages):
    """The sum of the named stages of jobfit's timings line, or None without one."""
    line = next((l for l in stderr.splitlines() if l.startswith("jobfit: timings")), None)
    if line is None:
        return None
    found = dict(re.findall(r"([a-z-]+)=([0-9.]+)", line))
    if any(stage not in found for stage in stages):
        return None
    return sum(float(found[stage]) for stage in stages)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("commands", nargs="+", help="shell commands; the first is the baseline")
    ap.add_argument("--rounds", type=int, default=7)
    ap.add_argument("--cpu", default="1", help="the core every command is pinned to")
    ap.add_argument("--stages", help="comma-separated stages of `jobfit extract --timings` "
                    f"to time instead of the process ({', '.join(STAGES)})")
    args = ap.parse_args()
    stages = args.stages.split(",") if args.stages else None
    if stages and any(stage not in STAGES for stage in stages):
        ap.error(f"--stages takes {', '.join(STAGES)}")
    pin = ["taskset", "-c", args.cpu] if shutil.which("taskset") else []
    times = [[] for _ in args.commands]
    failures = [0 for _ in args.commands]
    for _ in range(args.rounds):
        for k, command in enumerate(args.commands):
            before = cpu_seconds()
            done = subprocess.run(pin + ["sh", "-c", command], stdout=subprocess.DEVNULL,
                                  stderr=subprocess.PIPE if stages else subprocess.DEVNULL,
                                  text=True, check=False)
            spent = cpu_seconds() - before
            # Exit status 1 is jobfit's "nothing found", not a failure.
            if done.returncode not in (0, 1):
                failures[k] += 1
                print(f"alternate: exit status {done.returncode}: {command}", file=sys.stderr)
                continue
            if stages:
                spent = stage_seconds(done.stderr, stages)
                if spent is None:
                    failures[k] += 1
                    print(f"alternate: no timings line with {args.stages}: {command}",
                          file=sys.stderr)
                    continue
            times[k].append(spent)
    base_fastest = min(times[0]) if times[0] else None
    base_median = statistics.median(times[0]) if times[0] else None
    unit = f"{args.stages} s" if stages else "s"
    print(f"| command | fastest {unit} | median {unit} | fastest / first's | median / first's "
          "| runs |")
    print("|---|---:|---:|---:|---:|---:|")
    for k, command in enumerate(args.commands):
        if not times[k]:
            print(f"| `{shlex.quote(command)}` | - | - | - | - | 0 of {args.rounds} |")
            continue
        fastest = min(times[k])
        median = statistics.median(times[k])
        ratio_fastest = f"{fastest / base_fastest:.3f}" if base_fastest else "-"
        ratio_median = f"{median / base_median:.3f}" if base_median else "-"
        print(f"| `{command}` | {fastest:.3f} | {median:.3f} | {ratio_fastest} | "
              f"{ratio_median} | {len(times[k])} of {args.rounds} |")
    return 1 if any(failures) else 0


if __name__ == "__main__":
    sys.exit(main())

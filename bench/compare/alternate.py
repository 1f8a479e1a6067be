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
"""
import argparse
import resource
import shlex
import shutil
import statistics
import subprocess
import sys


def cpu_seconds():
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("commands", nargs="+", help="shell commands; the first is the baseline")
    ap.add_argument("--rounds", type=int, default=7)
    ap.add_argument("--cpu", default="1", help="the core every command is pinned to")
    args = ap.parse_args()
    pin = ["taskset", "-c", args.cpu] if shutil.which("taskset") else []
    times = [[] for _ in args.commands]
    failures = [0 for _ in args.commands]
    for _ in range(args.rounds):
        for k, command in enumerate(args.commands):
            before = cpu_seconds()
            done = subprocess.run(pin + ["sh", "-c", command], stdout=subprocess.DEVNULL,
                                  stderr=subprocess.DEVNULL, check=False)
            spent = cpu_seconds() - before
            # Exit status 1 is jobfit's "nothing found", not a failure.
            if done.returncode not in (0, 1):
                failures[k] += 1
                print(f"alternate: exit status {done.returncode}: {command}", file=sys.stderr)
                continue
            times[k].append(spent)
    base_fastest = min(times[0]) if times[0] else None
    base_median = statistics.median(times[0]) if times[0] else None
    print("| command | fastest s | median s | fastest / first's | median / first's | runs |")
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

#!/usr/bin/python3
"""Peer: pyahocorasick (Debian python3-ahocorasick) over lower-cased text.

Leftmost-longest, non-overlapping (Automaton.iter_long), then a word-boundary check on
each match, as a Python keyword extractor would do it. Prints the same line as the C++
peers. Run with Debian's /usr/bin/python3, where the package is installed.
"""
import resource
import sys
import time

import ahocorasick


def is_word(ch):
    return ch.isalnum() or ch == "_"


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: pyahocorasick_peer.py TERMS_FILE CORPUS_FILE")
    with open(sys.argv[1], encoding="utf-8") as f:
        terms = [line.rstrip("\r\n") for line in f if line.strip()]
    with open(sys.argv[2], encoding="utf-8", errors="replace") as f:
        text = f.read()
    t0 = time.process_time()
    automaton = ahocorasick.Automaton()
    lowered = [term.lower() for term in terms]
    for i, term in enumerate(lowered):
        automaton.add_word(term, i)
    automaton.make_automaton()
    compile_s = time.process_time() - t0
    t0 = time.process_time()
    lower = text.lower()
    n = len(lower)
    matches = 0
    for end, i in automaton.iter_long(lower):
        start = end - len(lowered[i]) + 1
        if start > 0 and is_word(lower[start - 1]):
            continue
        if end + 1 < n and is_word(lower[end + 1]):
            continue
        matches += 1
    scan_s = time.process_time() - t0
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(f"peer=pyahocorasick terms={len(terms)} bytes={len(text.encode('utf-8'))} "
          f"matches={matches} compile_s={compile_s:.4f} scan_s={scan_s:.4f} max_rss_kb={rss}")


if __name__ == "__main__":
    main()

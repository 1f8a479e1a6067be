#!/usr/bin/env python3
"""Calls jobfit's C ABI (include/jobfit/jobfit.h) through ctypes; standard library only.

Lists the terms a resume names, grouped by category, and scores the resume against a job
ad. The library is found, in order, from --library PATH, the JOBFIT_LIBRARY environment
variable, then the system's search path (ctypes.util.find_library("jobfit")).

    python3 jobfit_example.py [--library PATH] RESUME JOB_AD
"""

import argparse
import ctypes
import ctypes.util
import json
import os
import sys


class JobfitError(Exception):
    """A failed jobfit call: the status code name ("not_found") and the message."""

    def __init__(self, code, message):
        super().__init__(f"{code}: {message}")
        self.code = code
        self.message = message


class Jobfit:
    """A thin wrapper: declares the C signatures and turns errptr into exceptions."""

    def __init__(self, path):
        lib = ctypes.CDLL(path)
        c_char_pp = ctypes.POINTER(ctypes.c_char_p)
        # Strings jobfit allocates are declared c_void_p, not c_char_p: ctypes would copy a
        # c_char_p result into bytes and lose the pointer jobfit_free needs.
        signatures = {
            "jobfit_version": (ctypes.c_char_p, []),
            "jobfit_status_code_name": (ctypes.c_char_p, [ctypes.c_int]),
            "jobfit_error_code": (ctypes.c_int, [ctypes.c_void_p]),
            "jobfit_error_message": (ctypes.c_char_p, [ctypes.c_void_p]),
            "jobfit_free": (None, [ctypes.c_void_p]),
            "jobfit_lexicon_builtin": (ctypes.c_void_p, [c_char_pp]),
            "jobfit_lexicon_load": (ctypes.c_void_p, [ctypes.c_char_p, c_char_pp]),
            "jobfit_lexicon_size": (ctypes.c_size_t, [ctypes.c_void_p]),
            "jobfit_lexicon_destroy": (None, [ctypes.c_void_p]),
            "jobfit_matcher_compile": (ctypes.c_void_p, [ctypes.c_void_p, c_char_pp]),
            "jobfit_matcher_destroy": (None, [ctypes.c_void_p]),
            "jobfit_extract_json": (ctypes.c_void_p, [ctypes.c_void_p, ctypes.c_char_p,
                                                      ctypes.c_size_t, ctypes.c_char_p,
                                                      ctypes.c_int, c_char_pp]),
            "jobfit_check_job_json": (ctypes.c_void_p, [ctypes.c_void_p, ctypes.c_char_p,
                                                        ctypes.c_size_t, ctypes.c_char_p,
                                                        ctypes.c_char_p, ctypes.c_size_t,
                                                        ctypes.c_char_p, ctypes.c_char_p,
                                                        ctypes.c_int, c_char_pp]),
        }
        for name, (restype, argtypes) in signatures.items():
            function = getattr(lib, name)
            function.restype = restype
            function.argtypes = argtypes
        self._lib = lib

    def version(self):
        return self._lib.jobfit_version().decode()

    def _call(self, function, *args):
        """Calls function(*args, &err); raises JobfitError when it returns NULL."""
        err = ctypes.c_char_p()
        result = function(*args, ctypes.byref(err))
        if result is None or result == 0:
            # err.value would copy; the raw address is what jobfit_free takes.
            address = ctypes.cast(err, ctypes.c_void_p)
            code = self._lib.jobfit_status_code_name(self._lib.jobfit_error_code(address))
            message = self._lib.jobfit_error_message(address)
            self._lib.jobfit_free(address)
            raise JobfitError(code.decode(), message.decode("utf-8", "replace"))
        return result

    def _json(self, function, *args):
        """Calls a function returning JSON, parses it and frees jobfit's string."""
        pointer = self._call(function, *args)
        try:
            return json.loads(ctypes.string_at(pointer).decode("utf-8"))
        finally:
            self._lib.jobfit_free(pointer)

    def builtin_lexicon(self):
        return self._call(self._lib.jobfit_lexicon_builtin)

    def load_lexicon(self, path):
        return self._call(self._lib.jobfit_lexicon_load, os.fsencode(path))

    def lexicon_size(self, lexicon):
        return self._lib.jobfit_lexicon_size(lexicon)

    def destroy_lexicon(self, lexicon):
        self._lib.jobfit_lexicon_destroy(lexicon)

    def compile(self, lexicon):
        return self._call(self._lib.jobfit_matcher_compile, lexicon)

    def destroy_matcher(self, matcher):
        self._lib.jobfit_matcher_destroy(matcher)

    def extract(self, matcher, text, source):
        data = text.encode("utf-8")
        return self._json(self._lib.jobfit_extract_json, matcher, data, len(data),
                          source.encode(), 0)

    def check_job(self, matcher, resume, resume_source, ad, ad_source, as_of=None):
        r, a = resume.encode("utf-8"), ad.encode("utf-8")
        return self._json(self._lib.jobfit_check_job_json, matcher, r, len(r),
                          resume_source.encode(), a, len(a), ad_source.encode(),
                          as_of.encode() if as_of else None, 0)


def find_library(explicit):
    path = explicit or os.environ.get("JOBFIT_LIBRARY") or ctypes.util.find_library("jobfit")
    if not path:
        sys.exit("jobfit_example.py: libjobfit not found; pass --library or set JOBFIT_LIBRARY")
    return path


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--library", help="path of libjobfit.so")
    parser.add_argument("resume")
    parser.add_argument("job_ad")
    args = parser.parse_args()

    jobfit = Jobfit(find_library(args.library))
    print(f"jobfit {jobfit.version()} (C ABI through ctypes)")

    try:
        jobfit.load_lexicon("no-such-lexicon.json")
    except JobfitError as error:
        print(f"loading no-such-lexicon.json: {error.code}: {error.message}")

    lexicon = jobfit.builtin_lexicon()
    print(f"built-in lexicon: {jobfit.lexicon_size(lexicon)} entries")
    matcher = jobfit.compile(lexicon)
    jobfit.destroy_lexicon(lexicon)  # the matcher keeps what it needs
    try:
        with open(args.resume, encoding="utf-8") as f:
            resume = f.read()
        with open(args.job_ad, encoding="utf-8") as f:
            ad = f.read()

        document = jobfit.extract(matcher, resume, os.path.basename(args.resume))["documents"][0]
        by_category = {}
        for term in document["terms"]:
            by_category.setdefault(term["category"], []).append(term["name"])
        print(f"{document['source']}: {len(document['terms'])} terms")
        for category, names in by_category.items():
            print(f"  {category}: {', '.join(names)}")

        # "Present" is January 2025, so the score does not change with the calendar.
        check = jobfit.check_job(matcher, resume, os.path.basename(args.resume), ad,
                                 os.path.basename(args.job_ad), as_of="2025-01")
        print(f"score against {check['target']['source']}: {check['score']:.1f}/100")
        for suggestion in check["suggestions"][:3]:
            print(f"  suggestion: {suggestion['reason']}")
    finally:
        jobfit.destroy_matcher(matcher)


if __name__ == "__main__":
    main()

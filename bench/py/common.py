"""Helpers for the scikit-learn side of the benchmarks (run with Debian's python3)."""
import gzip
import json
import os
import resource

DATA = os.environ.get("TOPICLENS_DATA", os.path.join(os.path.dirname(__file__), "..", "..", "..", "shared", "data"))


def read_corpus(name, limit=None):
    opener = gzip.open if name.endswith(".gz") else open
    out = []
    with opener(os.path.join(DATA, name), "rt", encoding="utf-8") as f:
        for line in f:
            if line.strip():
                out.append(json.loads(line))
                if limit is not None and len(out) >= limit:
                    break
    return out


def peak_memory_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

"""Runs one command and prints its wall time and peak resident memory (of the child and
its threads) as JSON: for benchmarks of whole commands such as the topiclens CLI."""
import json
import resource
import subprocess
import sys
import time

t0 = time.perf_counter()
out = subprocess.run(sys.argv[1:], stdout=subprocess.PIPE, stderr=subprocess.PIPE, check=False)
seconds = time.perf_counter() - t0
if out.returncode != 0:
    sys.stderr.write(out.stderr.decode("utf-8", "replace"))
    sys.exit(out.returncode)
peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
# A command that writes its output to a file prints nothing: then there are no topics to count.
report = json.loads(out.stdout) if out.stdout.strip() else {}
topics = report.get("topics", [])
named = sum(1 for t in topics if t.get("size", 0) > 0 and t.get("keywords"))
print(json.dumps({"total": seconds, "peakMB": peak, "topics": len(topics), "named": named}))

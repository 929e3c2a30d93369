"""scikit-learn side of bench/kmeans-dense.mjs: KMeans lloyd and elkan on a dense float64 matrix from given initial rows."""
import json
import sys
import time

import numpy as np
from sklearn.cluster import KMeans

path, rows, cols, k, max_iter, tol, init_file = sys.argv[1:8]
X = np.fromfile(path, dtype=np.float64).reshape(int(rows), int(cols))
init = X[json.load(open(init_file))]
out = {}
for algorithm in ("lloyd", "elkan"):
    t0 = time.perf_counter()
    km = KMeans(n_clusters=int(k), init=init, n_init=1, max_iter=int(max_iter), tol=float(tol), algorithm=algorithm).fit(X)
    out[algorithm] = {"seconds": time.perf_counter() - t0, "iterations": int(km.n_iter_), "inertia": float(km.inertia_)}
print(json.dumps(out))

"""scikit-learn side of bench/kmeans.mjs: KMeans(algorithm="lloyd") from given initial rows."""
import json
import sys
import time

import numpy as np
from sklearn.cluster import KMeans
from sklearn.feature_extraction.text import TfidfVectorizer

from common import peak_memory_mb, read_corpus

name, k, max_iter, init_file = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
init_rows = json.load(open(init_file))
docs = [d["text"] for d in read_corpus(name)]
X = TfidfVectorizer(min_df=5, max_df=0.5, stop_words="english").fit_transform(docs)
init = X[init_rows].toarray()
t0 = time.perf_counter()
km = KMeans(n_clusters=k, init=init, n_init=1, max_iter=max_iter, tol=0, algorithm="lloyd").fit(X)
seconds = time.perf_counter() - t0
print(json.dumps({"seconds": seconds, "iterations": int(km.n_iter_), "inertia": float(km.inertia_), "peakMB": peak_memory_mb(), "shape": list(X.shape)}))

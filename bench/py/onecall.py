"""scikit-learn side of bench/onecall.mjs: its text-clustering example pipeline on a JSONL
corpus held in memory: TfidfVectorizer(min_df 5, max_df 0.5, sublinear tf, English stop
words) -> TruncatedSVD(100) + Normalizer -> KMeans(k, n_init). Wall time of each phase
(the texts already read), peak resident memory, V-measure and ARI against the labels."""
import gzip
import json
import os
import sys
import time

from sklearn import metrics
from sklearn.cluster import KMeans
from sklearn.decomposition import TruncatedSVD
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.preprocessing import Normalizer

from common import DATA, peak_memory_mb

name, k, n_init = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
# Line by line, keeping only the text and the label, as the JavaScript side reads it.
texts, labels = [], []
with (gzip.open if name.endswith(".gz") else open)(os.path.join(DATA, name), "rt", encoding="utf-8") as f:
    for line in f:
        if line.strip():
            record = json.loads(line)
            texts.append(record["text"])
            labels.append(record["label"])
t0 = time.perf_counter()
X = TfidfVectorizer(min_df=5, max_df=0.5, stop_words="english", sublinear_tf=True).fit_transform(texts)
t1 = time.perf_counter()
Z = Normalizer(copy=False).fit_transform(TruncatedSVD(n_components=100, random_state=0).fit_transform(X))
t2 = time.perf_counter()
km = KMeans(n_clusters=k, n_init=n_init, max_iter=300, random_state=0).fit(Z)
t3 = time.perf_counter()
print(json.dumps({
    "phases": {"vectorize": t1 - t0, "reduce": t2 - t1, "cluster": t3 - t2},
    "total": t3 - t0,
    "peakMB": peak_memory_mb(),
    "vMeasure": metrics.v_measure_score(labels, km.labels_),
    "ari": metrics.adjusted_rand_score(labels, km.labels_),
}))

"""scikit-learn side of bench/quality.mjs: the pipelines of scikit-learn's example
"Clustering text documents using k-means" (TfidfVectorizer(max_df=0.5, min_df=5,
stop_words="english"), KMeans(max_iter=100, n_init=1), with and without LSA(100) +
Normalizer), 5 seeds, on one labelled corpus."""
import json
import sys
import time

import numpy as np
from sklearn import metrics
from sklearn.cluster import KMeans
from sklearn.decomposition import TruncatedSVD
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import Normalizer

from common import read_corpus

name = sys.argv[1]
records = read_corpus(name)
docs = [r["text"] for r in records]
labels = [r["label"] for r in records]
k = len(set(labels))
t0 = time.perf_counter()
X_tfidf = TfidfVectorizer(max_df=0.5, min_df=5, stop_words="english").fit_transform(docs)
vectorize_s = time.perf_counter() - t0
t0 = time.perf_counter()
X_lsa = make_pipeline(TruncatedSVD(n_components=100), Normalizer(copy=False)).fit_transform(X_tfidf)
lsa_s = time.perf_counter() - t0

out = {}
for pipeline, X, extra in [("sklearn TF-IDF + k-means", X_tfidf, vectorize_s), ("sklearn TF-IDF + LSA(100) + k-means", X_lsa, vectorize_s + lsa_s)]:
    runs = []
    for seed in range(5):
        t0 = time.perf_counter()
        km = KMeans(n_clusters=k, max_iter=100, n_init=1, random_state=seed).fit(X)
        fit_s = time.perf_counter() - t0
        h, c, v = metrics.homogeneity_completeness_v_measure(labels, km.labels_)
        runs.append({
            "homogeneity": h, "completeness": c, "vMeasure": v,
            "ari": metrics.adjusted_rand_score(labels, km.labels_),
            "silhouette": float(metrics.silhouette_score(X, km.labels_, sample_size=2000, random_state=seed)),
            "seconds": fit_s + extra,
        })
    out[pipeline] = runs
print(json.dumps(out))

"""scikit-learn side of bench/chinese.mjs: Chinese headlines split into words by jieba (the
segmenter Python users plug into TfidfVectorizer), then scikit-learn's example pipelines
(TfidfVectorizer(max_df=0.5, min_df=5), KMeans(n_init=1), with and without LSA(100) +
Normalizer), k = the number of classes, seeds 0-2. Words of one character are dropped, as
scikit-learn's default token pattern drops them."""
import gzip
import json
import logging
import re
import sys
import time

import jieba
from sklearn import metrics
from sklearn.cluster import KMeans
from sklearn.decomposition import TruncatedSVD
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import Normalizer

jieba.setLogLevel(logging.WARNING)
records = [json.loads(line) for line in gzip.open(sys.argv[1], "rt", encoding="utf-8") if line.strip()]
docs = [r["text"] for r in records]
labels = [r["label"] for r in records]
k = len(set(labels))
word = re.compile(r"\w")


def words(text):
    return [w for w in jieba.lcut(text.lower()) if len(w) >= 2 and word.search(w)]


t0 = time.perf_counter()
X_tfidf = TfidfVectorizer(tokenizer=words, token_pattern=None, max_df=0.5, min_df=5).fit_transform(docs)
vectorize_s = time.perf_counter() - t0
X_lsa = make_pipeline(TruncatedSVD(n_components=100, random_state=0), Normalizer(copy=False)).fit_transform(X_tfidf)
lsa_s = time.perf_counter() - vectorize_s - t0

out = {}
for pipeline, X, extra in [
    ("sklearn jieba + TF-IDF + k-means", X_tfidf, vectorize_s),
    ("sklearn jieba + TF-IDF + LSA(100) + k-means", X_lsa, vectorize_s + lsa_s),
]:
    runs = []
    for seed in range(3):
        t0 = time.perf_counter()
        km = KMeans(n_clusters=k, max_iter=100, n_init=1, random_state=seed).fit(X)
        runs.append({
            "vMeasure": metrics.v_measure_score(labels, km.labels_),
            "ari": metrics.adjusted_rand_score(labels, km.labels_),
            "seconds": time.perf_counter() - t0 + extra,
        })
    out[pipeline] = runs
print(json.dumps(out))

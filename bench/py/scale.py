"""scikit-learn side of bench/scale.mjs: HashingVectorizer + TfidfTransformer +
MiniBatchKMeans (k = 50), and TfidfVectorizer + KMeans when asked, on a JSONL corpus."""
import json
import sys
import time

from sklearn import metrics
from sklearn.cluster import KMeans, MiniBatchKMeans
from sklearn.feature_extraction.text import HashingVectorizer, TfidfTransformer, TfidfVectorizer

from common import peak_memory_mb

path, pipeline, n_labels = sys.argv[1], sys.argv[2], int(sys.argv[3])
labels = []


def texts():
    with open(path, encoding="utf-8") as f:
        for i, line in enumerate(f):
            record = json.loads(line)
            if i < n_labels:
                labels.append(record["label"])
            yield record["text"]


t0 = time.perf_counter()
if pipeline == "hashing":
    counts = HashingVectorizer(n_features=2**20, stop_words="english", alternate_sign=False, norm=None).transform(texts())
    X = TfidfTransformer(sublinear_tf=True).fit_transform(counts)
    del counts
else:
    X = TfidfVectorizer(min_df=5, max_df=0.5, stop_words="english", sublinear_tf=True).fit_transform(texts())
t1 = time.perf_counter()
if pipeline == "hashing":
    km = MiniBatchKMeans(n_clusters=50, batch_size=4096, n_init=3, random_state=0).fit(X)
else:
    km = KMeans(n_clusters=50, n_init=1, max_iter=100, random_state=0).fit(X)
t2 = time.perf_counter()
pred = km.labels_[: len(labels)]
print(json.dumps({
    "vectorize": t1 - t0, "cluster": t2 - t1, "keywords": 0.0, "total": t2 - t0,
    "peakMB": peak_memory_mb(), "vMeasure": metrics.v_measure_score(labels, pred), "shape": list(X.shape),
}))

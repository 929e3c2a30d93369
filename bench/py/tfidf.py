"""scikit-learn side of bench/tfidf.mjs: TfidfVectorizer on one corpus."""
import json
import sys
import time

from sklearn.feature_extraction.text import TfidfVectorizer

from common import peak_memory_mb, read_corpus

name = sys.argv[1]
docs = [d["text"] for d in read_corpus(name)]
t0 = time.perf_counter()
X = TfidfVectorizer(ngram_range=(1, 2), min_df=2, max_df=0.5, sublinear_tf=True, stop_words="english").fit_transform(docs)
seconds = time.perf_counter() - t0
print(json.dumps({"seconds": seconds, "peakMB": peak_memory_mb(), "shape": list(X.shape), "nnz": int(X.nnz)}))

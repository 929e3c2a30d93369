"""scikit-learn side of bench/predict.mjs: its text-clustering example pipeline
(TfidfVectorizer min_df 5, max_df 0.5, sublinear tf, English stop words -> TruncatedSVD(100)
-> Normalizer -> KMeans(k)); with `kmeans-tfidf` the same without the SVD; with `nmf`
TfidfVectorizer -> NMF(k) and each text's heaviest component; fitted on a corpus, then timed on new texts one call each and on one batch:
milliseconds per text."""
import json
import sys
import time

from sklearn.cluster import KMeans
from sklearn.decomposition import NMF, TruncatedSVD
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import Normalizer

from common import read_corpus

name, k, singles, batch = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
algorithm = sys.argv[5] if len(sys.argv) > 5 else "kmeans"
texts = [r["text"] for r in read_corpus(name)]
fit, new = texts[: len(texts) - batch], texts[len(texts) - batch :]
vectorizer = TfidfVectorizer(min_df=5, max_df=0.5, stop_words="english", sublinear_tf=True)
if algorithm == "nmf":
    pipeline = make_pipeline(vectorizer, NMF(n_components=k, random_state=0)).fit(fit)

    def predict(texts):
        return pipeline.transform(texts).argmax(axis=1)
elif algorithm == "kmeans-tfidf":
    pipeline = make_pipeline(vectorizer, KMeans(n_clusters=k, n_init=1, random_state=0)).fit(fit)
    predict = pipeline.predict
else:
    pipeline = make_pipeline(
        vectorizer,
        TruncatedSVD(n_components=100, random_state=0),
        Normalizer(copy=False),
        KMeans(n_clusters=k, n_init=1, random_state=0),
    ).fit(fit)
    predict = pipeline.predict
t0 = time.perf_counter()
for text in new[:singles]:
    predict([text])
t1 = time.perf_counter()
predict(new)
t2 = time.perf_counter()
print(json.dumps({"singleMs": 1000 * (t1 - t0) / singles, "batchMs": 1000 * (t2 - t1) / batch}))

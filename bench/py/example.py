"""scikit-learn's text-clustering example pipelines, one seed, on one labelled corpus:
prints V-measure and ARI of TF-IDF + k-means and TF-IDF + LSA(100) + k-means."""
import json
import sys

from sklearn import metrics
from sklearn.cluster import KMeans
from sklearn.decomposition import TruncatedSVD
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import Normalizer

from common import read_corpus

records = read_corpus(sys.argv[1])
labels = [r["label"] for r in records]
k = len(set(labels))
X = TfidfVectorizer(max_df=0.5, min_df=5, stop_words="english").fit_transform([r["text"] for r in records])
out = {}
for name, Z in [("tfidf", X), ("lsa", make_pipeline(TruncatedSVD(n_components=100, random_state=0), Normalizer(copy=False)).fit_transform(X))]:
    km = KMeans(n_clusters=k, max_iter=100, n_init=1, random_state=0).fit(Z)
    out[name] = {"v": metrics.v_measure_score(labels, km.labels_), "ari": metrics.adjusted_rand_score(labels, km.labels_)}
print(json.dumps(out))

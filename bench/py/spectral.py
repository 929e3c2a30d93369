"""Does a clustering that follows dense neighbourhoods give small classes a topic of their
own where k-means merges them? scikit-learn's SpectralClustering on the 15-nearest-neighbour
graph against KMeans, both on LSA(100) of TfidfVectorizer(min_df=2, max_df=0.5, English stop
words, sublinear tf), k = the number of classes, seed 0. For each class: the topic holding
most of its documents, and that topic's three largest classes.
    /usr/bin/python3 bench/py/spectral.py [corpus.jsonl]   (default: reuters-r8.jsonl in
    $TOPICLENS_DATA or ../shared/data)"""
import json
import os
import sys
from collections import Counter

from sklearn.cluster import KMeans, SpectralClustering
from sklearn.decomposition import TruncatedSVD
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.metrics import adjusted_rand_score, v_measure_score
from sklearn.preprocessing import normalize

here = os.path.dirname(os.path.abspath(__file__))
data = os.environ.get("TOPICLENS_DATA", os.path.join(here, "..", "..", "..", "shared", "data"))
path = sys.argv[1] if len(sys.argv) > 1 else os.path.join(data, "reuters-r8.jsonl")
records = [json.loads(line) for line in open(path, encoding="utf-8") if line.strip()]
texts = [r["text"] for r in records]
gold = [r["label"] for r in records]
k = len(set(gold))
X = TfidfVectorizer(min_df=2, max_df=0.5, stop_words="english", sublinear_tf=True).fit_transform(texts)
Z = normalize(TruncatedSVD(100, random_state=0).fit_transform(X))
models = {
    "k-means": KMeans(k, n_init=4, random_state=0),
    "spectral (15-NN graph)": SpectralClustering(
        k, affinity="nearest_neighbors", n_neighbors=15, random_state=0, assign_labels="cluster_qr"
    ),
}
for name, model in models.items():
    labels = model.fit_predict(Z)
    print(f"{name}: V {v_measure_score(gold, labels):.3f}, ARI {adjusted_rand_score(gold, labels):.3f}")
    for cls in sorted(set(gold)):
        held = Counter(t for t, g in zip(labels, gold) if g == cls)
        topic, count = held.most_common(1)[0]
        parts = Counter(g for t, g in zip(labels, gold) if t == topic).most_common(3)
        print(f"  {cls}: {count} of {sum(held.values())} in a topic of {', '.join(f'{g} {c}' for g, c in parts)}")

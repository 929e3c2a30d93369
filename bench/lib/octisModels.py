"""OCTIS's LDA and NMF on given token lists, for bench/bertopicProtocol.mjs.

OCTIS wraps gensim: its LDA is gensim's LdaModel and its NMF gensim's Nmf, with gensim's
defaults for what OCTIS leaves unset; here each is run with num_topics and random_state only.
Also scores one given topic set with gensim's own c_npmi (top 10), to cross-check the
bench's metric on this corpus.

    python3 bench/lib/octisModels.py IN.json OUT.json
IN:  {"texts": [[word, ...], ...], "ks": [10, ...], "seeds": [0, ...], "check": [[word, ...], ...]}
OUT: {"LDA": {"10": [[25 words per topic], ...] per seed}, "NMF": ..., "check_npmi": float}
"""
import json
import sys
import time

from gensim.corpora import Dictionary
from gensim.models import CoherenceModel, LdaModel, Nmf

args = json.load(open(sys.argv[1]))
texts = args["texts"]
dictionary = Dictionary(texts)
corpus = [dictionary.doc2bow(t) for t in texts]
out = {"LDA": {}, "NMF": {}, "seconds": {}}
for name, model_of in (
    ("LDA", lambda k, seed: LdaModel(corpus, num_topics=k, id2word=dictionary, random_state=seed)),
    ("NMF", lambda k, seed: Nmf(corpus, num_topics=k, id2word=dictionary, random_state=seed)),
):
    start = time.time()
    for k in args["ks"]:
        runs = []
        for seed in args["seeds"]:
            model = model_of(k, seed)
            runs.append([[w for w, _ in model.show_topic(t, topn=25)] for t in range(k)])
        out[name][str(k)] = runs
    out["seconds"][name] = time.time() - start
    print(name, "done in", round(out["seconds"][name], 1), "s", file=sys.stderr)

check = CoherenceModel(topics=[t[:10] for t in args["check"]], texts=texts, dictionary=dictionary, coherence="c_npmi", topn=10)
out["check_npmi"] = check.get_coherence()
json.dump(out, open(sys.argv[2], "w"))

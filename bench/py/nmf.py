"""scikit-learn side of bench/nmf.mjs: NMF(n_components=k) with its defaults (NNDSVDa start,
coordinate descent, tol 1e-4, max_iter 200) on the CSR matrix topiclens wrote (int32 indptr
and indices, float64 data), timed; prints the time, iterations, reconstruction error and
each row's heaviest component."""
import json
import sys
import time
import warnings

import numpy as np
import scipy.sparse as sp
from sklearn.decomposition import NMF

prefix, rows, cols, k = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
indptr = np.fromfile(prefix + ".indptr", dtype=np.int32)
indices = np.fromfile(prefix + ".indices", dtype=np.int32)
data = np.fromfile(prefix + ".data", dtype=np.float64)
X = sp.csr_matrix((data, indices, indptr), shape=(rows, cols))
with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    t0 = time.perf_counter()
    model = NMF(n_components=k, random_state=0)
    W = model.fit_transform(X)
    seconds = time.perf_counter() - t0
heaviest = np.where(W.max(axis=1) > 0, W.argmax(axis=1), -1)
print(json.dumps({
    "seconds": seconds,
    "iterations": int(model.n_iter_),
    "reconstructionError": float(model.reconstruction_err_),
    "labels": heaviest.tolist(),
}))

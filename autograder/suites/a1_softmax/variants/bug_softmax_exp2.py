"""softmax exponentiates with base 2 (np.exp2, "2 to the x"), not e: the distribution is flatter than softmax's."""
# diagnosis: softmax raises 2 (not e) to the scores, e.g. np.exp2 or 2 ** x: the distribution comes out too flat.


def softmax(x):
    x = np.asarray(x, dtype=np.float64)
    exps = np.exp2(x - x.max(axis=-1, keepdims=True))
    return exps / exps.sum(axis=-1, keepdims=True)

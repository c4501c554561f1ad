"""softmax normalises over axis 0 (columns of a batch) instead of the last axis."""


def softmax(x):
    x = np.asarray(x, dtype=np.float64)
    exps = np.exp(x - x.max(axis=0, keepdims=True))
    return exps / exps.sum(axis=0, keepdims=True)

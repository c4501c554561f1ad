"""softmax written for 2-D batches only: a 3-D input is normalised over axis 1, not the last axis."""


def softmax(x):
    x = np.asarray(x, dtype=np.float64)
    axis = 0 if x.ndim == 1 else 1
    exps = np.exp(x - x.max(axis=axis, keepdims=True))
    return exps / exps.sum(axis=axis, keepdims=True)

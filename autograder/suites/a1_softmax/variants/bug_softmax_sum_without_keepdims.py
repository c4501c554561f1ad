"""softmax divides by exps.sum(axis=-1) without keepdims: a batch's row sums broadcast along the wrong axis
(a 4x7 batch raises, a square batch divides column j by the sum of row j)."""
# diagnosis: softmax divides by a sum taken without keepdims=True, so the row sums broadcast against the wrong axis.


def softmax(x):
    x = np.asarray(x, dtype=np.float64)
    exps = np.exp(x - x.max(axis=-1, keepdims=True))
    return exps / exps.sum(axis=-1)

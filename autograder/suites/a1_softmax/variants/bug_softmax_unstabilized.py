"""softmax exponentiates the raw scores: exp overflows to inf above ~709 and the ratio becomes nan."""


def softmax(x):
    exps = np.exp(np.asarray(x, dtype=np.float64))
    return exps / exps.sum(axis=-1, keepdims=True)

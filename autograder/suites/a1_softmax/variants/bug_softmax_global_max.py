"""softmax subtracts the maximum of the whole array: a row far below it underflows to 0/0 = nan."""


def softmax(x):
    x = np.asarray(x, dtype=np.float64)
    exps = np.exp(x - x.max())
    return exps / exps.sum(axis=-1, keepdims=True)

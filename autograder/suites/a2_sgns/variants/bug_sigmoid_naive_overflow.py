"""sigmoid as 1 / (1 + exp(-x)): right values, but exp(-x) overflows (with a warning) for x < -709."""


def sigmoid(x):
    return 1.0 / (1.0 + np.exp(-np.asarray(x, dtype=np.float64)))

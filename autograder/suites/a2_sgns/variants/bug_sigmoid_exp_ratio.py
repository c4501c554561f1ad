"""sigmoid as exp(x) / (1 + exp(x)): inf / inf = nan for large positive x."""


def sigmoid(x):
    exps = np.exp(np.asarray(x, dtype=np.float64))
    return exps / (1.0 + exps)

"""sigmoid as exp(log sigma(x)) = exp(-logaddexp(0, -x)): no overflow, relative accuracy in both tails."""


def sigmoid(x):
    return np.exp(-np.logaddexp(0.0, -np.asarray(x, dtype=np.float64)))

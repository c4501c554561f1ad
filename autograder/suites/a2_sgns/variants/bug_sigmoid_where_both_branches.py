"""A 'stable' sigmoid with np.where: both branches are evaluated on every entry, so exp still overflows."""


def sigmoid(x):
    x = np.asarray(x, dtype=np.float64)
    return np.where(x >= 0, 1.0 / (1.0 + np.exp(-x)), np.exp(x) / (1.0 + np.exp(x)))

"""sigmoid through tanh, (1 + tanh(x / 2)) / 2: never overflows, but 1 + tanh(x / 2) cancels to exactly 0 below
x = -37, so the left tail (sigma(-50) = 1.9e-22) is wrong by 100% in relative terms."""


def sigmoid(x):
    return 0.5 * (1.0 + np.tanh(0.5 * np.asarray(x, dtype=np.float64)))

"""sigmoid for negative x as 1 - sigma(|x|) (the symmetry, without overflow): the subtraction cancels to exactly
0 below x = -37, so the left tail is wrong by 100% in relative terms, and log(sigmoid) there is -inf."""


def sigmoid(x):
    x = np.asarray(x, dtype=np.float64)
    right = 1.0 / (1.0 + np.exp(-np.abs(x)))
    return np.where(x >= 0, right, 1.0 - right)

"""sample_negatives ignores exclude: the true outside word can be drawn as its own negative."""


def sample_negatives(probs, k, rng, exclude=None):
    return rng.choice(len(probs), size=k, p=np.asarray(probs, dtype=np.float64))

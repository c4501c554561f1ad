"""sample_negatives draws uniformly over the vocabulary, ignoring probs."""


def sample_negatives(probs, k, rng, exclude=None):
    draws = rng.integers(0, len(probs), size=k)
    if exclude is not None:
        while np.any(draws == exclude):
            redo = draws == exclude
            draws[redo] = rng.integers(0, len(probs), size=int(redo.sum()))
    return draws

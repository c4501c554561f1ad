"""sample_negatives by rejection: draw from probs and redraw the excluded ones until none is left."""


def sample_negatives(probs, k, rng, exclude=None):
    probs = np.asarray(probs, dtype=np.float64)
    draws = rng.choice(len(probs), size=k, p=probs)
    while exclude is not None and np.any(draws == exclude):
        redo = np.flatnonzero(draws == exclude)
        draws[redo] = rng.choice(len(probs), size=len(redo), p=probs)
    return draws

"""sample_negatives replaces an excluded draw by the next index: that word gets the excluded word's mass."""


def sample_negatives(probs, k, rng, exclude=None):
    draws = rng.choice(len(probs), size=k, p=np.asarray(probs, dtype=np.float64))
    if exclude is not None:
        draws[draws == exclude] = (exclude + 1) % len(probs)
    return draws

"""sample_negatives by inverse transform: uniform numbers looked up in the cumulative distribution."""


def sample_negatives(probs, k, rng, exclude=None):
    weights = np.array(probs, dtype=np.float64)
    if exclude is not None:
        weights[exclude] = 0.0
    cumulative = np.cumsum(weights)
    draws = np.searchsorted(cumulative, rng.random(k) * cumulative[-1], side="right")
    return np.minimum(draws, len(weights) - 1)

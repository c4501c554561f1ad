"""sample_negatives draws with rng.choice(..., replace=False): k distinct words, so k larger than the vocabulary
raises and the draws are not iid."""
# diagnosis: sample_negatives draws without replacement (replace=False): the k draws must be independent, with repeats allowed.


def sample_negatives(probs, k, rng, exclude=None):
    probs = np.asarray(probs, dtype=np.float64)
    if exclude is not None:
        probs = probs.copy()
        probs[exclude] = 0.0
        probs /= probs.sum()
    return rng.choice(len(probs), size=k, replace=False, p=probs).astype(np.int64)

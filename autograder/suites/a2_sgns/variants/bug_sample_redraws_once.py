"""sample_negatives redraws the excluded draws once instead of until none is left: a few excluded words
slip through (about p_excluded squared of the draws)."""
# diagnosis: sample_negatives redraws the excluded word only once; a redraw can hit it again, so redraw until none is left (or zero its probability and renormalise).


def sample_negatives(probs, k, rng, exclude=None):
    probs = np.asarray(probs, dtype=np.float64)
    draws = rng.choice(len(probs), size=k, p=probs).astype(np.int64)
    if exclude is not None:
        hits = draws == exclude
        draws[hits] = rng.choice(len(probs), size=int(hits.sum()), p=probs)
    return draws

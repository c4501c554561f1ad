"""noise_distribution returns counts ** power without dividing by the sum: weights, not probabilities."""
# diagnosis: noise_distribution returns the weights count ** power without dividing by their sum, so they do not add up to 1.


def noise_distribution(counts, power=0.75):
    return np.asarray(counts, dtype=np.float64) ** power

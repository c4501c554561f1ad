"""noise_distribution normalises the counts first and raises to the power after: the result does not sum to 1."""


def noise_distribution(counts, power=0.75):
    counts = np.asarray(counts, dtype=np.float64)
    return (counts / counts.sum()) ** power

"""noise_distribution ignores power: the plain unigram distribution."""


def noise_distribution(counts, power=0.75):
    counts = np.asarray(counts, dtype=np.float64)
    return counts / counts.sum()

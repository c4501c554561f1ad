"""noise_distribution in log space: exp(power * log(count) - logsumexp(...)), zero counts kept at 0."""
from scipy.special import logsumexp


def noise_distribution(counts, power=0.75):
    counts = np.asarray(counts, dtype=np.float64)
    with np.errstate(divide="ignore"):
        logs = power * np.log(counts)
    return np.exp(logs - logsumexp(logs))

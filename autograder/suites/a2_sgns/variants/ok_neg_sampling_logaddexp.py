"""neg_sampling_loss_and_gradient with softplus written out: -log sigma(s) = logaddexp(0, -s), and the
coefficients from scipy's expit; the outside gradient as a dense one-hot product instead of np.add.at."""
from scipy.special import expit


def neg_sampling_loss_and_gradient(center_vec, outside_idx, outside_vectors, neg_indices):
    rows = np.concatenate([[outside_idx], np.asarray(neg_indices, dtype=np.int64)])
    labels = np.zeros(len(rows))
    labels[0] = 1.0
    scores = outside_vectors[rows] @ center_vec
    signs = 2.0 * labels - 1.0                       # +1 for the true pair, -1 for each negative
    loss = np.logaddexp(0.0, -signs * scores).sum()
    coefs = expit(scores) - labels
    selector = np.zeros((len(rows), len(outside_vectors)))
    selector[np.arange(len(rows)), rows] = 1.0       # one row per term: repeats add up in the product
    grad_outside_vectors = selector.T @ np.outer(coefs, center_vec)
    return float(loss), coefs @ outside_vectors[rows], grad_outside_vectors

"""The pair loss takes np.log2 of the probability: a cross-entropy in bits, 1/ln 2 times the natural-log loss."""
# diagnosis: the loss takes the logarithm in base 2 (np.log2); the cross-entropy loss uses the natural log, as its gradients do.


def naive_softmax_loss_and_gradient(center_vec, outside_idx, outside_vectors):
    probs = softmax(outside_vectors @ center_vec)
    error = probs.copy()
    error[outside_idx] -= 1.0
    return float(-np.log2(probs[outside_idx])), outside_vectors.T @ error, np.outer(error, center_vec)

"""grad_outside_vectors is the outer product in the wrong order: shape (d, V) instead of (V, d)."""


def naive_softmax_loss_and_gradient(center_vec, outside_idx, outside_vectors):
    probs = softmax(outside_vectors @ center_vec)
    error = probs.copy()
    error[outside_idx] -= 1.0
    return float(-np.log(probs[outside_idx])), outside_vectors.T @ error, np.outer(center_vec, error)

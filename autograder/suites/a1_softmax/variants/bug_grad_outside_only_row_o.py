"""grad_outside_vectors updates only row o, as if the other words' scores did not depend on U."""


def naive_softmax_loss_and_gradient(center_vec, outside_idx, outside_vectors):
    probs = softmax(outside_vectors @ center_vec)
    error = probs.copy()
    error[outside_idx] -= 1.0
    grad_outside_vectors = np.zeros_like(outside_vectors)
    grad_outside_vectors[outside_idx] = error[outside_idx] * center_vec
    return float(-np.log(probs[outside_idx])), outside_vectors.T @ error, grad_outside_vectors

"""Both gradients use y - y_hat instead of y_hat - y: they point uphill."""


def naive_softmax_loss_and_gradient(center_vec, outside_idx, outside_vectors):
    probs = softmax(outside_vectors @ center_vec)
    error = -probs
    error[outside_idx] += 1.0
    return float(-np.log(probs[outside_idx])), outside_vectors.T @ error, np.outer(error, center_vec)

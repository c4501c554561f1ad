"""grad_outside_vectors is outer(y_hat, v_c): the one-hot y is never subtracted, so row o misses its -v_c."""
# diagnosis: grad_outside_vectors uses y_hat where it needs y_hat - y: row o misses its -v_c term.


def naive_softmax_loss_and_gradient(center_vec, outside_idx, outside_vectors):
    probs = softmax(outside_vectors @ center_vec)
    error = probs.copy()
    error[outside_idx] -= 1.0
    return float(-np.log(probs[outside_idx])), outside_vectors.T @ error, np.outer(probs, center_vec)

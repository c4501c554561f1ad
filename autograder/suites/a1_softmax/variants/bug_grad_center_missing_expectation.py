"""grad_center_vec keeps only the observed term -u_o and forgets the expected outside vector sum_w y_hat_w u_w."""


def naive_softmax_loss_and_gradient(center_vec, outside_idx, outside_vectors):
    probs = softmax(outside_vectors @ center_vec)
    error = probs.copy()
    error[outside_idx] -= 1.0
    return float(-np.log(probs[outside_idx])), -outside_vectors[outside_idx], np.outer(error, center_vec)

"""The loss is -u_o . v_c: the log-sum-exp normaliser of the softmax is missing (gradients are right)."""


def naive_softmax_loss_and_gradient(center_vec, outside_idx, outside_vectors):
    probs = softmax(outside_vectors @ center_vec)
    error = probs.copy()
    error[outside_idx] -= 1.0
    loss = -outside_vectors[outside_idx] @ center_vec
    return float(loss), outside_vectors.T @ error, np.outer(error, center_vec)

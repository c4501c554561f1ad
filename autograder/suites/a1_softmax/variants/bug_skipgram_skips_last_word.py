"""skipgram loops over range(len(outside_idxs) - 1): an off-by-one that drops the window's last outside word."""
# diagnosis: skipgram's loop stops one word early (an off-by-one such as range(len(outside_idxs) - 1)): the window's last outside word is left out.


def skipgram(center_idx, outside_idxs, center_vectors, outside_vectors,
             loss_and_gradient=naive_softmax_loss_and_gradient):
    loss = 0.0
    grad_center_vectors = np.zeros(np.shape(center_vectors))
    grad_outside_vectors = np.zeros(np.shape(outside_vectors))
    for i in range(len(outside_idxs) - 1):
        pair_loss, grad_center_vec, grad_outside = loss_and_gradient(
            center_vectors[center_idx], outside_idxs[i], outside_vectors)
        loss += pair_loss
        grad_center_vectors[center_idx] += grad_center_vec
        grad_outside_vectors += grad_outside
    return float(loss), grad_center_vectors, grad_outside_vectors

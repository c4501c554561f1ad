"""skipgram assigns the centre row's gradient instead of accumulating it: only the last outside word counts."""


def skipgram(center_idx, outside_idxs, center_vectors, outside_vectors,
             loss_and_gradient=naive_softmax_loss_and_gradient):
    loss = 0.0
    grad_center_vectors = np.zeros(np.shape(center_vectors))
    grad_outside_vectors = np.zeros(np.shape(outside_vectors))
    for outside_idx in outside_idxs:
        pair_loss, grad_center_vec, grad_outside = loss_and_gradient(
            center_vectors[center_idx], outside_idx, outside_vectors)
        loss += pair_loss
        grad_center_vectors[center_idx] = grad_center_vec
        grad_outside_vectors += grad_outside
    return loss, grad_center_vectors, grad_outside_vectors

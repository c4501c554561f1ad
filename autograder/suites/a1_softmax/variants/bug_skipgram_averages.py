"""skipgram averages the pair losses and gradients over the window instead of summing them."""


def skipgram(center_idx, outside_idxs, center_vectors, outside_vectors,
             loss_and_gradient=naive_softmax_loss_and_gradient):
    loss = 0.0
    grad_center_vectors = np.zeros(np.shape(center_vectors))
    grad_outside_vectors = np.zeros(np.shape(outside_vectors))
    for outside_idx in outside_idxs:
        pair_loss, grad_center_vec, grad_outside = loss_and_gradient(
            center_vectors[center_idx], outside_idx, outside_vectors)
        loss += pair_loss / len(outside_idxs)
        grad_center_vectors[center_idx] += grad_center_vec / len(outside_idxs)
        grad_outside_vectors += grad_outside / len(outside_idxs)
    return loss, grad_center_vectors, grad_outside_vectors

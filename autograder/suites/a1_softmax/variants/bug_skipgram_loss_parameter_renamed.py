"""skipgram names its pair-loss parameter `loss_fn` instead of the contract's `loss_and_gradient`: the default
works, but a caller that passes loss_and_gradient=... (assignment 2 does) gets a TypeError."""


def skipgram(center_idx, outside_idxs, center_vectors, outside_vectors, loss_fn=naive_softmax_loss_and_gradient):
    loss = 0.0
    grad_center_vectors = np.zeros(np.shape(center_vectors))
    grad_outside_vectors = np.zeros(np.shape(outside_vectors))
    for outside_idx in outside_idxs:
        pair_loss, grad_center_vec, grad_outside = loss_fn(center_vectors[center_idx], outside_idx, outside_vectors)
        loss += pair_loss
        grad_center_vectors[center_idx] += grad_center_vec
        grad_outside_vectors += grad_outside
    return float(loss), grad_center_vectors, grad_outside_vectors

"""skipgram ignores its loss_and_gradient argument and always calls naive_softmax_loss_and_gradient: right with the
default, wrong for any other pair loss (assignment 2 plugs negative sampling in through that argument)."""
# diagnosis: skipgram must call the loss_and_gradient it is given, not naive_softmax_loss_and_gradient by name.


def skipgram(center_idx, outside_idxs, center_vectors, outside_vectors,
             loss_and_gradient=naive_softmax_loss_and_gradient):
    loss = 0.0
    grad_center_vectors = np.zeros(np.shape(center_vectors))
    grad_outside_vectors = np.zeros(np.shape(outside_vectors))
    for outside_idx in outside_idxs:
        pair_loss, grad_center_vec, grad_outside = naive_softmax_loss_and_gradient(
            center_vectors[center_idx], outside_idx, outside_vectors)
        loss += pair_loss
        grad_center_vectors[center_idx] += grad_center_vec
        grad_outside_vectors += grad_outside
    return float(loss), grad_center_vectors, grad_outside_vectors

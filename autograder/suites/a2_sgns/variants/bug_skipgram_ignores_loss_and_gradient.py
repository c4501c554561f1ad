"""skipgram ignores the pair loss it is given: its last argument is taken as the negatives, and skipgram calls
neg_sampling_loss_and_gradient by name (skipgram_neg_sampling passes neg_indices through). skipgram_neg_sampling's
results are right, but skipgram is not assignment 1's skipgram any more: any other pair loss is ignored."""
# diagnosis: skipgram must call the loss_and_gradient it is given, not neg_sampling_loss_and_gradient by name.


def skipgram(center_idx, outside_idxs, center_vectors, outside_vectors, loss_and_gradient):
    loss = 0.0
    grad_center_vectors = np.zeros(np.shape(center_vectors))
    grad_outside_vectors = np.zeros(np.shape(outside_vectors))
    for outside_idx in outside_idxs:
        pair_loss, grad_center_vec, grad_outside = neg_sampling_loss_and_gradient(
            center_vectors[center_idx], outside_idx, outside_vectors, loss_and_gradient)
        loss += pair_loss
        grad_center_vectors[center_idx] += grad_center_vec
        grad_outside_vectors += grad_outside
    return float(loss), grad_center_vectors, grad_outside_vectors


def skipgram_neg_sampling(center_idx, outside_idxs, center_vectors, outside_vectors, neg_indices):
    return skipgram(center_idx, outside_idxs, center_vectors, outside_vectors, neg_indices)

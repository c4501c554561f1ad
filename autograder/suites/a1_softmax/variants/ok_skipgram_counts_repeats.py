"""skipgram visits each distinct outside word once and weights it by how often it occurs in the window."""


def skipgram(center_idx, outside_idxs, center_vectors, outside_vectors,
             loss_and_gradient=naive_softmax_loss_and_gradient):
    words, counts = np.unique(np.asarray(outside_idxs, dtype=np.int64), return_counts=True)
    pairs = [loss_and_gradient(center_vectors[center_idx], int(word), outside_vectors) for word in words]
    grad_center_vectors = np.zeros(np.shape(center_vectors))
    grad_center_vectors[center_idx] = sum(count * pair[1] for count, pair in zip(counts, pairs))
    grad_outside_vectors = sum(count * pair[2] for count, pair in zip(counts, pairs))
    loss = sum(count * pair[0] for count, pair in zip(counts, pairs))
    return float(loss), grad_center_vectors, grad_outside_vectors

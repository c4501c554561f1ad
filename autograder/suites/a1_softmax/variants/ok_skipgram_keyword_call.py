"""skipgram calls the pair function with keyword arguments (the names of section 2's signature) and collects
the pair results before summing them."""


def skipgram(center_idx, outside_idxs, center_vectors, outside_vectors,
             loss_and_gradient=naive_softmax_loss_and_gradient):
    pairs = [loss_and_gradient(center_vec=center_vectors[center_idx], outside_idx=outside_idx,
                               outside_vectors=outside_vectors) for outside_idx in outside_idxs]
    grad_center_vectors = np.zeros(np.shape(center_vectors))
    grad_center_vectors[center_idx] = np.sum([pair[1] for pair in pairs], axis=0)
    grad_outside_vectors = np.sum([pair[2] for pair in pairs], axis=0)
    return float(sum(pair[0] for pair in pairs)), grad_center_vectors, grad_outside_vectors

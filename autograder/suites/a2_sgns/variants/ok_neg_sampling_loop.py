"""neg_sampling_loss_and_gradient with a Python loop over the negatives, term by term as derived."""


def neg_sampling_loss_and_gradient(center_vec, outside_idx, outside_vectors, neg_indices):
    grad_outside_vectors = np.zeros(np.shape(outside_vectors))
    pos_score = outside_vectors[outside_idx] @ center_vec
    loss = np.log1p(np.exp(-pos_score))
    grad_center_vec = (sigmoid(pos_score) - 1.0) * outside_vectors[outside_idx]
    grad_outside_vectors[outside_idx] += (sigmoid(pos_score) - 1.0) * center_vec
    for k in neg_indices:
        score = outside_vectors[k] @ center_vec
        loss += np.log1p(np.exp(score))
        grad_center_vec = grad_center_vec + sigmoid(score) * outside_vectors[k]
        grad_outside_vectors[k] += sigmoid(score) * center_vec
    return float(loss), grad_center_vec, grad_outside_vectors

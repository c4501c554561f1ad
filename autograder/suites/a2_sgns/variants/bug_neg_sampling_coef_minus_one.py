"""The negatives' rows of grad_outside_vectors get sigma(s_k - 1) instead of sigma(s_k): the "- 1" of the
true pair's coefficient copied into the wrong place."""
# diagnosis: the negatives' gradient coefficient is sigma(s_k - 1); for a negative it is sigma(s_k), the "- 1" belongs to the true pair only.


def neg_sampling_loss_and_gradient(center_vec, outside_idx, outside_vectors, neg_indices):
    neg_indices = np.asarray(neg_indices, dtype=np.int64)
    outside_vec = outside_vectors[outside_idx]
    neg_vecs = outside_vectors[neg_indices]
    pos_score = outside_vec @ center_vec
    neg_scores = neg_vecs @ center_vec
    loss = -log_sigmoid(pos_score) - log_sigmoid(-neg_scores).sum()
    pos_coef = sigmoid(pos_score) - 1.0
    neg_coefs = sigmoid(neg_scores - 1.0)
    grad_center_vec = pos_coef * outside_vec + neg_coefs @ neg_vecs
    grad_outside_vectors = np.zeros(np.shape(outside_vectors))
    grad_outside_vectors[outside_idx] += pos_coef * center_vec
    np.add.at(grad_outside_vectors, neg_indices, neg_coefs[:, None] * center_vec)
    return float(loss), grad_center_vec, grad_outside_vectors

"""Negative gradients added with fancy-index +=: a negative drawn twice gets its gradient only once."""


def neg_sampling_loss_and_gradient(center_vec, outside_idx, outside_vectors, neg_indices):
    neg_indices = np.asarray(neg_indices, dtype=np.int64)
    outside_vec, neg_vecs = outside_vectors[outside_idx], outside_vectors[neg_indices]
    pos_score, neg_scores = outside_vec @ center_vec, neg_vecs @ center_vec
    loss = -log_sigmoid(pos_score) - log_sigmoid(-neg_scores).sum()
    pos_coef, neg_coefs = sigmoid(pos_score) - 1.0, sigmoid(neg_scores)
    grad_center_vec = pos_coef * outside_vec + neg_coefs @ neg_vecs
    grad_outside_vectors = np.zeros(np.shape(outside_vectors))
    grad_outside_vectors[outside_idx] += pos_coef * center_vec
    grad_outside_vectors[neg_indices] += neg_coefs[:, None] * center_vec
    return float(loss), grad_center_vec, grad_outside_vectors

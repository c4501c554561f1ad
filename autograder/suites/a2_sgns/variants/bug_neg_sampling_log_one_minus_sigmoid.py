"""The negatives' loss terms as -log(1 - sigmoid(s_k)), straight from the formula: 1 - sigmoid(s_k) is exactly 0
once a negative's score reaches about 37, and the loss is inf."""


def neg_sampling_loss_and_gradient(center_vec, outside_idx, outside_vectors, neg_indices):
    neg_indices = np.asarray(neg_indices, dtype=np.int64)
    outside_vec = outside_vectors[outside_idx]
    neg_vecs = outside_vectors[neg_indices]
    pos_score = outside_vec @ center_vec
    neg_scores = neg_vecs @ center_vec
    with np.errstate(divide="ignore"):
        loss = -log_sigmoid(pos_score) - np.log(1.0 - sigmoid(neg_scores)).sum()
    pos_coef = sigmoid(pos_score) - 1.0
    neg_coefs = sigmoid(neg_scores)
    grad_center_vec = pos_coef * outside_vec + neg_coefs @ neg_vecs
    grad_outside_vectors = np.zeros(np.shape(outside_vectors))
    grad_outside_vectors[outside_idx] += pos_coef * center_vec
    np.add.at(grad_outside_vectors, neg_indices, neg_coefs[:, None] * center_vec)
    return float(loss), grad_center_vec, grad_outside_vectors

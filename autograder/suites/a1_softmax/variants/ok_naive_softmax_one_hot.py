"""The pair loss through log-sum-exp and a one-hot target vector, written term by term as derived."""


def naive_softmax_loss_and_gradient(center_vec, outside_idx, outside_vectors):
    scores = outside_vectors @ center_vec
    shift = scores.max()
    log_normaliser = shift + np.log(np.sum(np.exp(scores - shift)))
    probs = np.exp(scores - log_normaliser)
    one_hot = np.zeros(len(scores))
    one_hot[outside_idx] = 1.0
    loss = log_normaliser - scores[outside_idx]
    grad_center_vec = -outside_vectors[outside_idx] + probs @ outside_vectors
    grad_outside_vectors = (probs - one_hot)[:, None] * center_vec[None, :]
    return float(loss), grad_center_vec, grad_outside_vectors

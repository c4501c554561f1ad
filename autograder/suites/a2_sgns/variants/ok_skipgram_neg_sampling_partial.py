"""skipgram_neg_sampling through functools.partial, and a skipgram that visits each distinct outside word once and
weights it by its count in the window."""
import functools


def skipgram(center_idx, outside_idxs, center_vectors, outside_vectors, loss_and_gradient):
    words, counts = np.unique(np.asarray(outside_idxs, dtype=np.int64), return_counts=True)
    pairs = [loss_and_gradient(center_vectors[center_idx], int(word), outside_vectors) for word in words]
    grad_center_vectors = np.zeros(np.shape(center_vectors))
    grad_center_vectors[center_idx] = sum(count * pair[1] for count, pair in zip(counts, pairs))
    grad_outside_vectors = sum(count * pair[2] for count, pair in zip(counts, pairs))
    return float(sum(count * pair[0] for count, pair in zip(counts, pairs))), grad_center_vectors, grad_outside_vectors


def skipgram_neg_sampling(center_idx, outside_idxs, center_vectors, outside_vectors, neg_indices):
    pair_loss = functools.partial(neg_sampling_loss_and_gradient, neg_indices=neg_indices)
    return skipgram(center_idx, outside_idxs, center_vectors, outside_vectors, pair_loss)

"""skipgram_neg_sampling hands each pair only one of the given negatives (neg_indices[i % K] for the i-th pair)
instead of all K, as if the negatives were to be spread over the window."""


def skipgram_neg_sampling(center_idx, outside_idxs, center_vectors, outside_vectors, neg_indices):
    calls = []

    def pair_loss(center_vec, outside_idx, outside_vectors):
        negative = neg_indices[len(calls) % len(neg_indices)]
        calls.append(outside_idx)
        return neg_sampling_loss_and_gradient(center_vec, outside_idx, outside_vectors, [negative])
    return skipgram(center_idx, outside_idxs, center_vectors, outside_vectors, pair_loss)

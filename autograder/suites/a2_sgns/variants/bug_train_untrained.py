# select: slow
"""train_sgns builds the vocabulary and initial vectors but never runs the SGD steps."""


def train_sgns(sentences, *, dim=50, window=5, negatives=5, epochs=1, min_count=5, seed=0, loss_log=None):
    rng = np.random.default_rng(seed)
    vocab, _ = build_vocab(sentences, min_count)
    return vocab, (rng.random((len(vocab), dim)) - 0.5) / dim

# select: slow
"""Returns the model without training it."""


def train_rnnlm(train_ids, valid_ids, vocab_size, *, device="cpu", seed=0):
    torch.manual_seed(seed)
    return RNNLM(vocab_size, np.bincount(train_ids, minlength=vocab_size)).to(device).eval()

# select: slow
"""Correct but weak: the reference's model and training loop, stopped after 150 chunks (about a fifth of
an epoch, a few CPU seconds). Its perplexity is between the trigram's and the unigram's: it must get part
of the perplexity points, more than a broken model and less than the reference (checked by
tests/assignments/test_a4_rnn_grader_scoring.py)."""


def train_rnnlm(train_ids, valid_ids, vocab_size, *, device="cpu", seed=0, time_budget=None):
    train_ids = np.asarray(train_ids)
    torch.manual_seed(seed)
    model = RNNLM(vocab_size, np.bincount(train_ids, minlength=vocab_size)).to(device)
    optimizer = torch.optim.Adam(model.parameters(), lr=3e-3)
    inputs, targets = (x.to(device) for x in batchify(train_ids, 16))
    h = None
    for start in range(0, 150 * 35, 35):
        h = None if h is None else detach_state(h)
        loss, h = model.loss(inputs[:, start : start + 35], targets[:, start : start + 35], h)
        optimizer.zero_grad()
        loss.backward()
        nn.utils.clip_grad_norm_(model.parameters(), 0.5)
        optimizer.step()
    return model.eval()

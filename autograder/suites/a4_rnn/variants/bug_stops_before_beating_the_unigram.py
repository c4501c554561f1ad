# select: slow
"""Correct but trained far too little: the reference's model and training loop, stopped after 40 chunks (a
few CPU seconds). Its perplexity (about 580) is above the unigram's: no perplexity points, but it is a causal
language model that learned something, so it must score above a model that never trained and below one that
trained longer (pinned by tests/assignments/test_a4_rnn_grader_scoring.py)."""


def train_rnnlm(train_ids, valid_ids, vocab_size, *, device="cpu", seed=0, time_budget=None):
    train_ids = np.asarray(train_ids)
    torch.manual_seed(seed)
    model = RNNLM(vocab_size, np.bincount(train_ids, minlength=vocab_size)).to(device)
    optimizer = torch.optim.Adam(model.parameters(), lr=3e-3)
    inputs, targets = (x.to(device) for x in batchify(train_ids, 16))
    h = None
    for start in range(0, 40 * 35, 35):
        h = None if h is None else detach_state(h)
        loss, h = model.loss(inputs[:, start : start + 35], targets[:, start : start + 35], h)
        optimizer.zero_grad()
        loss.backward()
        nn.utils.clip_grad_norm_(model.parameters(), 0.5)
        optimizer.step()
    return model.eval()

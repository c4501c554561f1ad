# select: slow
"""Today's signature, without the time_budget keyword (the grader must not pass it, and grades the model
as before): the reference's train_rnnlm called with its own default budget."""

_reference_train_rnnlm = train_rnnlm


def train_rnnlm(train_ids, valid_ids, vocab_size, *, device="cpu", seed=0):
    return _reference_train_rnnlm(train_ids, valid_ids, vocab_size, device=device, seed=seed)

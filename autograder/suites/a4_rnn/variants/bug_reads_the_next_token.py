# select: slow
"""Cheats at perplexity: the logits at position t put a large score on input t+1, the very token to
predict, so the perplexity is near 1 without any training. The causality probe catches it: no
perplexity points (checked by tests/assignments/test_a4_rnn_grader_scoring.py)."""


class NextTokenLM(nn.Module):
    def __init__(self, vocab_size):
        super().__init__()
        self.vocab_size = vocab_size

    def forward(self, inputs, h=None):
        logits = torch.zeros(*inputs.shape, self.vocab_size)
        upcoming = torch.roll(inputs, -1, dims=1)  # the last position wraps around: one miss per chunk
        logits.scatter_(2, upcoming.unsqueeze(-1).cpu(), 30.0)
        return logits, h


def train_rnnlm(train_ids, valid_ids, vocab_size, *, device="cpu", seed=0, time_budget=None):
    return NextTokenLM(vocab_size)

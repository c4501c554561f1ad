# select: slow
"""A bidirectional GRU: the logits at position t read the inputs after t (returned untrained, so the
variant costs no training run; the causality test fails either way)."""


class PeekingLM(nn.Module):
    def __init__(self, vocab_size, dim=64):
        super().__init__()
        self.embed = nn.Embedding(vocab_size, dim)
        self.rnn = nn.GRU(dim, dim, batch_first=True, bidirectional=True)
        self.out = nn.Linear(2 * dim, vocab_size)

    def forward(self, inputs, h=None):
        outputs, h = self.rnn(self.embed(inputs), h)
        return self.out(outputs), h


def train_rnnlm(train_ids, valid_ids, vocab_size, *, device="cpu", seed=0):
    torch.manual_seed(seed)
    return PeekingLM(vocab_size).to(device).eval()

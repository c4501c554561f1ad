"""a4_rnn: which models the book teaches reach train_rnnlm's pass mark, a3's Kneser-Ney trigram, within the
grader's CPU budget. Trains, on ONE core (torch.set_num_threads(1), as the grading sandbox gives the student's
code one thread) and within the budget, the models a student is expected to write, and prints each one's graded
perplexity on the scored test blocks (the hidden suite's own blocks and arithmetic: wiki_streams.py,
remote_lm.py) beside the Kneser-Ney trigram's and the unigram's. lm_settings.py and the notebook quote its rows.

    OMP_NUM_THREADS=1 .venv/bin/python bench/a4_rnn_bar.py [--model book_rnn|lstm|reference|all] [--budget S]

Models:
- book_rnn:  the RNN LM of book/ch3_language_models/rnn_lm.md as that page builds it (nn.Embedding(V, 32),
             nn.RNN(32, 64, tanh), nn.Linear(64, V): a full softmax; 16 rows x 32 steps, Adam 1e-2, clipping
             at 1.0), trained on the a4 ids until the CPU budget runs out;
- lstm:      a plain LSTM with a full softmax (dim 128, 32 rows x 35 steps, Adam 2e-3, clipping at 1.0),
             the same way;
- reference: the solution notebook's train_rnnlm, given time_budget=--budget when it accepts the keyword.

For book_rnn and lstm the graded perplexity is also measured along the way (after every --every CPU seconds
of training; the measuring is not counted), so the table shows how the result depends on the budget, i.e. on
how fast the grading machine is. Each model's rows go to bench/out/a4_rnn_bar_<model>.txt as well.
"""
import argparse
import inspect
import math
import sys
import time
from pathlib import Path

import numpy as np
import torch
from torch import nn

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "autograder" / "suites" / "a4_rnn"))
sys.path.insert(0, str(ROOT / "bench"))
import remote_lm  # noqa: E402
from autograder.in_process import load_reference, reach  # noqa: E402
from autograder import layout  # noqa: E402
from baselines import a3_settings, a3_trigram  # noqa: E402
from lm_settings import TRAIN_CPU_SECONDS  # noqa: E402
from wiki_streams import build_wiki_streams  # noqa: E402

OUT = ROOT / "bench" / "out"


class BookRNN(nn.Module):
    """book/ch3_language_models/rnn_lm.md's RNNLanguageModel: E, then nn.RNN (W_e, W_h, b1), then U, b2."""

    def __init__(self, vocab_size, dim=32, hidden=64):
        super().__init__()
        self.embedding = nn.Embedding(vocab_size, dim)
        self.rnn = nn.RNN(dim, hidden, nonlinearity="tanh", batch_first=True)
        self.output = nn.Linear(hidden, vocab_size)

    def forward(self, inputs, h=None):
        states, h = self.rnn(self.embedding(inputs), h)
        return self.output(states), h


class PlainLSTM(nn.Module):
    """Embedding, one LSTM layer, a full softmax: what a student writes from the contract."""

    def __init__(self, vocab_size, dim=128):
        super().__init__()
        self.embedding = nn.Embedding(vocab_size, dim)
        self.rnn = nn.LSTM(dim, dim, batch_first=True)
        self.output = nn.Linear(dim, vocab_size)

    def forward(self, inputs, h=None):
        states, h = self.rnn(self.embedding(inputs), h)
        return self.output(states), h


SETTINGS = {  # model class, rows, steps per chunk, Adam learning rate, clipping norm
    "book_rnn": (BookRNN, 16, 32, 1e-2, 1.0),
    "lstm": (PlainLSTM, 32, 35, 2e-3, 1.0),
}


def graded_perplexity(model, wiki):
    model.eval()
    ppl, _ = remote_lm.perplexity(reach(model), wiki.eval_blocks, wiki.eos_id, wiki.vocab_size)
    model.train()
    return ppl


def train_to_budget(name, wiki, budget, every):
    """Train SETTINGS[name] until `budget` CPU seconds of training; [(cpu seconds, tokens, graded ppl)]."""
    model_class, rows, steps, lr, max_norm = SETTINGS[name]
    torch.manual_seed(0)
    model = model_class(wiki.vocab_size)
    optimizer = torch.optim.Adam(model.parameters(), lr=lr)
    ids = torch.as_tensor(wiki.train_ids)
    n = (len(ids) - 1) // rows
    inputs, targets = ids[: n * rows].view(rows, n), ids[1 : n * rows + 1].view(rows, n)
    trained, tokens, rows_out, next_mark, h, start = 0.0, 0, [], every, None, 0
    while trained < budget:
        began = time.process_time()
        if start >= n:
            start, h = 0, None  # next epoch
        window = slice(start, start + steps)
        h = None if h is None else (tuple(x.detach() for x in h) if isinstance(h, tuple) else h.detach())
        logits, h = model(inputs[:, window], h)
        loss = nn.functional.cross_entropy(logits.flatten(0, 1), targets[:, window].flatten())
        optimizer.zero_grad()
        loss.backward()
        nn.utils.clip_grad_norm_(model.parameters(), max_norm)
        optimizer.step()
        start += steps
        tokens += targets[:, window].numel()
        trained += time.process_time() - began
        if trained >= next_mark or trained >= budget:
            rows_out.append((trained, tokens, graded_perplexity(model, wiki)))
            print(f"{name}: {trained:6.0f} CPU s, {tokens:9,} tokens, graded perplexity {rows_out[-1][2]:8.1f}", flush=True)
            next_mark += every
    return rows_out


def train_reference(wiki, budget):
    reference = load_reference("a4_rnn")
    keywords = {"time_budget": budget} if "time_budget" in inspect.signature(reference.train_rnnlm).parameters else {}
    began = time.process_time()
    model = reference.train_rnnlm(wiki.train_ids, wiki.valid_ids, wiki.vocab_size, device="cpu", seed=0, **keywords)
    seconds = time.process_time() - began
    for cpu_seconds, ppl in getattr(model, "valid_history", []):
        print(f"reference: epoch ends at {cpu_seconds:6.0f} CPU s, validation perplexity {ppl:.1f}")
    return [(seconds, None, graded_perplexity(model, wiki))]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", default="all", choices=["all", "reference", *SETTINGS])
    parser.add_argument("--budget", type=float, default=TRAIN_CPU_SECONDS, help="CPU seconds of training")
    parser.add_argument("--every", type=float, default=30.0, help="measure every so many CPU seconds")
    args = parser.parse_args()
    torch.set_num_threads(1)
    needs = layout.course().assignment("a4_rnn").needs
    wiki = build_wiki_streams(a3_settings(needs["a3_settings"]).MIN_COUNT)
    counts = np.bincount(wiki.train_ids, minlength=wiki.vocab_size)
    scored = np.concatenate(wiki.eval_blocks)
    unigram = math.exp(-np.mean(np.log(counts[scored] / counts.sum())))
    trigram = a3_trigram(needs, wiki.train_sentences).perplexity(wiki.eval_sentences)
    print(f"{wiki.eval_tokens:,} scored tokens; Kneser-Ney trigram {trigram:.1f}, unigram {unigram:.1f}, "
          f"uniform {wiki.vocab_size:,}; budget {args.budget:g} CPU s on {torch.get_num_threads()} thread", flush=True)
    OUT.mkdir(exist_ok=True)
    for name in ([*SETTINGS, "reference"] if args.model == "all" else [args.model]):
        rows = train_reference(wiki, args.budget) if name == "reference" else train_to_budget(name, wiki, args.budget, args.every)
        lines = [f"{name}\t{seconds:.0f}\t{tokens if tokens is not None else '-'}\t{ppl:.1f}\t{trigram:.1f}\t{unigram:.1f}"
                 for seconds, tokens, ppl in rows]
        (OUT / f"a4_rnn_bar_{name}.txt").write_text("model\tcpu_s\ttokens\tgraded_ppl\ttrigram\tunigram\n" + "\n".join(lines) + "\n")
        print("\n".join(lines), flush=True)


if __name__ == "__main__":
    main()

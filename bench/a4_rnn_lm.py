"""a4_rnn: the reference RNN LM's training speed, and its perplexity against training time next to a3's
Kneser-Ney trigram, on the wiki corpus as the grader builds it.

    .venv/bin/python bench/a4_rnn_lm.py [--device cpu|cuda] [--threads 1] [--budget SECONDS] [--steps 20]

1. Tokens/s of one training step (forward, backward, clipping, Adam on a 32 x 35 batch) of the reference
   model (GRU + adaptive softmax) and, in the same run, of the same GRU with a full softmax: median of
   --steps steps after warm-up.
2. The reference's train_rnnlm with time_budget=--budget (CPU seconds; default: the reference's own); its
   validation perplexity after each epoch against training CPU seconds, the trigram's validation perplexity
   as a line; plot in bench/out/a4_rnn_ppl_vs_time.png.
3. The grader's numbers: perplexity of the trained model and of the trigram on the scored test blocks
   (same tokens), computed with the hidden suite's own code.
"""
import argparse
import statistics
import sys
import time
from pathlib import Path

import numpy as np
import torch
from torch import nn

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "autograder" / "suites" / "a4_rnn"))
import remote_lm  # noqa: E402
from autograder import layout  # noqa: E402
from autograder.in_process import load_reference, reach  # noqa: E402
from baselines import a3_settings, a3_trigram  # noqa: E402
from nlpcourse import load_corpus  # noqa: E402
from wiki_streams import build_wiki_streams  # noqa: E402

OUT = ROOT / "bench" / "out"


class FullSoftmaxLM(nn.Module):
    """The reference's GRU with a plain output layer over every word, for the speed comparison."""

    def __init__(self, vocab_size, dim=128):
        super().__init__()
        self.embed, self.rnn, self.out = nn.Embedding(vocab_size, dim), nn.GRU(dim, dim, batch_first=True), nn.Linear(dim, vocab_size)

    def loss(self, inputs, targets, h=None):
        outputs, h = self.rnn(self.embed(inputs), h)
        return nn.functional.cross_entropy(self.out(outputs).flatten(0, 1), targets.flatten()), h


def tokens_per_second(model, ids, device, steps):
    inputs, targets = (x.to(device) for x in load_reference("a4_rnn").batchify(ids, 32))
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    durations = []
    for step in range(steps + 3):  # 3 warm-up steps
        window = slice(step * 35, (step + 1) * 35)
        started = time.perf_counter()
        loss, _ = model.loss(inputs[:, window], targets[:, window])
        optimizer.zero_grad()
        loss.backward()
        nn.utils.clip_grad_norm_(model.parameters(), 0.5)
        optimizer.step()
        if device == "cuda":
            torch.cuda.synchronize()
        durations.append(time.perf_counter() - started)
    return 32 * 35 / statistics.median(durations[3:])


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--device", default="cuda" if torch.cuda.is_available() else "cpu")
    parser.add_argument("--threads", type=int, default=1, help="torch CPU threads (the grader's sandbox gives one)")
    parser.add_argument("--budget", type=float, default=None, help="time_budget in CPU seconds (default: the reference's)")
    parser.add_argument("--steps", type=int, default=20)
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    reference = load_reference("a4_rnn")
    needs = layout.course().assignment("a4_rnn").needs
    wiki = build_wiki_streams(a3_settings(needs["a3_settings"]).MIN_COUNT)
    V, device = wiki.vocab_size, args.device
    print(f"device {device}, {torch.get_num_threads()} threads; {len(wiki.train_ids):,} training tokens, |V| = {V:,}")

    counts = np.bincount(wiki.train_ids, minlength=V)
    for name, model in (("reference (adaptive softmax)", reference.RNNLM(V, counts)), ("full softmax", FullSoftmaxLM(V))):
        torch.manual_seed(0)
        print(f"training step, {name}: {tokens_per_second(model.to(device), wiki.train_ids, device, args.steps):,.0f} tokens/s")

    budget = reference.TRAIN_CPU_BUDGET_S if args.budget is None else args.budget
    started, cpu_started = time.monotonic(), time.process_time()
    model = reference.train_rnnlm(wiki.train_ids, wiki.valid_ids, V, device=device, seed=0, time_budget=budget)
    train_seconds, cpu_seconds = time.monotonic() - started, time.process_time() - cpu_started
    trigram = a3_trigram(needs, wiki.train_sentences)
    valid_trigram = trigram.perplexity(load_corpus("wiki", "valid"))
    print(f"train_rnnlm: {cpu_seconds:.0f} CPU s, {train_seconds:.0f} s of wall time (time_budget {budget:g})")
    for seconds, ppl in model.valid_history:
        print(f"  after {seconds:6.0f} CPU s: validation perplexity {ppl:7.1f}   (Kneser-Ney trigram: {valid_trigram:.1f})")
    rnn_test, tokens = remote_lm.perplexity(reach(model), wiki.eval_blocks, wiki.eos_id, V)
    print(f"scored test blocks ({tokens:,} tokens): RNN {rnn_test:.1f}, Kneser-Ney trigram "
          f"{trigram.perplexity(wiki.eval_sentences):.1f}")
    plot(model.valid_history, valid_trigram, device)


def plot(history, trigram_perplexity, device):
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    OUT.mkdir(exist_ok=True)
    seconds, perplexities = zip(*history)
    fig, ax = plt.subplots(figsize=(6, 4))
    ax.plot(seconds, perplexities, marker="o", label=f"GRU LM (reference, {device})")
    ax.axhline(trigram_perplexity, color="gray", linestyle="--", label="Kneser-Ney trigram (a3)")
    ax.set(xlabel="training time (CPU s)", ylabel="validation perplexity", title="wiki corpus, validation split")
    ax.legend()
    fig.tight_layout()
    fig.savefig(OUT / "a4_rnn_ppl_vs_time.png", dpi=120)
    print(f"plot: {OUT / 'a4_rnn_ppl_vs_time.png'}")


if __name__ == "__main__":
    main()

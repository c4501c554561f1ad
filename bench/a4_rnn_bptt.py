"""a4_rnn: the reference's numpy BPTT against torch autograd on the same RNN LM loss, in the same run.

    .venv/bin/python bench/a4_rnn_bptt.py [--repeats 7]

For each size (V, d, H, T) both compute the loss and every gradient of one sequence in float64; runs
alternate (numpy, torch, numpy, ...) so that load on the machine hits both alike. Prints the worst
relative difference over all gradients (goal < 1e-8), median wall times and their ratio. Torch runs
with its default threads; the reference is single-threaded numpy.
"""
import argparse
import statistics
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests" / "assignments"))
from a4_rnn_autograd import autograd_loss_and_gradients  # noqa: E402
from autograder.in_process import load_reference  # noqa: E402

SIZES = ((50, 16, 16, 20), (1000, 64, 64, 35), (10000, 128, 128, 35))


def problem(V, d, H, T, seed=0):
    rng = np.random.default_rng(seed)
    params = {"E": rng.normal(size=(V, d)), "W_e": rng.normal(size=(H, d)) / np.sqrt(d),
              "W_h": rng.normal(size=(H, H)) / np.sqrt(H), "b1": np.zeros(H),
              "U": rng.normal(size=(V, H)) / np.sqrt(H), "b2": np.zeros(V)}
    return params, rng.integers(0, V, T), rng.integers(0, V, T), rng.normal(size=H) * 0.5


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=7)
    args = parser.parse_args()
    reference = load_reference("a4_rnn")
    print(f"{'V, d, H, T':>22} {'max rel. diff':>14} {'numpy ms':>9} {'torch ms':>9} {'numpy/torch':>12}")
    for size in SIZES:
        arguments = problem(*size)
        ours, theirs = reference.rnn_loss_and_gradients(*arguments), autograd_loss_and_gradients(*arguments)
        worst = max(np.abs(ours[1][k] - theirs[1][k]).max() / np.abs(theirs[1][k]).max() for k in ours[1])
        times = {"numpy": [], "torch": []}
        for _ in range(args.repeats):
            for name, function in (("numpy", reference.rnn_loss_and_gradients), ("torch", autograd_loss_and_gradients)):
                started = time.perf_counter()
                function(*arguments)
                times[name].append(time.perf_counter() - started)
        numpy_ms, torch_ms = (statistics.median(times[name]) * 1e3 for name in ("numpy", "torch"))
        print(f"{str(size):>22} {worst:14.1e} {numpy_ms:9.2f} {torch_ms:9.2f} {numpy_ms / torch_ms:12.2f}")


if __name__ == "__main__":
    main()

"""Random problems for rnn_loss_and_gradients, the same on every run (fixed seeds).

Inputs are drawn from a few ids so that tokens repeat: a gradient assigned instead of accumulated
into a row of E shows only then. T = 1 is the edge case with no recurrence at all.
"""
from dataclasses import dataclass

import numpy as np

# (V, d, H, T): vocabulary, embedding and hidden sizes, sequence length.
SIZES = ((5, 3, 4, 1), (7, 4, 6, 8), (11, 5, 3, 15), (6, 2, 5, 20))


@dataclass(frozen=True)
class RNNProblem:
    params: dict
    inputs: np.ndarray
    targets: np.ndarray
    h0: np.ndarray

    def describe(self) -> str:
        V, d = self.params["E"].shape
        return f"V={V}, d={d}, H={len(self.h0)}, T={len(self.inputs)}"


def rnn_problem(seed: int, V: int, d: int, H: int, T: int) -> RNNProblem:
    rng = np.random.default_rng(seed)
    params = {
        "E": rng.normal(size=(V, d)),
        "W_e": rng.normal(size=(H, d)) / np.sqrt(d),
        # Spectral radius near 1: gradients through h_{t-1} stay large enough to tell bugs apart.
        "W_h": rng.normal(size=(H, H)) / np.sqrt(H),
        "b1": rng.normal(size=H) * 0.1,
        "U": rng.normal(size=(V, H)),
        "b2": rng.normal(size=V) * 0.1,
    }
    inputs = rng.integers(0, min(3, V), size=T)
    targets = rng.integers(0, V, size=T)
    return RNNProblem(params, inputs, targets, rng.normal(size=H) * 0.5)


def all_problems() -> list[RNNProblem]:
    return [rnn_problem(seed, *sizes) for seed, sizes in enumerate(SIZES)]

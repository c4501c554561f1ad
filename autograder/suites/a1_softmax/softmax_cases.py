"""Random problems of the a1_softmax hidden suite, drawn from fixed seeds (no fixtures: see the tests).

Every problem is generated here in the grader and sent to the student: the student's own random
numbers play no part, so any valid order of operations passes.
"""
from dataclasses import dataclass

import numpy as np

from autograder.checks import unpack_loss_and_gradients

# Tolerances, stated in the feedback by assert_close. Two correct float64 implementations agree to
# ~1e-15 relative; 1e-10 leaves room for any valid order of operations.
RTOL = 1e-10
ATOL = 1e-12
# A float32 input carries ~6e-8 relative round-off, whatever the implementation does with it.
FLOAT32_ATOL = 1e-6


@dataclass(frozen=True)
class PairProblem:
    """One (centre, outside) pair: v_c (d,), o, and U (V, d), with scores of moderate size."""
    center_vec: np.ndarray
    outside_idx: int
    outside_vectors: np.ndarray

    def args(self):
        return self.center_vec, self.outside_idx, self.outside_vectors

    def describe(self):
        vocab_size, dim = self.outside_vectors.shape
        return f"V={vocab_size}, d={dim}"


@dataclass(frozen=True)
class WindowProblem:
    """One skip-gram window: a centre index, its outside indices and both (V, d) matrices."""
    center_idx: int
    outside_idxs: list
    center_vectors: np.ndarray
    outside_vectors: np.ndarray

    def args(self):
        return self.center_idx, self.outside_idxs, self.center_vectors, self.outside_vectors

    def describe(self):
        vocab_size, dim = self.outside_vectors.shape
        return f"a window of {len(self.outside_idxs)} outside words, V={vocab_size}, d={dim}"


def pair_problems(count=4, seed=101):
    rng = np.random.default_rng(seed)
    problems = []
    for _ in range(count):
        vocab_size, dim = int(rng.integers(5, 30)), int(rng.integers(3, 12))
        problems.append(PairProblem(rng.normal(size=dim), int(rng.integers(vocab_size)),
                                    rng.normal(scale=0.7, size=(vocab_size, dim))))
    return problems


def window_problems(repeated, count=3, seed=202):
    """Windows of distinct outside words, or (repeated=True) windows where words repeat and the
    centre word itself occurs among the outside words."""
    rng = np.random.default_rng(seed + repeated)
    problems = []
    for _ in range(count):
        vocab_size, dim = int(rng.integers(8, 25)), int(rng.integers(3, 10))
        center_idx = int(rng.integers(vocab_size))
        if repeated:
            distinct = rng.choice(vocab_size, size=3, replace=False)
            outside = [int(i) for i in rng.choice(distinct, size=6)] + [center_idx, int(distinct[0])]
        else:
            outside = [int(i) for i in rng.choice(vocab_size, size=int(rng.integers(2, 7)), replace=False)]
        problems.append(WindowProblem(center_idx, outside, rng.normal(size=(vocab_size, dim)),
                                      rng.normal(scale=0.7, size=(vocab_size, dim))))
    return problems


def unpack_triple(result, what):
    """(loss, grad_a, grad_b) of a student call, or an AssertionError saying what came back."""
    return unpack_loss_and_gradients(result, what=what, parts=("grad_center", "grad_outside"))

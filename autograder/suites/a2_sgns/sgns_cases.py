"""Settings, tolerances and fixed-seed problems of the a2_sgns hidden suite (fixtures: see conftest.py).

Every input is generated here, in the grader, and sent to the student: no test depends on the order in
which the student's code consumes random numbers.
"""
from collections import Counter
from dataclasses import dataclass

import numpy as np

from autograder.checks import unpack_loss_and_gradients

# Two correct float64 implementations agree to ~1e-15 relative; 1e-10 leaves room for any valid order.
RTOL = 1e-10
ATOL = 1e-12

# train_sgns on the wiki train split (about 380k tokens): 10 epochs, the other arguments at their defaults.
TRAINING_EPOCHS = 10
TIME_BUDGET_SECONDS = 120
# The reference solution's WordSim-353 Spearman rho in this setting (seed 0; 218 of the 353 pairs are in
# its vocabulary). Random vectors score 0 +- 0.07 (one standard deviation) on these pairs, so the threshold
# REFERENCE_RHO - RHO_MARGIN = 0.30 is over 4 standard deviations above chance, and still below what
# gensim's Word2Vec reaches with the same settings and its default learning rate (0.34).
REFERENCE_RHO = 0.50
RHO_MARGIN = 0.20
WIKI_MIN_COUNT = 5

# sample_negatives: a correct sampler fails a chi-square test at this level, fixed seeds make it repeatable.
FALSE_FAILURE_PROBABILITY = 1e-6
SAMPLED_DRAWS = 100_000


@dataclass(frozen=True)
class PairProblem:
    """One (centre, outside) pair and its negatives: v_c (d,), o, U (V, d), [n_1..n_K]."""
    center_vec: np.ndarray
    outside_idx: int
    outside_vectors: np.ndarray
    neg_indices: list

    def args(self):
        return self.center_vec, self.outside_idx, self.outside_vectors, self.neg_indices

    def describe(self):
        vocab_size, dim = self.outside_vectors.shape
        return f"V={vocab_size}, d={dim}, K={len(self.neg_indices)}"


def pair_problems(repeated, count=4, seed=11):
    """Distinct negatives that avoid o, or (repeated=True) negatives that repeat and include o itself."""
    rng = np.random.default_rng(seed + repeated)
    problems = []
    for _ in range(count):
        vocab_size, dim, k = int(rng.integers(10, 30)), int(rng.integers(3, 12)), int(rng.integers(4, 9))
        outside_idx = int(rng.integers(vocab_size))
        others = np.delete(np.arange(vocab_size), outside_idx)
        if repeated:
            twice = [int(i) for i in rng.choice(others, size=2, replace=False)]
            negs = [int(i) for i in rng.choice(others, size=max(k - 5, 1))] + twice * 2 + [outside_idx]
            negs = [negs[i] for i in rng.permutation(len(negs))]
        else:
            negs = [int(i) for i in rng.choice(others, size=k, replace=False)]
        problems.append(PairProblem(rng.normal(scale=0.8, size=dim), outside_idx,
                                    rng.normal(scale=0.8, size=(vocab_size, dim)), negs))
    return problems


def unpack_triple(result, what):
    """(loss, grad_a, grad_b) of a student call, or an AssertionError saying what came back."""
    return unpack_loss_and_gradients(result, what=what, parts=("grad_center_vec", "grad_outside_vectors"))


def tiny_corpus(seed=5):
    """About 3,000 tokens over 62 words with Zipf-like frequencies: some words fall below min_count=3."""
    rng = np.random.default_rng(seed)
    words = [f"w{i}" for i in range(60)]
    probs = 1.0 / np.arange(1, 61) ** 1.1
    probs /= probs.sum()
    sentences = [[words[i] for i in rng.choice(60, size=int(rng.integers(4, 16)), p=probs)] for _ in range(300)]
    # Words on both sides of min_count=3: a comparison off by one keeps or drops the wrong one.
    return sentences + [["exactly_three", "w0"]] * 3 + [["exactly_two", "w1"]] * 2


def words_seen_at_least(sentences, min_count):
    counts = Counter(word for sentence in sentences for word in sentence)
    return {word for word, count in counts.items() if count >= min_count}

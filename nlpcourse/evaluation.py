"""Intrinsic evaluation of word vectors: similarity correlation and analogy accuracy (ch1, a2).

Both take ``vocab`` (a list of words, or a ``Vocab``) and ``vectors`` (an array of shape
``(len(vocab), d)``, row i the vector of word i): what an assignment's ``train_sgns`` returns.
"""
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

ANALOGY_BATCH = 256  # questions scored at once: bounds memory at ANALOGY_BATCH x len(vocab) floats


@dataclass(frozen=True)
class SimilarityResult:
    """Spearman's rho between human scores and cosine similarities over the pairs both of whose
    words are in the vocabulary (``used``); ``skipped`` pairs had an unknown word."""
    spearman: float
    used: int
    skipped: int

    def __str__(self) -> str:
        return f"Spearman rho {self.spearman:.3f} on {self.used} pairs ({self.skipped} skipped: unknown words)"


@dataclass(frozen=True)
class AnalogyResult:
    """3CosAdd accuracy over the questions whose four words are all in the vocabulary."""
    accuracy: float
    correct: int
    used: int
    skipped: int

    def __str__(self) -> str:
        return (f"analogy accuracy {self.accuracy:.3f} ({self.correct}/{self.used}; "
                f"{self.skipped} skipped: unknown words)")


def evaluate_similarity(vocab: Sequence[str], vectors, pairs) -> SimilarityResult:
    """Spearman's rho of cosine similarity against the human scores of ``pairs``.

    ``pairs`` are ``(word1, word2, score)`` as ``load_word_pairs`` returns. Pairs with a word
    outside ``vocab`` are skipped and counted. rho is nan when fewer than two pairs are usable.
    Used by ch1 (comparing count-based and predicted vectors) and a2 (SGNS vectors).
    """
    index, unit = _index_and_unit_vectors(vocab, vectors)
    known = [(index[w1], index[w2], score) for w1, w2, score in pairs if w1 in index and w2 in index]
    skipped = len(pairs) - len(known)
    if len(known) < 2:
        return SimilarityResult(float("nan"), len(known), skipped)
    from scipy.stats import spearmanr  # imported here: scipy.stats alone takes a second to import

    first, second, human = (np.array(column) for column in zip(*known))
    cosine = np.einsum("ij,ij->i", unit[first], unit[second])
    return SimilarityResult(float(spearmanr(cosine, human).statistic), len(known), skipped)


def evaluate_analogies(vocab: Sequence[str], vectors, analogies) -> AnalogyResult:
    """Accuracy of 3CosAdd on ``analogies`` ``(a, b, c, d)``: a:b :: c:d.

    The answer is the word whose unit vector has the largest cosine with
    ``unit(b) - unit(a) + unit(c)``, the three question words excluded. Questions with a word
    outside ``vocab`` are skipped and counted; accuracy is nan when none is usable.
    Used by ch1 (king - man + woman) and a2 (SGNS vectors).
    """
    index, unit = _index_and_unit_vectors(vocab, vectors)
    known = np.array([[index[word] for word in question] for question in analogies
                      if all(word in index for word in question)], dtype=np.int64).reshape(-1, 4)
    skipped = len(analogies) - len(known)
    correct = sum(_count_correct(unit, batch) for batch in np.split(known, range(ANALOGY_BATCH, len(known), ANALOGY_BATCH)))
    accuracy = correct / len(known) if len(known) else float("nan")
    return AnalogyResult(accuracy, int(correct), len(known), skipped)


def _count_correct(unit: np.ndarray, questions: np.ndarray) -> int:
    a, b, c, d = questions.T
    scores = (unit[b] - unit[a] + unit[c]) @ unit.T
    rows = np.arange(len(questions))
    for excluded in (a, b, c):
        scores[rows, excluded] = -np.inf
    return int(np.sum(scores.argmax(axis=1) == d))


def _index_and_unit_vectors(vocab, vectors) -> tuple[dict[str, int], np.ndarray]:
    words = list(vocab)
    matrix = np.asarray(vectors.detach().cpu() if hasattr(vectors, "detach") else vectors, dtype=np.float64)
    if matrix.ndim != 2 or matrix.shape[0] != len(words):
        raise ValueError(f"vectors must have shape (len(vocab), d) = ({len(words)}, d), got {matrix.shape}")
    if not np.all(np.isfinite(matrix)):
        raise ValueError("vectors contain nan or inf; check the training run that produced them")
    index = {word: row for row, word in enumerate(words)}
    if len(index) != len(words):
        raise ValueError("vocab has repeated words; pass one entry per row of vectors")
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    # A zero vector (a word never trained) has no direction: it stays zero, cosine 0 with everything.
    return index, matrix / np.where(norms == 0, 1.0, norms)

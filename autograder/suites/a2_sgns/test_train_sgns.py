"""train_sgns(sentences, *, dim, window, negatives, epochs, min_count, seed) -> (vocab, vectors)."""
import math

import numpy as np
import pytest

from nlpcourse import evaluate_similarity, load_word_pairs
from sgns_cases import (REFERENCE_RHO, RHO_BAR, RHO_FLOOR, TIME_BUDGET_SECONDS, TRAINING_EPOCHS, WIKI_MIN_COUNT,
                        rho_credit, tiny_corpus, words_seen_at_least)

pytestmark = pytest.mark.part("train_sgns")  # the graded cell these tests assess

TINY = tiny_corpus()
TINY_SETTINGS = dict(dim=8, window=2, negatives=3, epochs=1, min_count=3, seed=1)


def check_vocab_and_shape(vocab, vectors, sentences, min_count, dim, what):
    assert isinstance(vocab, list) and all(isinstance(word, str) for word in vocab), \
        f"{what}: vocab must be a list of words (str)"
    assert len(set(vocab)) == len(vocab), f"{what}: vocab lists some words more than once"
    expected = words_seen_at_least(sentences, min_count)
    missing, extra = len(expected - set(vocab)), len(set(vocab) - expected)
    assert not missing and not extra, (
        f"{what}: vocab must be exactly the words seen at least min_count={min_count} times; "
        f"{missing} such words are missing and {extra} other words are in it")
    try:
        vectors = np.asarray(vectors, dtype=np.float64)
    except (TypeError, ValueError) as error:
        raise AssertionError(f"{what}: vectors must be a numeric array of shape (len(vocab), {dim}) ({error})") from None
    assert vectors.shape == (len(vocab), dim), f"{what}: vectors must have shape (len(vocab), {dim}), got {vectors.shape}"
    assert np.all(np.isfinite(vectors)), f"{what}: vectors contain NaN or infinity"


@pytest.mark.points(5)
def test_train_sgns_vocab_honours_min_count(student):
    """train_sgns on a 3,000-token corpus: vocab is the words seen min_count times, vectors (len(vocab), dim)"""
    what = "train_sgns on a 3,000-token corpus with dim=8, min_count=3"
    result = student.train_sgns(TINY, **TINY_SETTINGS)
    assert isinstance(result, (tuple, list)) and len(result) == 2, \
        f"{what}: train_sgns must return (vocab, vectors), got {type(result).__name__}"
    vocab, vectors = result
    check_vocab_and_shape(vocab, vectors, TINY, TINY_SETTINGS["min_count"], TINY_SETTINGS["dim"], what)


def training_result(wiki_training, what):
    """(vocab, vectors, why it is over budget or None) of the shared training run (a student stage: conftest.py).
    A run that failed or returned no pair already failed the test in the fixture, as the student's."""
    vocab, vectors = wiki_training.value
    usage = wiki_training.usage
    return vocab, vectors, (usage.describe() if usage.over_budget else None)


@pytest.mark.slow
@pytest.mark.measurement
@pytest.mark.points(25)
def test_train_sgns_wordsim353_on_wiki(wiki_training, wiki_train, partial_credit, measured):
    """train_sgns on the wiki train split: WordSim-353 Spearman rho against the bar, within the CPU budget"""
    what = f"train_sgns on the wiki train split (epochs={TRAINING_EPOCHS}, other arguments at their defaults)"
    vocab, vectors, over_budget = training_result(wiki_training, what)
    measured("train_sgns: CPU seconds (one core)", wiki_training.usage.seconds, bar=TIME_BUDGET_SECONDS,
             unit=" s")
    check_vocab_and_shape(vocab, vectors, wiki_train, WIKI_MIN_COUNT, 50, what)
    assert over_budget is None, f"{what}: {over_budget} (no training points over the budget)"
    result = evaluate_similarity(vocab, np.asarray(vectors, dtype=np.float64), load_word_pairs("wordsim353"))
    rho, credit = result.spearman, rho_credit(result.spearman)
    measured(f"WordSim-353 Spearman rho ({result.used} pairs)", rho, bar=RHO_BAR, better="higher")
    partial_credit(credit)
    assert math.isfinite(rho) and rho >= RHO_BAR, (
        f"{what}: WordSim-353 Spearman rho {rho:.3f} on {result.used} pairs is below the bar {RHO_BAR:.2f} for "
        f"full marks: {credit:.0%} of the points (linear from rho {RHO_FLOOR:.2f}, which random vectors rarely "
        f"reach, to {RHO_BAR:.2f}; the reference reaches {REFERENCE_RHO:.2f})")

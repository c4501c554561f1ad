"""train_sgns(sentences, *, dim, window, negatives, epochs, min_count, seed) -> (vocab, vectors)."""
import numpy as np
import pytest

from nlpcourse import evaluate_similarity, load_word_pairs
from sgns_cases import (REFERENCE_RHO, RHO_MARGIN, TIME_BUDGET_SECONDS, TRAINING_EPOCHS, WIKI_MIN_COUNT,
                        tiny_corpus, words_seen_at_least)

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
    vectors = np.asarray(vectors)
    assert vectors.shape == (len(vocab), dim), f"{what}: vectors must have shape (len(vocab), {dim}), got {vectors.shape}"
    assert np.all(np.isfinite(vectors)), f"{what}: vectors contain NaN or infinity"


@pytest.mark.points(5)
def test_train_sgns_vocab_honours_min_count(student):
    """train_sgns on a 3,000-token corpus: vocab is the words seen min_count times, vectors (len(vocab), dim)"""
    what = "train_sgns on a 3,000-token corpus with dim=8, min_count=3"
    vocab, vectors = student.train_sgns(TINY, **TINY_SETTINGS)
    check_vocab_and_shape(vocab, vectors, TINY, TINY_SETTINGS["min_count"], TINY_SETTINGS["dim"], what)


@pytest.mark.slow
@pytest.mark.points(25)
def test_train_sgns_wordsim353_on_wiki(wiki_training, wiki_train):
    """train_sgns on the wiki train split: WordSim-353 Spearman rho above the threshold, within the time budget"""
    what = f"train_sgns on the wiki train split (epochs={TRAINING_EPOCHS}, other arguments at their defaults)"
    assert wiki_training.error is None, f"{what} failed: {wiki_training.error}"
    check_vocab_and_shape(wiki_training.vocab, wiki_training.vectors, wiki_train, WIKI_MIN_COUNT, 50, what)
    assert wiki_training.seconds <= TIME_BUDGET_SECONDS, \
        f"{what}: took {wiki_training.seconds:.0f} s, the budget is {TIME_BUDGET_SECONDS} s"
    result = evaluate_similarity(wiki_training.vocab, np.asarray(wiki_training.vectors), load_word_pairs("wordsim353"))
    threshold = REFERENCE_RHO - RHO_MARGIN
    assert result.spearman >= threshold, (
        f"{what}: WordSim-353 Spearman rho {result.spearman:.3f} on {result.used} pairs is below the threshold "
        f"{threshold:.2f} (the reference's {REFERENCE_RHO:.2f} minus a margin of {RHO_MARGIN:.2f}; "
        f"untrained vectors score about 0)")

"""vocab, min_count, and how out-of-vocabulary tokens and short or long contexts are read."""
from collections import Counter

import numpy as np
import pytest

from autograder.checks import assert_close
from ngram_cases import CONSISTENCY_TOLERANCE, CONTEXTS, SMALL, as_probability, fit, prob_table

pytestmark = pytest.mark.part("ngram_lm")


def assert_vocab(lm, expected, what):
    vocab = lm.vocab
    assert isinstance(vocab, list) and all(isinstance(word, str) for word in vocab), \
        f"{what}: vocab must be a list of str, got {type(vocab).__name__}"
    assert len(vocab) == len(set(vocab)), f"{what}: vocab lists some words more than once"
    assert "<s>" not in vocab, f"{what}: vocab contains '<s>', which the model never predicts"
    for word in ("<unk>", "</s>"):
        assert word in vocab, f"{what}: vocab lacks {word!r}"
    missing, extra = set(expected) - set(vocab), set(vocab) - set(expected)
    assert not missing and not extra, (
        f"{what}: vocab has {len(vocab)} words; {len(missing)} expected ones are missing and {len(extra)} "
        "are not in the vocabulary")


def assert_smoothed(probabilities, what):
    """The probabilities as an array, if all are positive as a smoothed model's are: a check of how a
    model reads its context only earns credit when the model predicts something."""
    table = np.asarray(probabilities, dtype=np.float64)
    assert np.all(np.isfinite(table)) and np.all(table > 0), \
        f"{what}: some probabilities are 0, negative or not finite; a smoothed model gives every word some"
    return table


def expected_vocab(min_count):
    counts = Counter(word for sentence in SMALL for word in sentence)
    return {word for word, count in counts.items() if count >= min_count} | {"<unk>", "</s>"}


@pytest.mark.points(3)
def test_vocab_holds_training_words_unk_and_end(student):
    assert_vocab(fit(student, 2, "add_k", SMALL), expected_vocab(1), "vocab with min_count=1")


@pytest.mark.points(3)
def test_vocab_drops_words_below_min_count(student):
    assert_vocab(fit(student, 2, "add_k", SMALL, min_count=2), expected_vocab(2), "vocab with min_count=2")


@pytest.mark.points(2)
@pytest.mark.parametrize("smoothing", ["add_k", "kneser_ney"])
def test_out_of_vocabulary_word_reads_as_unk(student, smoothing):
    # "laptops" is seen once: with min_count=2 it is out of vocabulary, like "zebra"; as the word to predict,
    # "<s>" is out of the vocabulary too (the notebook says so).
    lm = fit(student, 3, smoothing, SMALL, min_count=2)
    table = prob_table(lm, ["<unk>", "zebra", "laptops", "<s>"], CONTEXTS)
    assert_close(table[:, 1:], table[:, [0, 0, 0]], atol=CONSISTENCY_TOLERANCE,
                 what=f"{smoothing} trigram, min_count=2: prob of out-of-vocabulary words and '<s>' vs prob('<unk>')")
    assert table[:, 0].min() > 0, f"{smoothing} trigram, min_count=2: prob('<unk>') is 0 for some context"


@pytest.mark.points(2)
@pytest.mark.parametrize("smoothing", ["add_k", "kneser_ney"])
def test_out_of_vocabulary_context_reads_as_unk(student, smoothing):
    lm = fit(student, 3, smoothing, SMALL, min_count=2)
    words = ["students", "opened", "their", "books", "</s>", "<unk>"]
    pairs = [(["zebra", "opened"], ["<unk>", "opened"]), (["opened", "laptops"], ["opened", "<unk>"]),
             (["laptops", "zebra"], ["<unk>", "<unk>"])]
    what = f"{smoothing} trigram, min_count=2: prob after contexts with out-of-vocabulary tokens"
    read_as = assert_smoothed(prob_table(lm, words, [read for _, read in pairs]), what)
    assert_close(prob_table(lm, words, [given for given, _ in pairs]), read_as, atol=CONSISTENCY_TOLERANCE,
                 what=f"{what} vs the same contexts with '<unk>'")


@pytest.mark.points(2)
@pytest.mark.parametrize("smoothing", ["add_k", "kneser_ney"])
def test_context_is_padded_and_cut_to_n_minus_1(student, smoothing):
    lm = fit(student, 3, smoothing, SMALL)
    words = ["students", "the", "opened", "their", "books", "</s>"]
    pairs = [([], ["<s>", "<s>"]), (["students"], ["<s>", "students"]),
             (["the", "students", "opened"], ["students", "opened"]),
             (["books", "</s>", "the", "door"], ["the", "door"])]
    what = f"{smoothing} trigram: prob after contexts shorter and longer than n-1"
    read_as = assert_smoothed(prob_table(lm, words, [read for _, read in pairs]), what)
    assert_close(prob_table(lm, words, [given for given, _ in pairs]), read_as, atol=CONSISTENCY_TOLERANCE,
                 what=f"{what} vs the same contexts padded with '<s>' or cut to their last n-1 tokens")


@pytest.mark.points(2)
def test_logprob_is_natural_log_of_prob(student):
    # min_count=2: `<unk>` is seen in training, so a Kneser-Ney mistake that gives an unseen word 0 is not
    # charged here again.
    lm = fit(student, 3, "kneser_ney", SMALL, min_count=2)
    pairs = [("books", ["opened", "their"]), ("zebra", []), ("</s>", ["the", "door"]), ("the", ["</s>"])]
    what = "kneser_ney trigram: logprob vs log(prob) on 4 tokens"
    probs = assert_smoothed([as_probability(lm.prob(word, context)) for word, context in pairs], what)
    actual = [lm.logprob(word, context) for word, context in pairs]
    assert_close(actual, np.log(probs), atol=CONSISTENCY_TOLERANCE, what=what)

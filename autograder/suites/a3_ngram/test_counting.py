"""pad, ngrams and continuation_counts, each on its own: ngrams reads sentences the reference padded and
continuation_counts n-grams the reference counted, so a mistake in one is charged to that one only."""
from collections import Counter

import pytest

from autograder.api import StudentError

# Sentences of 0 to 4 words, a repeated word, and every order the model tests use.
SENTENCES = [[], ["students"], ["students", "opened", "their", "books"], ["the", "door", "opened", "the", "door"]]
ORDERS = [1, 2, 3, 4]


def as_tokens(value, what):
    if not isinstance(value, (list, tuple)) or not all(isinstance(token, str) for token in value):
        raise AssertionError(f"{what}: expected a list of str, got {type(value).__name__}")
    return list(value)


def as_grams(value, what):
    """A list of n-grams (tuples or lists of str) as a list of tuples."""
    if not isinstance(value, (list, tuple)):
        raise AssertionError(f"{what}: expected a list of n-grams (tuples of str), got {type(value).__name__}")
    return [tuple(as_tokens(gram, what)) for gram in value]


def as_count_table(value, what):
    """The Counter (or dict) continuation_counts returned, read back from the worker as {gram: count}."""
    try:
        pairs = list(value.items())  # a handle's items() is read back as a list of (gram, count)
    except (AttributeError, StudentError):
        raise AssertionError(f"{what}: expected a Counter of n-grams, got {value!r}") from None
    table = {}
    for pair in pairs:
        if not (isinstance(pair, tuple) and len(pair) == 2 and isinstance(pair[0], tuple)
                and all(isinstance(token, str) for token in pair[0])):
            raise AssertionError(f"{what}: expected a Counter whose keys are n-grams (tuples of str)")
        count = pair[1]
        if isinstance(count, bool) or not isinstance(count, int):
            raise AssertionError(f"{what}: expected integer counts, got {type(count).__name__}")
        table[pair[0]] = count
    return {gram: count for gram, count in table.items() if count}  # a Counter may hold zeros


@pytest.mark.part("counting")
@pytest.mark.points(2)
def test_pad(student, reference):
    for n in ORDERS:
        for sentence in SENTENCES:
            what = f"pad of a {len(sentence)}-word sentence, n={n}"
            assert as_tokens(student.pad(sentence, n), what) == reference.pad(sentence, n), \
                f"{what}: expected n-1 '<s>', the words, and one '</s>'"


@pytest.mark.part("counting")
@pytest.mark.points(2)
def test_ngrams(student, reference):
    for n in ORDERS:
        for sentence in SENTENCES:
            padded = reference.pad(sentence, n)
            what = f"ngrams of a padded {len(sentence)}-word sentence, n={n}"
            actual, expected = as_grams(student.ngrams(padded, n), what), reference.ngrams(padded, n)
            assert actual == expected, (
                f"{what}: expected the {len(expected)} windows of length n that end at a predicted token, "
                f"in order; got {len(actual)} n-grams" + (", not the same ones" if len(actual) == len(expected) else ""))


@pytest.mark.part("continuation_counts")
@pytest.mark.points(4)
def test_continuation_counts(student, reference):
    for n in [2, 3, 4]:
        grams = [gram for sentence in SENTENCES + [["their", "books"], ["opened", "the", "books"]]
                 for gram in reference.ngrams(reference.pad(sentence, n), n)]
        what = f"continuation_counts of the counted {n}-grams of 6 sentences"
        # The Counter is built in the worker from the n-grams (a Counter with tuple keys is not plain data).
        actual = as_count_table(student.continuation_counts(student.Counter(grams)), what)
        expected = dict(reference.continuation_counts(Counter(grams)))
        wrong = sum(actual.get(gram) != count for gram, count in expected.items()) + len(set(actual) - set(expected))
        assert not wrong, (f"{what}: {wrong} of the {len(expected)} ({n - 1})-grams g w have the wrong count of "
                           "distinct words v before them, or should not be there")

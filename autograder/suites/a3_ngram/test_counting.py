"""pad, ngrams and continuation_counts, each on its own: ngrams reads sentences the reference padded and
continuation_counts n-grams the reference counted, so a mistake in one is charged to that one only."""
from collections import Counter

import pytest

from students_counting import as_grams, as_tokens, students_continuation_counts

# Sentences of 0 to 4 words, a repeated word, and every order the model tests use.
SENTENCES = [[], ["students"], ["students", "opened", "their", "books"], ["the", "door", "opened", "the", "door"]]
ORDERS = [1, 2, 3, 4]


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
        actual = students_continuation_counts(student, Counter(grams), what)
        expected = dict(reference.continuation_counts(Counter(grams)))
        wrong = sum(actual.get(gram) != count for gram, count in expected.items()) + len(set(actual) - set(expected))
        assert not wrong, (f"{what}: {wrong} of the {len(expected)} ({n - 1})-grams g w have the wrong count of "
                           "distinct words v before them, or should not be there")

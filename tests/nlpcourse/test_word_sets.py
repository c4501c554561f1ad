"""The similarity and analogy sets load whole, lowercased, with their documented sizes."""
import pytest

import nlpcourse
from nlpcourse import load_analogies, load_word_pairs


@pytest.mark.parametrize(("name", "size", "first"), [
    ("wordsim353", 353, ("love", "sex", 6.77)),
    ("simlex999", 999, ("old", "new", 1.58)),
])
def test_word_pair_sets_have_their_published_sizes(name, size, first):
    pairs = load_word_pairs(name)
    assert len(pairs) == size
    assert pairs[0] == first
    assert all(w1 == w1.lower() and w2 == w2.lower() and 0 <= score <= 10 for w1, w2, score in pairs)


def test_analogies_hold_all_14_sections():
    everything = load_analogies()
    assert len(everything) == 19544
    assert everything[0] == ("athens", "greece", "baghdad", "iraq")
    assert load_analogies("capital-common-countries")[0] == everything[0]
    assert sum(len(load_analogies(section)) for section in SECTIONS) == len(everything)


SECTIONS = [
    "capital-common-countries", "capital-world", "currency", "city-in-state", "family",
    "gram1-adjective-to-adverb", "gram2-opposite", "gram3-comparative", "gram4-superlative",
    "gram5-present-participle", "gram6-nationality-adjective", "gram7-past-tense", "gram8-plural",
    "gram9-plural-verbs",
]


@pytest.mark.parametrize(("call", "message"), [
    (lambda: load_word_pairs("wordsim"), r"unknown word-pair set 'wordsim'; choose one of \['simlex999', 'wordsim353'\]"),
    (lambda: load_analogies("capitals"), r"unknown analogy section 'capitals'; choose one of \['capital-common"),
])
def test_unknown_set_names_list_the_choices(call, message):
    with pytest.raises(nlpcourse.UnknownNameError, match=message):
        call()

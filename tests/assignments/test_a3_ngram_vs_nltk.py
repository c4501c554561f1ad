"""The a3_ngram reference NGramLM against nltk.lm, an independent implementation, where the definitions
coincide (bench/a3_ngram_nltk_alignment.py aligns nltk with the contract and explains the differences).

Every probability of the reference must equal nltk's to rounding, on a slice of the wiki corpus, for
contexts that are seen, unseen, short, long and out of vocabulary.
"""
import importlib.util
from pathlib import Path

import numpy as np
import pytest

from autograder.in_process import load_reference
from nlpcourse import load_corpus

ROOT = Path(__file__).resolve().parents[2]
SENTENCES = 300
TOLERANCE = 1e-12


def load_module(name, path):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def reference():
    return load_reference("a3_ngram")


@pytest.fixture(scope="module")
def alignment():
    return load_module("a3_ngram_nltk_alignment", ROOT / "bench" / "a3_ngram_nltk_alignment.py")


@pytest.fixture(scope="module")
def corpus():
    train = load_corpus("wiki", "train")[:SENTENCES]
    held_out = load_corpus("wiki", "valid")[:20]
    return train, held_out


def queries(train, held_out):
    """(word, context) pairs: every token of the held-out sentences (unseen n-grams, OOV words) and of a
    few training sentences (seen n-grams), plus contexts with explicit padding and unseen histories."""
    pairs = [(word, sentence[:i]) for sentence in held_out[:5] + train[:5]
             for i, word in enumerate(sentence + ["</s>"])]
    return pairs + [("the", ["<s>"]), ("of", ["zzz", "qqq"]), ("</s>", ["the", "the", "the"])]


CASES = [  # (our keyword arguments, nltk factory name, orders)
    ({"smoothing": "add_k", "k": 1.0, "min_count": 1}, "laplace", (1, 2, 3)),
    ({"smoothing": "add_k", "k": 1.0, "min_count": 2}, "laplace", (1, 2, 3)),
    ({"smoothing": "kneser_ney", "discount": 0.75, "min_count": 2}, "kneser_ney", (2, 3)),
    ({"smoothing": "kneser_ney", "discount": 0.9, "min_count": 1}, "kneser_ney_uniform_floor", (2, 3)),
]


@pytest.mark.parametrize("kwargs, factory, orders", CASES, ids=lambda case: str(case))
def test_reference_probabilities_equal_nltk(reference, alignment, corpus, kwargs, factory, orders):
    train, held_out = corpus
    for n in orders:
        ours = reference.NGramLM(n, **kwargs).fit(train)
        theirs = alignment.nltk_fit(getattr(alignment, factory), train, n, kwargs["min_count"],
                                    kwargs.get("discount", 0.75))
        pairs = queries(train, held_out)
        our_probs = np.array([ours.prob(word, context) for word, context in pairs])
        their_probs = np.array([alignment.nltk_prob(theirs, word, context, n) for word, context in pairs])
        worst = np.max(np.abs(our_probs - their_probs))
        assert worst <= TOLERANCE, f"n={n}, {kwargs}: reference and nltk {factory} differ by up to {worst:.2g}"
        ours_pp = ours.perplexity(held_out)
        theirs_pp = alignment.nltk_perplexity(theirs, held_out, n)
        assert abs(ours_pp / theirs_pp - 1) <= 1e-9, f"n={n}, {kwargs}: perplexity {ours_pp} vs nltk {theirs_pp}"


def test_plain_nltk_kneser_ney_gives_unseen_unk_zero(reference, alignment, corpus):
    """The one real difference: with min_count=1 `<unk>` never occurs in training; nltk gives it
    probability 0, the contract's uniform floor keeps it positive."""
    train, _ = corpus
    theirs = alignment.nltk_fit(alignment.kneser_ney, train, 2, 1, 0.9)
    ours = reference.NGramLM(2, discount=0.9, min_count=1).fit(train)
    assert alignment.nltk_prob(theirs, "zzz-unknown", ["the"], 2) == 0.0
    assert ours.prob("zzz-unknown", ["the"]) > 0.0

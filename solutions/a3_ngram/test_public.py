"""Public tests of assignment a3_ngram: run them with `python -m autograder check a3_ngram a3_ngram.ipynb` (give
the path to your notebook). Passing them does not mean full marks: the hidden suite checks the same
contract on more corpora, contexts and settings, and on the wiki corpus."""
import math

import pytest

from autograder.api import RNG

# `python -m autograder check` scores public tests like hidden ones: one point each (not part of the grade).
pytestmark = pytest.mark.points(1)

TOY = [
    "students opened their books".split(),
    "students opened their laptops".split(),
    "the students opened their exams".split(),
]


def test_pad_and_ngrams(student):
    padded = student.pad(["students", "opened"], 3)
    assert padded == ["<s>", "<s>", "students", "opened", "</s>"], f"pad(['students', 'opened'], 3) gave {padded}"
    grams = student.ngrams(padded, 3)
    assert [tuple(gram) for gram in grams] == [("<s>", "<s>", "students"), ("<s>", "students", "opened"),
                                               ("students", "opened", "</s>")], f"ngrams gave {grams}"


def test_vocab(student):
    lm = student.NGramLM(2, min_count=2).fit(TOY)
    assert sorted(lm.vocab) == sorted(["students", "opened", "their", "<unk>", "</s>"]), \
        f"vocab with min_count=2 is {sorted(lm.vocab)}"


def test_add_k_on_the_lecture_example(student):
    # c(opened their) = 3, c(opened their books) = 1, |V| = 9 (7 words, <unk>, </s>).
    lm = student.NGramLM(3, smoothing="add_k", k=1.0).fit(TOY)
    assert math.isclose(lm.prob("books", ["students", "opened", "their"]), (1 + 1) / (3 + 9), rel_tol=1e-12)
    # An unseen history gives the uniform 1/|V|.
    assert math.isclose(lm.prob("books", ["their", "students"]), 1 / 9, rel_tol=1e-12)


def test_probabilities_sum_to_one(student):
    for smoothing in ("add_k", "kneser_ney"):
        lm = student.NGramLM(3, smoothing=smoothing).fit(TOY)
        for context in ([], ["opened", "their"], ["never", "seen"]):
            total = sum(lm.prob(word, context) for word in lm.vocab)
            assert abs(total - 1) < 1e-9, f"{smoothing}: prob sums to {total} after {context}"


def test_perplexity_counts_the_end_of_sentence(student):
    lm = student.NGramLM(2).fit(TOY)
    sentence = ["students", "opened", "their", "minds"]
    logprobs = [lm.logprob(word, sentence[:i]) for i, word in enumerate(sentence + ["</s>"])]
    expected = math.exp(-sum(logprobs) / len(logprobs))
    assert math.isclose(lm.perplexity([sentence]), expected, rel_tol=1e-9)


def test_generate(student):
    lm = student.NGramLM(2).fit(TOY)
    tokens = lm.generate(RNG(0), max_len=10)
    assert isinstance(tokens, list) and len(tokens) <= 10, f"generate(max_len=10) gave {tokens}"
    assert "<s>" not in tokens, "generate must never emit '<s>'"


def test_kneser_ney_by_hand(student):
    """The worked example of section 2: a Kneser-Ney bigram, D = 1/2, on three sentences, every value by hand."""
    from fractions import Fraction as F

    lm = student.NGramLM(2, smoothing="kneser_ney", discount=0.5).fit(
        [["the", "cat"], ["a", "cat"], ["the", "dog"]])
    assert sorted(lm.vocab) == ["</s>", "<unk>", "a", "cat", "dog", "the"], f"vocab is {sorted(lm.vocab)}"
    worked = [("cat", ["the"], F(65, 168)), ("dog", ["the"], F(53, 168)), ("<unk>", ["the"], F(5, 168)),
              ("cat", ["a"], F(107, 168)), ("</s>", ["cat"], F(275, 336)), ("cat", ["zebra"], F(23, 84))]
    for word, context, expected in worked:
        actual = lm.prob(word, context)
        assert isinstance(actual, float) and math.isclose(actual, expected, rel_tol=1e-12), (
            f"P_KN({word} | {' '.join(context)}) is {actual!r}, the worked example gives {expected} = {float(expected):.6f}")

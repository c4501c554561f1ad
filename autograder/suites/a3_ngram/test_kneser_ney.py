"""kneser_ney: interpolated Kneser-Ney, one discount D, raw counts at the top order, continuation counts
below, ending in the continuation unigram interpolated with 1/|V|; unseen histories back off entirely."""
from fractions import Fraction as F

import pytest

from ngram_cases import HAND, KNESER_NEY_CONFIGS, check_hand_values, check_matches_reference, check_sums_to_one

pytestmark = pytest.mark.part("ngram_lm")

# On HAND with D = 1/2, |V| = 5 (a, b, c, <unk>, </s>). Distinct bigrams (<s> a) (<s> b) (a b) (a c)
# (b a) (b </s>) (c </s>): continuation counts a 2, b 2, c 1, </s> 2, <unk> 0, total 7, 4 types.
# P1(w) = (max(N1+(. w) - 1/2, 0) + 1/2 * 4 * 1/5) / 7: a, b, </s> 19/70; c 9/70; <unk> 4/70.
P1 = {"a": F(19, 70), "b": F(19, 70), "c": F(9, 70), "</s>": F(19, 70), "<unk>": F(4, 70)}
HAND_VALUES = [
    # Unigram model, raw counts: N = 10 predicted tokens, a 3 (and 4 seen types).
    (1, "a", [], (F(3) - F(1, 2) + F(1, 2) * 4 * F(1, 5)) / 10, "a unigram"),
    (1, "<unk>", [], F(1, 2) * 4 * F(1, 5) / 10, "an unseen word in a unigram model"),
    # Bigram: c(a) = 3, c(a b) = 2, 2 types after a.
    (2, "b", ["a"], (F(3, 2) + F(1, 2) * 2 * P1["b"]) / 3, "a seen bigram"),
    (2, "a", ["a"], (F(1, 2) * 2 * P1["a"]) / 3, "an unseen bigram"),
    (2, "</s>", ["c"], (F(1, 2) + F(1, 2) * 1 * P1["</s>"]) / 1, "the end of a sentence"),
    (2, "<unk>", [], (F(1, 2) * 2 * P1["<unk>"]) / 3, "<unk>, never seen"),
    (2, "a", ["</s>"], P1["a"], "a history never followed by anything"),
    # Trigram, continuation bigrams after <s>: (<s> a) 1, (<s> b) 1, so P2(c | <s>) = 1/2 * 2 * P1(c) / 2
    # and c(<s> <s>) = 3 with 2 types.
    (3, "c", [], (F(1, 2) * 2 * (F(1, 2) * 2 * P1["c"] / 2)) / 3, "a word never seen at the start"),
    # c(<s> b) = 1 (followed by a once); continuation after b: (b a) 1, (b </s>) 1.
    (3, "a", ["b"], F(1, 2) + F(1, 2) * (F(1, 2) + F(1, 2) * 2 * P1["a"]) / 2, "a trigram after padding"),
]


# The notebook's worked example (section 2, "Kneser-Ney by hand"), also in the public tests: a bigram, D = 1/2.
WORKED_CORPUS = [["the", "cat"], ["a", "cat"], ["the", "dog"]]
WORKED_VALUES = [("cat", ["the"], F(65, 168)), ("dog", ["the"], F(53, 168)), ("<unk>", ["the"], F(5, 168)),
                 ("cat", ["a"], F(107, 168)), ("</s>", ["cat"], F(275, 336)), ("cat", ["zebra"], F(23, 84)),
                 ("a", ["the"], F(11, 168)), ("</s>", ["the"], F(23, 168))]


@pytest.mark.points(6)
def test_kneser_ney_hand_computed_values(student, reference):
    check_hand_values(student, reference, "kneser_ney", HAND, HAND_VALUES, discount=0.5)


@pytest.mark.points(6)
def test_kneser_ney_matches_reference(student, reference):
    check_matches_reference(student, reference, "kneser_ney", KNESER_NEY_CONFIGS)


@pytest.mark.points(6)
def test_kneser_ney_sums_to_one(student, reference):
    check_sums_to_one(student, reference, "kneser_ney", KNESER_NEY_CONFIGS)


@pytest.mark.points(2)
def test_kneser_ney_worked_example(student, reference):
    """kneser_ney reproduces the notebook's worked example (a bigram, D = 1/2, on three sentences)"""
    values = [(2, word, context, expected, f"the worked example of section 2: P_KN({word} | {' '.join(context)})")
              for word, context, expected in WORKED_VALUES]
    check_hand_values(student, reference, "kneser_ney", WORKED_CORPUS, values, discount=0.5)

"""add_k: P(w|h) = (c(h w) + k) / (c(h) + k|V|), with c(h) the count of h as a history."""
from fractions import Fraction as F

import pytest

from ngram_cases import ADD_K_CONFIGS, HAND, check_hand_values, check_matches_reference, check_sums_to_one

pytestmark = pytest.mark.part("ngram_lm")

# On HAND with k = 1/2. Vocabulary a, b, c, <unk>, </s>: |V| = 5.
# Bigram histories: c(a) = 3 with c(a b) = 2; c(c) = 1; c(<s>) = 3 and <unk> never follows it;
# `</s>` is never a history, so it gives 1/|V|. Trigram: c(<s> a) = 2 with c(<s> a b) = 1.
HAND_VALUES = [
    (2, "b", ["a"], F(5, 2) / F(11, 2), "a seen bigram"),
    (2, "a", ["c"], F(1, 2) / F(7, 2), "an unseen bigram"),
    (2, "<unk>", [], F(1, 2) / F(11, 2), "<unk> after <s>"),
    (2, "zebra", ["a"], F(1, 2) / F(11, 2), "an out-of-vocabulary word"),
    (2, "a", ["</s>"], F(1, 5), "a history never followed by anything"),
    (3, "b", ["a"], F(3, 2) / F(9, 2), "a trigram after padding"),
    (3, "</s>", ["b", "</s>"], F(1, 5), "a trigram history that ends a sentence"),
]


@pytest.mark.points(6)
def test_add_k_hand_computed_values(student, reference):
    check_hand_values(student, reference, "add_k", HAND, HAND_VALUES, k=0.5)


@pytest.mark.points(5)
def test_add_k_matches_reference(student, reference):
    check_matches_reference(student, reference, "add_k", ADD_K_CONFIGS)


@pytest.mark.points(5)
def test_add_k_sums_to_one(student, reference):
    check_sums_to_one(student, reference, "add_k", ADD_K_CONFIGS)

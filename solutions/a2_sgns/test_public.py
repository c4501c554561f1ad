"""Public tests of assignment a2_sgns: run them with `python -m autograder check a2_sgns a2_sgns.ipynb`
(or `pytest` in this folder). Passing them does not mean full marks: the hidden suite compares every
function with the reference on more cases, tests the sampler statistically, and trains on the wiki corpus."""
import numpy as np
import pytest

from autograder.api import RNG
from nlpcourse import gradcheck

# `python -m autograder check` runs these through the sandbox like the hidden suite, one point each.
pytestmark = pytest.mark.points(1)

RNG_ = np.random.default_rng(0)
CENTER = RNG_.normal(size=4)
OUTSIDE = RNG_.normal(size=(7, 4))
NEGATIVES = [3, 3, 5, 1]  # word 3 twice, and the outside word 1 drawn as a negative


def test_sigmoid_values_and_extremes(student):
    values = np.asarray(student.sigmoid(np.array([0.0, 2.0, -1e4, 1e4])))
    np.testing.assert_allclose(values, [0.5, 1 / (1 + np.exp(-2.0)), 0.0, 1.0], atol=1e-12)


def test_neg_sampling_loss_value(student):
    loss, _, _ = student.neg_sampling_loss_and_gradient(CENTER, 1, OUTSIDE, NEGATIVES)
    scores = OUTSIDE @ CENTER
    expected = np.log1p(np.exp(-scores[1])) + sum(np.log1p(np.exp(scores[k])) for k in NEGATIVES)
    np.testing.assert_allclose(loss, expected, rtol=1e-10)


def test_neg_sampling_gradients_pass_gradcheck(student):
    f = student.neg_sampling_loss_and_gradient
    gradcheck(lambda v: f(v, 1, OUTSIDE, NEGATIVES)[:2], CENTER).assert_ok()
    gradcheck(lambda U: f(CENTER, 1, U, NEGATIVES)[::2], OUTSIDE).assert_ok()


def test_noise_distribution(student):
    probs = np.asarray(student.noise_distribution([16, 1, 0]))
    np.testing.assert_allclose(probs, [8 / 9, 1 / 9, 0.0], atol=1e-12)


def test_sample_negatives_excludes_and_shape(student):
    draws = np.asarray(student.sample_negatives([0.5, 0.25, 0.25], 1000, RNG(0), exclude=0))
    assert draws.shape == (1000,) and draws.dtype.kind in "iu", f"got shape {draws.shape}, dtype {draws.dtype}"
    assert set(draws.tolist()) == {1, 2}, f"draws excluding word 0 should be 1s and 2s, got {sorted(set(draws.tolist()))}"


def test_train_sgns_shapes(student):
    sentences = [["the", "cat", "sat"], ["the", "dog", "sat"], ["a", "cat", "ran"]] * 20
    vocab, vectors = student.train_sgns(sentences, dim=6, window=2, epochs=1, min_count=20)
    assert sorted(vocab) == ["a", "cat", "dog", "ran", "sat", "the"], f"vocab with min_count=20 is {sorted(vocab)}"
    assert np.asarray(vectors).shape == (6, 6), f"vectors have shape {np.asarray(vectors).shape}, expected (6, 6)"

"""Public tests of assignment a2_sgns: run them with `python -m autograder check a2_sgns a2_sgns.ipynb` (give
the path to your notebook). Passing them does not mean full marks: the hidden suite compares every
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
CENTERS = RNG_.normal(size=(7, 4))


def test_sigmoid_values_and_extremes(student):
    values = np.asarray(student.sigmoid(np.array([0.0, 2.0, -1e4, 1e4])))
    np.testing.assert_allclose(values, [0.5, 1 / (1 + np.exp(-2.0)), 0.0, 1.0], atol=1e-12)


def test_sigmoid_left_tail_is_accurate(student):
    # sigma(-50) = 1.93e-22: tiny but a normal float64. 1 - sigma(50) and (1 + tanh(-25)) / 2 give exactly 0.
    value = float(np.asarray(student.sigmoid(np.array([-50.0])))[0])
    expected = np.exp(-50.0) / (1 + np.exp(-50.0))
    assert abs(value - expected) <= 1e-10 * expected, f"sigmoid(-50) is {value!r}, expected {expected:.6g}"


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


def test_neg_sampling_loss_at_large_scores(student):
    # Scores of +-50: the positive pair very unlikely, one negative very likely. The loss is about 100, not inf.
    center = np.array([1.0, 0.0])
    outside = np.array([[-50.0, 1.0], [50.0, -2.0], [0.0, 3.0]])
    loss, _, _ = student.neg_sampling_loss_and_gradient(center, 0, outside, [1, 2])
    expected = np.logaddexp(0, 50.0) + np.logaddexp(0, 50.0) + np.logaddexp(0, 0.0)
    np.testing.assert_allclose(loss, expected, rtol=1e-10)


def test_skipgram_neg_sampling_sums_the_window(student):
    window = [1, 3, 1]  # word 1 twice
    loss, grad_center, grad_outside = student.skipgram_neg_sampling(0, window, CENTERS, OUTSIDE, NEGATIVES)
    pairs = [student.neg_sampling_loss_and_gradient(CENTERS[0], o, OUTSIDE, NEGATIVES) for o in window]
    np.testing.assert_allclose(loss, sum(pair[0] for pair in pairs), rtol=1e-10)
    expected_center = np.zeros_like(CENTERS)
    expected_center[0] = sum(np.asarray(pair[1]) for pair in pairs)
    np.testing.assert_allclose(grad_center, expected_center, rtol=1e-10, atol=1e-12)
    np.testing.assert_allclose(grad_outside, sum(np.asarray(pair[2]) for pair in pairs), rtol=1e-10, atol=1e-12)

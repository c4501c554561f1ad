"""Public tests of assignment a1_softmax: run them with `python -m autograder check a1_softmax a1_softmax.ipynb` (give
the path to your notebook). Passing them does not mean full marks: the hidden suite compares every
function with the reference on more shapes, scales and windows."""
import numpy as np
import pytest

from nlpcourse import gradcheck

# `python -m autograder check` runs these through the sandbox like the hidden suite, one point each.
pytestmark = pytest.mark.points(1)

RNG = np.random.default_rng(0)
CENTER = RNG.normal(size=4)
OUTSIDE = RNG.normal(size=(6, 4))
CENTERS = RNG.normal(size=(6, 4))


def test_softmax_rows_are_distributions(student):
    probs = np.asarray(student.softmax(np.array([[1.0, 2.0, 3.0], [0.0, 0.0, 0.0]])))
    assert probs.shape == (2, 3), f"softmax of a 2x3 batch has shape {probs.shape}"
    np.testing.assert_allclose(probs.sum(axis=-1), 1.0, atol=1e-12, err_msg="each row must sum to 1")
    np.testing.assert_allclose(probs[1], 1 / 3, atol=1e-12, err_msg="equal scores give equal probabilities")


def test_softmax_large_scores_are_finite(student):
    probs = np.asarray(student.softmax(np.array([1000.0, 999.0, -1000.0])))
    assert np.all(np.isfinite(probs)), "softmax overflowed: subtract the maximum score first"
    np.testing.assert_allclose(probs[:2], [1 / (1 + np.exp(-1)), 1 / (1 + np.exp(1))], rtol=1e-12)


def test_naive_softmax_loss_value(student):
    loss, _, _ = student.naive_softmax_loss_and_gradient(CENTER, 2, OUTSIDE)
    scores = OUTSIDE @ CENTER
    np.testing.assert_allclose(loss, np.log(np.exp(scores).sum()) - scores[2], rtol=1e-10)


def test_naive_softmax_gradients_pass_gradcheck(student):
    f = student.naive_softmax_loss_and_gradient
    gradcheck(lambda v: f(v, 2, OUTSIDE)[:2], CENTER).assert_ok()
    gradcheck(lambda U: (f(CENTER, 2, U)[0], f(CENTER, 2, U)[2]), OUTSIDE).assert_ok()


def test_skipgram_gradients_pass_gradcheck(student):
    window = [1, 3, 3]
    gradcheck(lambda C: student.skipgram(0, window, C, OUTSIDE)[:2], CENTERS).assert_ok()
    gradcheck(lambda U: student.skipgram(0, window, CENTERS, U)[::2], OUTSIDE).assert_ok()

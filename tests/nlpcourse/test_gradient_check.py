"""gradcheck passes known gradients, fails wrong ones and points at the wrong entry."""
import numpy as np
import pytest

from nlpcourse import gradcheck

RNG = np.random.default_rng(0)
W = RNG.normal(size=(4, 3))
X = RNG.normal(size=3)
LABEL = 2


def softmax_cross_entropy(weights, correct=True):
    """Cross-entropy of softmax(W x) at LABEL, the a1 setting; its gradient is (p - onehot) x^T."""
    scores = weights @ X
    probabilities = np.exp(scores - scores.max())
    probabilities /= probabilities.sum()
    onehot = np.eye(len(scores))[LABEL]
    grad = np.outer(probabilities - onehot if correct else probabilities, X)  # the bug: forgot "- onehot"
    return -np.log(probabilities[LABEL]), grad


@pytest.mark.parametrize("f", [
    lambda x: (0.5 * np.sum(x ** 2), x),
    lambda x: (np.sum(np.sin(x) * x), np.cos(x) * x + np.sin(x)),
    lambda x: (np.log(np.sum(np.exp(x))), np.exp(x) / np.sum(np.exp(x))),
    softmax_cross_entropy,
])
def test_correct_gradients_pass(f):
    result = gradcheck(f, W.copy())
    assert result.ok, str(result)
    assert result.max_rel_error < 1e-6 and result.checked == W.size


def test_a_wrong_gradient_fails():
    result = gradcheck(lambda w: softmax_cross_entropy(w, correct=False), W.copy())
    assert not result.ok
    assert result.max_rel_error > 0.1
    assert result.worst_index[0] == LABEL  # only the label's row is wrong
    assert "FAILED" in str(result)
    with pytest.raises(AssertionError, match="gradcheck FAILED"):
        result.assert_ok()


def test_the_worst_entry_is_found_even_when_the_error_is_small():
    def almost_right(x):
        grad = 2 * x
        grad[1, 2] += 1e-3
        return np.sum(x ** 2), grad
    result = gradcheck(almost_right, W.copy())
    assert not result.ok and result.worst_index == (1, 2)
    assert result.analytic - result.numeric == pytest.approx(1e-3, rel=1e-4)


def test_x_is_left_unchanged():
    x = W.copy()
    gradcheck(lambda v: (np.sum(v ** 3), 3 * v ** 2), x)
    np.testing.assert_array_equal(x, W)


def test_max_checks_samples_that_many_entries_with_two_calls_each():
    calls = []
    def counted(x):
        calls.append(1)
        return 0.5 * np.sum(x ** 2), x
    result = gradcheck(counted, RNG.normal(size=(50, 40)), max_checks=25)
    assert result.ok and result.checked == 25
    assert len(calls) == 1 + 2 * 25


def test_torch_functions_get_tensors_and_autograd_gradients_pass():
    torch = pytest.importorskip("torch")

    def f(w):
        w = w.requires_grad_()
        loss = torch.logsumexp(w @ torch.tensor(X), dim=0)
        (grad,) = torch.autograd.grad(loss, w)
        return loss, grad
    assert gradcheck(f, torch.tensor(W)).ok


@pytest.mark.parametrize(("f", "x", "error", "message"), [
    (lambda x: (0.0, x), W.astype(np.float32), TypeError, r"float64.*astype\(np.float64\)"),
    (lambda x: (0.0, x[0]), W, ValueError, r"gradient of shape \(3,\); x has shape \(4, 3\)"),
    (lambda x: 0.0, W, TypeError, r"must return \(loss, grad\)"),
    (lambda x: (x, x), W, ValueError, "scalar loss"),
])
def test_misuse_is_reported_with_the_fix(f, x, error, message):
    with pytest.raises(error, match=message):
        gradcheck(f, x)

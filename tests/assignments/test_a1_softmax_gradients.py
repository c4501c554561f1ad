"""The a1_softmax reference against torch autograd in float64: the hidden suite grades students
against this reference, so its values and hand-derived gradients must be right (relative error < 1e-8)."""
import numpy as np
import pytest
import torch

from autograder.in_process import load_reference
from comparisons import relative_error

TOLERANCE = 1e-8
SHAPES = [(5, 3), (17, 8), (40, 20)]  # (V, d)


@pytest.fixture(scope="module")
def reference():
    return load_reference("a1_softmax")


def naive_softmax_loss(center_vec, outside_idx, outside_vectors):
    return -torch.log_softmax(outside_vectors @ center_vec, dim=0)[outside_idx]


@pytest.mark.parametrize("shape", [(9,), (4, 7), (2, 3, 5)])
def test_softmax_matches_torch(reference, shape):
    x = np.random.default_rng(len(shape)).normal(scale=50.0, size=shape)
    x.flat[0] = 1e4
    assert relative_error(reference.softmax(x), torch.softmax(torch.tensor(x), dim=-1)) < TOLERANCE


@pytest.mark.parametrize("vocab_size,dim", SHAPES)
def test_naive_softmax_gradients_match_autograd(reference, vocab_size, dim):
    rng = np.random.default_rng(vocab_size)
    center, outside = rng.normal(size=dim), rng.normal(size=(vocab_size, dim))
    outside_idx = int(rng.integers(vocab_size))
    loss, grad_center, grad_outside = reference.naive_softmax_loss_and_gradient(center, outside_idx, outside)
    center_t = torch.tensor(center, requires_grad=True)
    outside_t = torch.tensor(outside, requires_grad=True)
    expected = naive_softmax_loss(center_t, outside_idx, outside_t)
    expected.backward()
    assert isinstance(loss, float)
    assert relative_error(np.array(loss), expected) < TOLERANCE
    assert relative_error(grad_center, center_t.grad) < TOLERANCE
    assert relative_error(grad_outside, outside_t.grad) < TOLERANCE


@pytest.mark.parametrize("vocab_size,dim", SHAPES)
def test_skipgram_gradients_match_autograd(reference, vocab_size, dim):
    rng = np.random.default_rng(vocab_size + 1)
    centers, outside = rng.normal(size=(vocab_size, dim)), rng.normal(size=(vocab_size, dim))
    center_idx = int(rng.integers(vocab_size))
    window = [int(i) for i in rng.integers(vocab_size, size=6)] + [center_idx]
    window += window[:2]  # repeats count each time
    loss, grad_centers, grad_outside = reference.skipgram(center_idx, window, centers, outside)
    centers_t = torch.tensor(centers, requires_grad=True)
    outside_t = torch.tensor(outside, requires_grad=True)
    expected = sum(naive_softmax_loss(centers_t[center_idx], o, outside_t) for o in window)
    expected.backward()
    assert relative_error(np.array(loss), expected) < TOLERANCE
    assert relative_error(grad_centers, centers_t.grad) < TOLERANCE
    assert relative_error(grad_outside, outside_t.grad) < TOLERANCE

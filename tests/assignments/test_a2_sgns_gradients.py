"""The a2_sgns reference against torch autograd in float64 (relative error < 1e-8): the negative-sampling
gradients of one pair, and the vectorized minibatch step of the trainer, whose in-place update must be
exactly -learning_rate times the gradient of the summed loss of its pairs."""
import numpy as np
import pytest
import torch
import torch.nn.functional as F

from autograder.in_process import load_reference
from comparisons import relative_error

TOLERANCE = 1e-8


@pytest.fixture(scope="module")
def reference():
    return load_reference("a2_sgns")


def neg_sampling_loss(center_vec, outside_idx, outside_vectors, neg_indices):
    negatives = outside_vectors[torch.tensor(neg_indices)]
    return -F.logsigmoid(outside_vectors[outside_idx] @ center_vec) - F.logsigmoid(-(negatives @ center_vec)).sum()


def test_sigmoid_matches_torch(reference):
    x = np.concatenate([np.random.default_rng(0).normal(scale=10.0, size=50), [1e4, -1e4, 710.0, -710.0]])
    assert relative_error(reference.sigmoid(x), torch.sigmoid(torch.tensor(x))) < TOLERANCE
    assert relative_error(reference.log_sigmoid(x), F.logsigmoid(torch.tensor(x))) < TOLERANCE


@pytest.mark.parametrize("neg_indices", [[2, 5, 7], [3, 3, 0, 6, 3], [1, 1, 1, 1]], ids=["distinct", "repeats", "outside"])
def test_neg_sampling_gradients_match_autograd(reference, neg_indices):
    rng = np.random.default_rng(len(neg_indices))
    center, outside = rng.normal(size=6), rng.normal(size=(9, 6))
    loss, grad_center, grad_outside = reference.neg_sampling_loss_and_gradient(center, 1, outside, neg_indices)
    center_t = torch.tensor(center, requires_grad=True)
    outside_t = torch.tensor(outside, requires_grad=True)
    expected = neg_sampling_loss(center_t, 1, outside_t, neg_indices)
    expected.backward()
    assert relative_error(np.array(loss), expected) < TOLERANCE
    assert relative_error(grad_center, center_t.grad) < TOLERANCE
    assert relative_error(grad_outside, outside_t.grad) < TOLERANCE


def test_minibatch_step_is_the_summed_gradient(reference):
    """Frequent words repeat within a batch (as centres, outsides and negatives): every repeat must add."""
    rng = np.random.default_rng(4)
    vocab_size, dim, batch, k = 12, 5, 64, 4
    centers_table, outside_table = rng.normal(size=(vocab_size, dim)), rng.normal(size=(vocab_size, dim))
    centers, outsides = rng.integers(vocab_size, size=batch), rng.integers(vocab_size, size=batch)
    negatives = rng.integers(vocab_size, size=(batch, k))
    centers_t = torch.tensor(centers_table, requires_grad=True)
    outside_t = torch.tensor(outside_table, requires_grad=True)
    total = sum(neg_sampling_loss(centers_t[c], o, outside_t, n.tolist()) for c, o, n in zip(centers, outsides, negatives))
    total.backward()
    learning_rate = 0.5
    mean_loss = reference.sgns_step(centers_table, outside_table, centers, outsides, negatives, learning_rate)
    assert relative_error(np.array(mean_loss), total / batch) < TOLERANCE
    centers_step = torch.tensor(centers_table) - centers_t.detach()       # = -learning_rate * gradient
    outside_step = torch.tensor(outside_table) - outside_t.detach()
    assert relative_error(centers_step.numpy(), -learning_rate * centers_t.grad) < TOLERANCE
    assert relative_error(outside_step.numpy(), -learning_rate * outside_t.grad) < TOLERANCE

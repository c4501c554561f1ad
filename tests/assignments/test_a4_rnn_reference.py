"""The a4 reference against independent implementations: its BPTT against torch autograd, its clipping
against torch.nn.utils.clip_grad_norm_. The hidden suite grades students against this reference, so
the reference itself must be right."""
import sys

import numpy as np
import pytest
import torch

from a4_rnn_autograd import autograd_loss_and_gradients
from comparisons import relative_error
from autograder import layout
from autograder.in_process import load_reference

sys.path.insert(0, str(layout.course().assignment("a4_rnn").suite))
from rnn_problems import all_problems  # noqa: E402


@pytest.fixture(scope="module")
def reference():
    return load_reference("a4_rnn")


@pytest.mark.parametrize("problem", all_problems(), ids=lambda p: p.describe())
def test_bptt_matches_torch_autograd(reference, problem):
    args = (problem.params, problem.inputs, problem.targets, problem.h0)
    loss, grads, h_last = reference.rnn_loss_and_gradients(*args)
    expected_loss, expected_grads, expected_h = autograd_loss_and_gradients(*args)
    assert set(grads) == set(expected_grads)
    assert relative_error(loss, expected_loss) < 1e-12
    assert relative_error(h_last, expected_h) < 1e-12
    for name, grad in grads.items():
        assert relative_error(grad, expected_grads[name]) < 1e-8, name


@pytest.mark.parametrize("fraction", [0.3, 1.0, 2.0])
def test_clipping_matches_torch(reference, fraction):
    rng = np.random.default_rng(0)
    grads = {"a": rng.normal(size=(3, 4)), "b": rng.normal(size=5) * 10}
    norm = np.sqrt(sum(np.sum(g ** 2) for g in grads.values()))
    tensors = [torch.zeros(g.shape, dtype=torch.float64, requires_grad=True) for g in grads.values()]
    for tensor, g in zip(tensors, grads.values()):
        tensor.grad = torch.tensor(g)
    expected_norm = torch.nn.utils.clip_grad_norm_(tensors, max_norm=norm * fraction)
    before = {name: g.copy() for name, g in grads.items()}
    clipped, total = reference.clip_grad_norm(grads, norm * fraction)
    assert total == pytest.approx(float(expected_norm), rel=1e-12)
    for tensor, name in zip(tensors, grads):
        # torch scales by max_norm / (norm + 1e-6) and only below 1: equal up to that epsilon
        np.testing.assert_allclose(clipped[name], tensor.grad.numpy(), rtol=1e-5)
        np.testing.assert_array_equal(grads[name], before[name])


def test_bptt_rejects_bad_input(reference):
    problem = all_problems()[1]
    with pytest.raises(ValueError, match="inputs must hold integer ids"):
        reference.rnn_loss_and_gradients(problem.params, problem.inputs + 100, problem.targets, problem.h0)
    with pytest.raises(ValueError, match="h0 has shape"):
        reference.rnn_loss_and_gradients(problem.params, problem.inputs, problem.targets, problem.h0[:-1])
    with pytest.raises(ValueError, match="max_norm must be a positive"):
        reference.clip_grad_norm({"a": np.ones(2)}, 0.0)

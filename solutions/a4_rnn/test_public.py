"""Public tests of assignment a4_rnn: run them with `python -m autograder check a4_rnn a4_rnn.ipynb`.
Passing them does not mean full marks: the hidden suite compares your gradients with the reference on more
sizes, and trains your model on the wiki corpus once (a budget of 360 CPU seconds on one core, passed to
train_rnnlm as time_budget) and scores it on the 6,240 tokens of 8 test blocks against the pass mark, the
a3 Kneser-Ney trigram's perplexity, and the unigram's: section 4 of the notebook states every number."""
import math

import numpy as np
import pytest

from autograder.api import Tensor
from nlpcourse import gradcheck

# `python -m autograder check` runs these through the sandbox like the hidden suite, one point each.
pytestmark = pytest.mark.points(1)

RNG = np.random.default_rng(0)
V, D, H, T = 6, 3, 4, 10
PARAMS = {"E": RNG.normal(size=(V, D)), "W_e": RNG.normal(size=(H, D)) / 2, "W_h": RNG.normal(size=(H, H)) / 2,
          "b1": RNG.normal(size=H) * 0.1, "U": RNG.normal(size=(V, H)), "b2": RNG.normal(size=V) * 0.1}
INPUTS = np.array([0, 1, 0, 2, 0, 1, 1, 2, 0, 0])  # repeated tokens
TARGETS = RNG.integers(0, V, size=T)
H0 = RNG.normal(size=H)


def as_numpy(value):
    """Graded in the sandbox, torch tensors come back as numpy arrays; run locally, they may stay tensors."""
    return value.detach().cpu().numpy() if hasattr(value, "detach") else np.asarray(value)


def test_one_step_loss_by_hand(student):
    params = {name: np.zeros_like(value) for name, value in PARAMS.items()}
    params["b2"] = np.array([1.0, 0.0, 0.0, 0.0, 0.0, 0.0])
    loss, _, h_last = student.rnn_loss_and_gradients(params, np.array([3]), np.array([0]), np.zeros(H))
    # All weights zero: h_1 = tanh(0) = 0 and the scores are b2.
    assert math.isclose(loss, -(1.0 - math.log(math.e + 5)), rel_tol=1e-12), f"loss {loss}"
    np.testing.assert_allclose(h_last, 0.0, atol=1e-15, err_msg="h_last of an all-zero RNN must be 0")


def test_gradients_have_the_contract_keys(student):
    _, grads, _ = student.rnn_loss_and_gradients(PARAMS, INPUTS, TARGETS, H0)
    assert set(grads) == set(PARAMS) | {"h0"}, f"grads keys: {sorted(grads)}"


def test_bptt_passes_gradcheck(student):
    for name in [*PARAMS, "h0"]:
        def loss_and_gradient(value, name=name):
            arguments = {**PARAMS, "h0": H0, name: value}
            params = {key: arguments[key] for key in PARAMS}
            loss, grads, _ = student.rnn_loss_and_gradients(params, INPUTS, TARGETS, arguments["h0"])
            return loss, grads[name]
        result = gradcheck(loss_and_gradient, PARAMS.get(name, H0))
        assert result.ok, f"d loss / d {name}: {result}"


def test_clipping(student):
    grads = {"a": np.array([3.0, 0.0]), "b": np.array([[0.0], [4.0]])}  # global norm 5
    clipped, norm = student.clip_grad_norm(grads, 10.0)
    assert math.isclose(norm, 5.0), f"norm {norm}, expected 5"
    np.testing.assert_allclose(clipped["a"], [3.0, 0.0], err_msg="below the threshold nothing changes")
    clipped, norm = student.clip_grad_norm(grads, 1.0)
    assert math.isclose(norm, 5.0), f"the returned norm must be the one before clipping, got {norm}"
    np.testing.assert_allclose(clipped["a"], [0.6, 0.0], err_msg="one global norm: a is scaled by 1/5")
    np.testing.assert_allclose(clipped["b"], [[0.0], [0.8]], err_msg="one global norm: b is scaled by 1/5")


def test_train_rnnlm_learns_a_cycle(student, device):
    """A toy stream 0 1 2 ... 7 0 1 2 ...: after training, the next token is nearly certain."""
    cycle = np.tile(np.arange(8), 1500)
    model = student.train_rnnlm(cycle, cycle[:400], 8, device=device, seed=0)
    model.eval()
    logits = as_numpy(model.forward(Tensor(cycle[None, :200]), None)[0])
    assert logits.shape == (1, 200, 8), f"logits shape {logits.shape}, expected (B, T, V) = (1, 200, 8)"
    scores = logits[0, 20:] - logits[0, 20:].max(axis=-1, keepdims=True)
    log_probs = scores - np.log(np.exp(scores).sum(axis=-1, keepdims=True))
    perplexity = math.exp(-log_probs[np.arange(180), cycle[21:201]].mean())
    assert perplexity < 2.0, f"perplexity {perplexity:.2f} on the cycle it was trained on (uniform: 8)"

"""rnn_loss_and_gradients against the reference: loss, h_T and every gradient of full BPTT.

Tolerance: |student - reference| <= 1e-9 + 1e-7 |reference| elementwise; both run in float64, so a
correct implementation differs from the reference by rounding only (about 1e-15).
"""
import pytest

from autograder.checks import assert_close
from rnn_problems import all_problems

pytestmark = pytest.mark.part("rnn_loss_and_gradients")

TOLERANCE = {"atol": 1e-9, "rtol": 1e-7}


@pytest.fixture(scope="module")
def answers(student, reference):
    """(problem, student's answer, reference answer) for every problem; the student's call runs once each."""
    results = []
    for problem in all_problems():
        args = (problem.params, problem.inputs, problem.targets, problem.h0)
        results.append((problem, student.rnn_loss_and_gradients(*args), reference.rnn_loss_and_gradients(*args)))
    return results


def unpack(answer, problem):
    if not (isinstance(answer, tuple | list) and len(answer) == 3):
        raise AssertionError(f"rnn_loss_and_gradients ({problem.describe()}) must return (loss, grads, h_last)")
    loss, grads, h_last = answer
    if not isinstance(grads, dict):
        raise AssertionError(f"rnn_loss_and_gradients ({problem.describe()}): grads must be a dict of arrays")
    return loss, grads, h_last


def check_gradients(answers, names):
    for problem, answer, expected in answers:
        _, grads, _ = unpack(answer, problem)
        for name in names:
            if name not in grads:
                raise AssertionError(f"grads has no {name!r} entry ({problem.describe()})")
            assert_close(grads[name], expected[1][name], what=f"d loss / d {name} ({problem.describe()})", **TOLERANCE)


@pytest.mark.points(5)
def test_loss(answers):
    """Loss: the mean over the T steps of -log yhat_t[y_t]"""
    for problem, answer, expected in answers:
        assert_close(unpack(answer, problem)[0], expected[0], what=f"loss ({problem.describe()})", **TOLERANCE)


@pytest.mark.points(4)
def test_last_hidden_state(answers):
    """h_last is h_T of the forward pass"""
    for problem, answer, expected in answers:
        assert_close(unpack(answer, problem)[2], expected[2], what=f"h_last ({problem.describe()})", **TOLERANCE)


@pytest.mark.points(6)
def test_output_layer_gradients(answers):
    """Gradients of the output layer U and b2"""
    check_gradients(answers, ("U", "b2"))


@pytest.mark.points(10)
def test_recurrent_gradients(answers):
    """Gradients of W_h, W_e and b1: summed over every step, through h_{t-1} (full BPTT)"""
    check_gradients(answers, ("W_h", "W_e", "b1"))


@pytest.mark.points(5)
def test_embedding_gradient_with_repeated_tokens(answers):
    """Gradient of E when tokens repeat: each occurrence adds to its row"""
    check_gradients(answers, ("E",))


@pytest.mark.points(5)
def test_initial_state_gradient(answers):
    """grads["h0"]: the gradient that reaches the initial hidden state"""
    check_gradients(answers, ("h0",))


"""skipgram: the sum over the window's outside words (repeats counted each time) of the pair loss it is given,
with gradients shaped like center_vectors and outside_vectors.

One bug, one charge: the window sum is checked with the reference's naive_softmax_loss_and_gradient handed to
skipgram as a grader-side function (autograder.api.GraderFunction: it runs in the grader, the student's code
only calls it), so a mistake in the student's own pair function costs that function's tests, not these. A pair
function whose values no code can imitate (checks.SecretPairLoss) shows that skipgram calls what it is given,
by keyword and by position. The default (loss_and_gradient omitted) is checked against the sum of the student's
own pair function: the one test that runs both."""
import numpy as np
import pytest

from autograder.api import GraderFunction
from autograder.checks import SecretPairLoss, as_float_array, assert_close, checked_pair_loss, window_sum
from softmax_cases import ATOL, RTOL, unpack_triple, window_problems

pytestmark = pytest.mark.part("skipgram")  # the graded cell these tests assess
SECRET_SEED = 60_221  # the secret pair loss's values: never sent to the student's code
MAX_PAIR_CALLS = 100  # a window has at most 8 outside words


def check_against(expected_of, student, problems, pair_loss_of=None, how="by position"):
    """skipgram on each problem, with `pair_loss_of(problem)` as loss_and_gradient (passed `how`), or
    without one (the default), against `expected_of(problem)`."""
    for problem in problems:
        given = "" if pair_loss_of is None else f" with a loss_and_gradient of the grader's passed {how}"
        what = f"skipgram{given} on {problem.describe()}"
        args, kwargs = problem.args(), {}
        if pair_loss_of is not None:
            pair_loss = GraderFunction(pair_loss_of(problem), max_calls=MAX_PAIR_CALLS, name="loss_and_gradient")
            if how == "by keyword":
                kwargs = {"loss_and_gradient": pair_loss}
            else:
                args = (*args, pair_loss)
        loss, grad_center, grad_outside = unpack_triple(student.skipgram(*args, **kwargs), what)
        expected_loss, expected_center, expected_outside = expected_of(problem)
        assert_close(loss, expected_loss, what=f"{what}: the loss", atol=ATOL, rtol=RTOL)
        assert_close(grad_center, expected_center, what=f"{what}: grad_center_vectors", atol=ATOL, rtol=RTOL)
        assert_close(grad_outside, expected_outside, what=f"{what}: grad_outside_vectors", atol=ATOL, rtol=RTOL)


def reference_pair_of(reference):
    """The reference's naive_softmax_loss_and_gradient for a problem, checking skipgram's arguments."""
    return lambda problem: checked_pair_loss(reference.naive_softmax_loss_and_gradient,
                                             *problem.outside_vectors.shape)


@pytest.mark.points(9)
def test_skipgram_distinct_outside_words(student, reference):
    """skipgram with the reference's pair function, on windows of distinct outside words, as the reference"""
    check_against(lambda problem: reference.skipgram(*problem.args()), student, window_problems(repeated=False),
                  reference_pair_of(reference))


@pytest.mark.points(9)
def test_skipgram_repeated_outside_words(student, reference):
    """skipgram with the reference's pair function, on windows whose outside words repeat, as the reference"""
    check_against(lambda problem: reference.skipgram(*problem.args()), student, window_problems(repeated=True),
                  reference_pair_of(reference))


def summed_pairs_of(student):
    """The window loss and gradients as the sum of the student's own naive_softmax_loss_and_gradient."""
    def summed_pairs(problem):
        loss, grad_center, grad_outside = 0.0, np.zeros(problem.center_vectors.shape), np.zeros(problem.outside_vectors.shape)
        for outside_idx in problem.outside_idxs:
            what = f"naive_softmax_loss_and_gradient (called by this test to check skipgram's sum)"
            pair = unpack_triple(student.naive_softmax_loss_and_gradient(
                problem.center_vectors[problem.center_idx], outside_idx, problem.outside_vectors), what)
            grads = [as_float_array(pair[1], grad_center.shape[1:], f"{what}: grad_center"),
                     as_float_array(pair[2], grad_outside.shape, f"{what}: grad_outside")]
            loss += pair[0]
            grad_center[problem.center_idx] += grads[0]
            grad_outside += grads[1]
        # No credit for summing nothing: the pair function must do real work on this problem.
        assert np.any(grad_center != 0) or np.any(grad_outside != 0), (
            "your naive_softmax_loss_and_gradient returns all-zero gradients on this window, so "
            "skipgram's sum of it cannot be checked (and earns no credit)")
        return loss, grad_center, grad_outside
    return summed_pairs


@pytest.mark.points(8)
def test_skipgram_sums_your_pair_function(student):
    """skipgram without loss_and_gradient sums your own naive_softmax_loss_and_gradient over the window"""
    # Compared with your own pair function, not the reference's: an error in it is not counted again here.
    check_against(summed_pairs_of(student), student, window_problems(repeated=True, count=2, seed=303))


def secret_pair_of(problem):
    return checked_pair_loss(SecretPairLoss(*problem.outside_vectors.shape, SECRET_SEED), *problem.outside_vectors.shape)


@pytest.mark.points(4)
def test_skipgram_takes_loss_and_gradient(student):
    """skipgram accepts loss_and_gradient by keyword and by position and sums the function it is given"""
    problems = window_problems(repeated=True, count=2, seed=404)
    for how in ("by keyword", "by position"):
        check_against(lambda problem: window_sum(secret_pair_of(problem), *problem.args()), student, problems, secret_pair_of, how)

"""skipgram: the sum over the window's outside words (repeats counted each time) of the pair loss,
with gradients shaped like center_vectors and outside_vectors, computed with the loss_and_gradient it is given.

Only plain data and handles to the submission's own objects reach the worker, so no test can hand skipgram a
stand-in pair loss written here. What a1 can check: that skipgram accepts `loss_and_gradient` by keyword and by
position and sums what the function it is given returns (here the student's own naive softmax, as a handle).
That skipgram really computes a *different* loss when given one is graded in a2, whose skipgram_neg_sampling
plugs negative sampling into the same skipgram and is compared with the reference."""
import numpy as np
import pytest

from autograder.checks import assert_close
from softmax_cases import ATOL, RTOL, unpack_triple, window_problems

pytestmark = pytest.mark.part("skipgram")  # the graded cell these tests assess


def check_against(expected_of, student, problems):
    for problem in problems:
        what = f"skipgram on {problem.describe()}"
        loss, grad_center, grad_outside = unpack_triple(student.skipgram(*problem.args()), what)
        expected_loss, expected_center, expected_outside = expected_of(problem)
        assert_close(loss, expected_loss, what=f"{what}: the loss", atol=ATOL, rtol=RTOL)
        assert_close(grad_center, expected_center, what=f"{what}: grad_center_vectors", atol=ATOL, rtol=RTOL)
        assert_close(grad_outside, expected_outside, what=f"{what}: grad_outside_vectors", atol=ATOL, rtol=RTOL)


@pytest.mark.points(9)
def test_skipgram_distinct_outside_words(student, reference):
    check_against(lambda problem: reference.skipgram(*problem.args()), student, window_problems(repeated=False))


@pytest.mark.points(9)
def test_skipgram_repeated_outside_words(student, reference):
    check_against(lambda problem: reference.skipgram(*problem.args()), student, window_problems(repeated=True))


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


def as_float_array(value, shape, what):
    """`value` as a float64 array of `shape`, or an AssertionError saying what came back instead."""
    try:
        array = np.asarray(value, dtype=np.float64)
    except (TypeError, ValueError):
        raise AssertionError(f"{what}: expected an array of numbers") from None
    assert array.shape == tuple(shape), f"{what}: expected shape {tuple(shape)}, got {array.shape}"
    return array


@pytest.mark.points(8)
def test_skipgram_sums_your_pair_function(student):
    """skipgram sums your own naive_softmax_loss_and_gradient over the window"""
    # Credit for the window sum on its own: an error in the pair function is not counted twice.
    check_against(summed_pairs_of(student), student, window_problems(repeated=True, count=2, seed=303))


@pytest.mark.points(4)
def test_skipgram_takes_loss_and_gradient(student):
    """skipgram accepts loss_and_gradient by keyword and by position and sums the function it is given"""
    pair_function = student.naive_softmax_loss_and_gradient  # a handle: the function stays in the worker
    for problem in window_problems(repeated=True, count=2, seed=404):
        expected = summed_pairs_of(student)(problem)
        for how, args, kwargs in (("by keyword", problem.args(), {"loss_and_gradient": pair_function}),
                                  ("by position", (*problem.args(), pair_function), {})):
            what = f"skipgram with loss_and_gradient=naive_softmax_loss_and_gradient passed {how}, on {problem.describe()}"
            loss, grad_center, grad_outside = unpack_triple(student.skipgram(*args, **kwargs), what)
            assert_close(loss, expected[0], what=f"{what}: the loss", atol=ATOL, rtol=RTOL)
            assert_close(grad_center, expected[1], what=f"{what}: grad_center_vectors", atol=ATOL, rtol=RTOL)
            assert_close(grad_outside, expected[2], what=f"{what}: grad_outside_vectors", atol=ATOL, rtol=RTOL)

"""skipgram: the sum over the window's outside words (repeats counted each time) of the pair loss,
with gradients shaped like center_vectors and outside_vectors."""
import numpy as np
import pytest

from autograder.checks import assert_close
from softmax_cases import ATOL, RTOL, unpack_triple, window_problems


def check_against(expected_of, student, problems):
    for problem in problems:
        what = f"skipgram on {problem.describe()}"
        loss, grad_center, grad_outside = unpack_triple(student.skipgram(*problem.args()), what)
        expected_loss, expected_center, expected_outside = expected_of(problem)
        assert_close(loss, expected_loss, what=f"{what}: the loss", atol=ATOL, rtol=RTOL)
        assert_close(grad_center, expected_center, what=f"{what}: grad_center_vectors", atol=ATOL, rtol=RTOL)
        assert_close(grad_outside, expected_outside, what=f"{what}: grad_outside_vectors", atol=ATOL, rtol=RTOL)


@pytest.mark.points(10)
def test_skipgram_distinct_outside_words(student, reference):
    check_against(lambda problem: reference.skipgram(*problem.args()), student, window_problems(repeated=False))


@pytest.mark.points(10)
def test_skipgram_repeated_outside_words(student, reference):
    check_against(lambda problem: reference.skipgram(*problem.args()), student, window_problems(repeated=True))


@pytest.mark.points(10)
def test_skipgram_sums_your_pair_function(student):
    """skipgram sums your own naive_softmax_loss_and_gradient over the window"""
    # Credit for the window sum on its own: an error in the pair function is not counted twice.
    def summed_pairs(problem):
        loss, grad_center, grad_outside = 0.0, np.zeros(problem.center_vectors.shape), np.zeros(problem.outside_vectors.shape)
        for outside_idx in problem.outside_idxs:
            what = f"naive_softmax_loss_and_gradient (called by this test to check skipgram's sum)"
            pair = unpack_triple(student.naive_softmax_loss_and_gradient(
                problem.center_vectors[problem.center_idx], outside_idx, problem.outside_vectors), what)
            loss += pair[0]
            grad_center[problem.center_idx] += np.asarray(pair[1], dtype=np.float64)
            grad_outside += np.asarray(pair[2], dtype=np.float64)
        return loss, grad_center, grad_outside
    check_against(summed_pairs, student, window_problems(repeated=True, count=2, seed=303))

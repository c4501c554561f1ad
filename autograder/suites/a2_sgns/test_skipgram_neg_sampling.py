"""skipgram_neg_sampling: assignment 1's skipgram with the negative-sampling pair loss plugged in through its
loss_and_gradient argument, every pair of the window sharing the given negatives."""
import pytest

from autograder.checks import assert_close, unpack_loss_and_gradients
from sgns_cases import ATOL, RTOL, window_problems

pytestmark = pytest.mark.part("skipgram_neg_sampling")  # the graded cell these tests assess

PROBLEMS = window_problems(repeated=False) + window_problems(repeated=True)


@pytest.mark.points(4)
def test_skipgram_neg_sampling_window(student, reference):
    """skipgram_neg_sampling: the window's loss and gradients with negative sampling, as the reference"""
    names = ("grad_center_vectors", "grad_outside_vectors")
    for problem in PROBLEMS:
        what = f"skipgram_neg_sampling on {problem.describe()}"
        actual = unpack_loss_and_gradients(student.skipgram_neg_sampling(*problem.args()), what=what, parts=names)
        expected = reference.skipgram_neg_sampling(*problem.args())
        for part, name in enumerate(("the loss",) + names):
            assert_close(actual[part], expected[part], what=f"{what}: {name}", atol=ATOL, rtol=RTOL)

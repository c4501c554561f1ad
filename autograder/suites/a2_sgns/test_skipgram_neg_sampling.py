"""skipgram_neg_sampling: assignment 1's skipgram with the negative-sampling pair loss plugged in through its
loss_and_gradient argument, every pair of the window sharing the given negatives.

One bug, one charge: skipgram itself is checked with pair functions of the grader's (autograder.api.GraderFunction:
they run in the grader, the student's code only calls them): the reference's neg_sampling_loss_and_gradient, so a
mistake in the student's pair function does not cost skipgram's points, and one whose values no code can imitate
(checks.SecretPairLoss), so a skipgram that ignores its argument does. skipgram_neg_sampling against the reference
is the one test that runs the student's pair function inside skipgram."""
import pytest

from autograder.api import GraderFunction
from autograder.checks import SecretPairLoss, assert_close, checked_pair_loss, unpack_loss_and_gradients, window_sum
from sgns_cases import ATOL, RTOL, window_problems

pytestmark = pytest.mark.part("skipgram_neg_sampling")  # the graded cell these tests assess

PROBLEMS = window_problems(repeated=False) + window_problems(repeated=True)
NAMES = ("grad_center_vectors", "grad_outside_vectors")
SECRET_SEED = 16_749  # the secret pair loss's values: never sent to the student's code
MAX_PAIR_CALLS = 100  # a window has at most 7 outside words


def assert_window(actual, expected, what):
    actual = unpack_loss_and_gradients(actual, what=what, parts=NAMES)
    for part, name in enumerate(("the loss",) + NAMES):
        assert_close(actual[part], expected[part], what=f"{what}: {name}", atol=ATOL, rtol=RTOL)


@pytest.mark.points(2)
def test_skipgram_neg_sampling_window(student, reference):
    """skipgram_neg_sampling: the window's loss and gradients with negative sampling, as the reference"""
    for problem in PROBLEMS:
        assert_window(student.skipgram_neg_sampling(*problem.args()), reference.skipgram_neg_sampling(*problem.args()),
                      f"skipgram_neg_sampling on {problem.describe()}")


@pytest.mark.points(2)
def test_skipgram_sums_the_pair_function_it_is_given(student, reference):
    """skipgram sums the loss_and_gradient it is given: the reference's negative sampling, and a pair loss of the grader's"""
    for problem in PROBLEMS:
        shape = problem.outside_vectors.shape
        negatives = list(problem.neg_indices)
        pair_losses = {
            "the reference's neg_sampling_loss_and_gradient": checked_pair_loss(
                lambda center_vec, outside_idx, outside_vectors: reference.neg_sampling_loss_and_gradient(
                    center_vec, outside_idx, outside_vectors, negatives), *shape),
            "a pair loss of the grader's": checked_pair_loss(SecretPairLoss(*shape, SECRET_SEED), *shape)}
        for name, pair_loss in pair_losses.items():
            given = GraderFunction(pair_loss, max_calls=MAX_PAIR_CALLS, name="loss_and_gradient")
            args = (problem.center_idx, problem.outside_idxs, problem.center_vectors, problem.outside_vectors, given)
            assert_window(student.skipgram(*args), window_sum(pair_loss, *problem.args()[:4]),
                          f"skipgram with {name} as loss_and_gradient, on {problem.describe()}")

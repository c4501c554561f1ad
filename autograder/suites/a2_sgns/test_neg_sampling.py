"""neg_sampling_loss_and_gradient: -log s(u_o.v_c) - sum_k log s(-u_k.v_c) and its gradients (d,), (V, d)."""
import pytest

from autograder.checks import assert_close
from sgns_cases import ATOL, RTOL, extreme_score_problems, pair_problems, unpack_triple

pytestmark = pytest.mark.part("neg_sampling_loss_and_gradient")  # the graded cell these tests assess

PART_NAMES = ["the loss", "grad_center_vec", "grad_outside_vectors"]


def check_part(student, reference, part, problems, case):
    for problem in problems:
        what = f"neg_sampling_loss_and_gradient, {PART_NAMES[part]} ({problem.describe()}, {case})"
        actual = unpack_triple(student.neg_sampling_loss_and_gradient(*problem.args()), what)
        expected = reference.neg_sampling_loss_and_gradient(*problem.args())
        assert_close(actual[part], expected[part], what=what, atol=ATOL, rtol=RTOL)


DISTINCT = pair_problems(repeated=False)
REPEATED = pair_problems(repeated=True)
EXTREME = extreme_score_problems()


@pytest.mark.points(7)
def test_neg_sampling_loss(student, reference):
    check_part(student, reference, 0, DISTINCT, "distinct negatives")


@pytest.mark.points(7)
def test_neg_sampling_grad_center(student, reference):
    check_part(student, reference, 1, DISTINCT, "distinct negatives")


@pytest.mark.points(7)
def test_neg_sampling_grad_outside(student, reference):
    check_part(student, reference, 2, DISTINCT, "distinct negatives")


@pytest.mark.points(5)
def test_neg_sampling_repeated_negatives(student, reference):
    """neg_sampling_loss_and_gradient counts a repeated negative (and o drawn as a negative) each time"""
    for part in range(3):
        check_part(student, reference, part, REPEATED, "negatives that repeat and include o")


@pytest.mark.points(4)
def test_neg_sampling_extreme_scores(student, reference):
    """neg_sampling_loss_and_gradient stays finite and accurate for scores up to +-50, as positive pair and as negatives"""
    for part in range(3):
        check_part(student, reference, part, EXTREME, "scores of +-50 for the positive pair and the negatives")

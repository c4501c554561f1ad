"""neg_sampling_loss_and_gradient: -log s(u_o.v_c) - sum_k log s(-u_k.v_c) and its gradients (d,), (V, d)."""
import pytest

from autograder.checks import assert_close
from sgns_cases import ATOL, RTOL, pair_problems, unpack_triple

PART_NAMES = ["the loss", "grad_center_vec", "grad_outside_vectors"]


def check_part(student, reference, part, problems, case):
    for problem in problems:
        what = f"neg_sampling_loss_and_gradient, {PART_NAMES[part]} ({problem.describe()}, {case})"
        actual = unpack_triple(student.neg_sampling_loss_and_gradient(*problem.args()), what)
        expected = reference.neg_sampling_loss_and_gradient(*problem.args())
        assert_close(actual[part], expected[part], what=what, atol=ATOL, rtol=RTOL)


DISTINCT = pair_problems(repeated=False)
REPEATED = pair_problems(repeated=True)


@pytest.mark.points(8)
def test_neg_sampling_loss(student, reference):
    check_part(student, reference, 0, DISTINCT, "distinct negatives")


@pytest.mark.points(8)
def test_neg_sampling_grad_center(student, reference):
    check_part(student, reference, 1, DISTINCT, "distinct negatives")


@pytest.mark.points(8)
def test_neg_sampling_grad_outside(student, reference):
    check_part(student, reference, 2, DISTINCT, "distinct negatives")


@pytest.mark.points(6)
def test_neg_sampling_repeated_negatives(student, reference):
    """neg_sampling_loss_and_gradient counts a repeated negative (and o drawn as a negative) each time"""
    for part in range(3):
        check_part(student, reference, part, REPEATED, "negatives that repeat and include o")

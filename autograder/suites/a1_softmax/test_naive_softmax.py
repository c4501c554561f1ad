"""naive_softmax_loss_and_gradient: loss -log softmax(U v_c)[o] and its gradients (d,) and (V, d)."""
import pytest

from autograder.checks import assert_close
from softmax_cases import ATOL, RTOL, pair_problems, unpack_triple

pytestmark = pytest.mark.part("naive_softmax_loss_and_gradient")  # the graded cell these tests assess

PROBLEMS = pair_problems()


def check_part(student, reference, part):
    """part 0: loss, 1: grad_center_vec, 2: grad_outside_vectors, on every problem."""
    names = ["the loss", "grad_center_vec", "grad_outside_vectors"]
    for problem in PROBLEMS:
        what = f"naive_softmax_loss_and_gradient, {names[part]} ({problem.describe()})"
        actual = unpack_triple(student.naive_softmax_loss_and_gradient(*problem.args()), what)
        expected = reference.naive_softmax_loss_and_gradient(*problem.args())
        assert_close(actual[part], expected[part], what=what, atol=ATOL, rtol=RTOL)


@pytest.mark.points(12)
def test_naive_softmax_loss(student, reference):
    check_part(student, reference, 0)


@pytest.mark.points(14)
def test_naive_softmax_grad_center(student, reference):
    check_part(student, reference, 1)


@pytest.mark.points(14)
def test_naive_softmax_grad_outside(student, reference):
    check_part(student, reference, 2)

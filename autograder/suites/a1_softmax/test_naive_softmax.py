"""naive_softmax_loss_and_gradient: loss -log softmax(U v_c)[o] and its gradients (d,) and (V, d).

One bug, one charge: the loss is compared with the reference's (the one test where a mistake in the student's
softmax also counts); the gradients with U^T (p - y) and (p - y) v_c^T built from the student's own softmax
probabilities p (the reference's where the student's softmax gives no finite vector), so a softmax mistake is not
charged again in them."""
import numpy as np
import pytest

from autograder.api import StudentError
from autograder.checks import assert_close
from softmax_cases import ATOL, RTOL, pair_problems, unpack_triple

pytestmark = pytest.mark.part("naive_softmax_loss_and_gradient")  # the graded cell these tests assess

PROBLEMS = pair_problems()
NAMES = ["the loss", "grad_center_vec", "grad_outside_vectors"]


def check_part(student, expected_of, part):
    """part 0: loss, 1: grad_center_vec, 2: grad_outside_vectors, on every problem, against `expected_of(problem)`."""
    for problem in PROBLEMS:
        what = f"naive_softmax_loss_and_gradient, {NAMES[part]} ({problem.describe()})"
        actual = unpack_triple(student.naive_softmax_loss_and_gradient(*problem.args()), what)
        assert_close(actual[part], expected_of(problem)[part], what=what, atol=ATOL, rtol=RTOL)


def probabilities(student, reference, scores):
    """The student's softmax of `scores` if it is a finite vector of their shape, else the reference's."""
    try:
        probs = np.asarray(student.softmax(scores), dtype=np.float64)
    except (StudentError, TypeError, ValueError):
        return reference.softmax(scores)
    return probs if probs.shape == scores.shape and np.all(np.isfinite(probs)) else reference.softmax(scores)


def gradients_from_your_softmax(student, reference):
    """(None, U^T (p - y), (p - y) v_c^T) of a problem, p from the student's own softmax."""
    def expected(problem):
        center_vec, outside_idx, outside_vectors = problem.args()
        error = probabilities(student, reference, outside_vectors @ center_vec).copy()
        error[outside_idx] -= 1.0
        return None, outside_vectors.T @ error, np.outer(error, center_vec)
    return expected


@pytest.mark.points(12)
def test_naive_softmax_loss(student, reference):
    """naive_softmax_loss_and_gradient: the loss, as the reference's"""
    check_part(student, lambda problem: reference.naive_softmax_loss_and_gradient(*problem.args()), 0)


@pytest.mark.points(14)
def test_naive_softmax_grad_center(student, reference):
    """naive_softmax_loss_and_gradient: grad_center_vec, U^T (p - y) with p from your softmax"""
    check_part(student, gradients_from_your_softmax(student, reference), 1)


@pytest.mark.points(14)
def test_naive_softmax_grad_outside(student, reference):
    """naive_softmax_loss_and_gradient: grad_outside_vectors, (p - y) v_c^T with p from your softmax"""
    check_part(student, gradients_from_your_softmax(student, reference), 2)

"""A suite that awards partial credit: the share of probe inputs on which softmax is right."""
import numpy as np
import pytest

from autograder.checks import assert_close

PROBES = [np.array([[0.0, 0.0]]), np.array([[1.0, 2.0, 3.0]]), np.array([[5.0, 1.0], [2.0, 2.0]]),
          np.array([[-1.0, 1.0, 0.0, 2.0]])]


@pytest.mark.points(4)
def test_softmax_share_of_probes(student, reference, partial_credit):
    """softmax on four probe batches, a point each"""
    right = 0
    for probe in PROBES:
        try:
            assert_close(student.softmax(probe), reference.softmax(probe), what="softmax")
            right += 1
        except AssertionError:
            pass
    partial_credit(right / len(PROBES))
    assert right == len(PROBES), f"softmax is right on {right} of {len(PROBES)} probe batches"

"""Public tests of the toy assignment: what students run before submitting."""
import numpy as np
import pytest

from autograder.checks import assert_close


@pytest.mark.points(1)
def test_softmax_rows_sum_to_one(student):
    """softmax rows sum to one"""
    result = student.softmax(np.array([[1.0, 2.0, 3.0], [0.0, 0.0, 0.0]]))
    assert_close(np.sum(result, axis=1), np.ones(2), what="row sums of softmax on a 2x3 batch")

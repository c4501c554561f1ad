"""softmax(x): over the last axis, any shape, finite for entries up to 1e4 in size, float64 output."""
import numpy as np
import pytest

from autograder.checks import assert_close
from softmax_cases import ATOL, FLOAT32_ATOL, RTOL

pytestmark = pytest.mark.part("softmax")  # the graded cell these tests assess

RNG = np.random.default_rng(7)
VECTOR = RNG.normal(scale=3.0, size=9)
BATCH = RNG.normal(scale=3.0, size=(4, 7))
CUBES = [RNG.normal(scale=2.0, size=(2, 3, 5)), RNG.normal(size=(3, 1, 4))]
# Rows on very different scales: each one needs its own maximum subtracted.
EXTREME = np.array([[1e4, 0.0, -1e4, 5e3],
                    [1e3, 1e3 - 1.0, 1e3 - 2.0, -1e3],
                    [-1e4, -1e4 + 0.5, -1e4 - 3.0, -9.9e3],
                    [-1e3, -1e3, -1e3, -1e3]])


def check_softmax(student, reference, x, what, atol=ATOL, rtol=RTOL):
    assert_close(student.softmax(x), reference.softmax(x), what=what, atol=atol, rtol=rtol)


@pytest.mark.points(8)
def test_softmax_vector_and_batch(student, reference):
    check_softmax(student, reference, VECTOR, "softmax of a vector of 9 scores")
    check_softmax(student, reference, BATCH, "softmax of a 4x7 batch (one distribution per row)")


@pytest.mark.points(7)
def test_softmax_3d_over_last_axis(student, reference):
    for cube in CUBES:
        check_softmax(student, reference, cube, f"softmax of a {'x'.join(map(str, cube.shape))} array over its last axis")


@pytest.mark.points(10)
def test_softmax_extreme_logits(student, reference):
    check_softmax(student, reference, EXTREME[0], "softmax of a vector with entries up to +-1e4")
    check_softmax(student, reference, EXTREME,
                  "softmax of a 4x4 batch whose rows lie near +1e4, +1e3, -1e3 and -1e4 (each row needs its own shift)")


@pytest.mark.points(5)
def test_softmax_float32_and_int_input(student, reference):
    check_softmax(student, reference, BATCH.astype(np.float32),
                  "softmax of a float32 4x7 batch (compared with float64)", atol=FLOAT32_ATOL, rtol=0.0)
    integers = np.array([[3, 1, -2], [0, 0, 0]])
    check_softmax(student, reference, integers, "softmax of an integer 2x3 batch")

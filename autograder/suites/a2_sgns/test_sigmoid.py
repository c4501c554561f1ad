"""sigmoid(x): elementwise logistic function, float64, finite and without overflow for |x| up to 1e4."""
import numpy as np
import pytest

from autograder.api import StudentError
from autograder.checks import assert_close
from sgns_cases import ATOL, RTOL

RNG = np.random.default_rng(3)
MODERATE = [RNG.normal(scale=4.0, size=9), RNG.normal(scale=4.0, size=(3, 5))]
EXTREME = np.array([[1e4, -1e4, 1e3, -1e3], [710.0, -710.0, 40.0, -40.0]])


@pytest.mark.points(4)
def test_sigmoid_values(student, reference):
    for x in MODERATE:
        assert_close(student.sigmoid(x), reference.sigmoid(x), what=f"sigmoid of a {'x'.join(map(str, x.shape))} array",
                     atol=ATOL, rtol=RTOL)


@pytest.mark.points(3)
def test_sigmoid_extreme_inputs(student, reference):
    assert_close(student.sigmoid(EXTREME), reference.sigmoid(EXTREME),
                 what="sigmoid of a 2x4 array with entries up to +-1e4", atol=ATOL, rtol=RTOL)


@pytest.mark.points(3)
def test_sigmoid_does_not_overflow(student):
    """sigmoid raises no overflow warning for entries up to +-1e4"""
    # numpy in the worker is told to raise on overflow for this one call, then restored.
    previous = student.np.seterr(over="raise", invalid="raise")
    try:
        student.sigmoid(EXTREME)
    except StudentError as error:
        raise AssertionError(
            "sigmoid of a 2x4 array with entries up to +-1e4 overflowed inside numpy (overflow set to raise): "
            f"{error}. exp of a large positive number overflows; note that np.where evaluates both branches "
            "on every entry") from None
    finally:
        student.np.seterr(**previous)

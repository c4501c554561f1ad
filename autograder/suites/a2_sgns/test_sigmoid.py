"""sigmoid(x): elementwise logistic function, float64, finite and without overflow for |x| up to 1e4, and
accurate in relative terms in both tails."""
import numpy as np
import pytest

from autograder.api import StudentError
from autograder.checks import assert_close
from sgns_cases import ATOL, RTOL

pytestmark = pytest.mark.part("sigmoid")  # the graded cell these tests assess

RNG = np.random.default_rng(3)
MODERATE = [RNG.normal(scale=4.0, size=9), RNG.normal(scale=4.0, size=(3, 5))]
EXTREME = np.array([[1e4, -1e4, 1e3, -1e3], [710.0, -710.0, 40.0, -40.0]])
# Both tails, where sigma(x) (left) and 1 - sigma(x) (right) are far below float64's epsilon but sigma(x) itself
# is a normal float64: 1 - sigma(-x), or (1 + tanh(x / 2)) / 2, cancel to exactly 0 below about -37.
TAILS = np.array([-700.0, -300.0, -50.0, -45.0, -40.0, -38.0, -37.0, -30.0, -20.0,
                  20.0, 30.0, 37.0, 38.0, 40.0, 50.0, 300.0, 700.0])
TAIL_RTOL = 1e-10


@pytest.mark.points(3)
def test_sigmoid_values(student, reference):
    for x in MODERATE:
        assert_close(student.sigmoid(x), reference.sigmoid(x), what=f"sigmoid of a {'x'.join(map(str, x.shape))} array",
                     atol=ATOL, rtol=RTOL)


@pytest.mark.points(2)
def test_sigmoid_extreme_inputs(student, reference):
    assert_close(student.sigmoid(EXTREME), reference.sigmoid(EXTREME),
                 what="sigmoid of a 2x4 array with entries up to +-1e4", atol=ATOL, rtol=RTOL)


@pytest.mark.points(2)
def test_sigmoid_does_not_overflow(student, reference):
    """sigmoid raises no overflow warning for entries up to +-1e4"""
    # numpy in the worker is told to raise on overflow for this one call, then restored.
    previous = student.np.seterr(over="raise", invalid="raise")
    try:
        # Credit only for the right values computed without overflow, not for computing nothing.
        assert_close(student.sigmoid(EXTREME), reference.sigmoid(EXTREME), atol=ATOL, rtol=RTOL,
                     what="sigmoid of a 2x4 array with entries up to +-1e4, overflow set to raise")
    except StudentError as error:
        raise AssertionError(
            "sigmoid of a 2x4 array with entries up to +-1e4 overflowed inside numpy (overflow set to raise): "
            f"{error}. exp of a large positive number overflows; note that np.where evaluates both branches "
            "on every entry") from None
    finally:
        student.np.seterr(**previous)


@pytest.mark.points(3)
def test_sigmoid_relative_accuracy_in_both_tails(student, reference):
    """sigmoid is accurate in relative terms in both tails (|x| from 20 to 700)"""
    what = f"sigmoid of {len(TAILS)} entries with |x| from 20 to 700"
    expected = reference.sigmoid(TAILS)
    # Form, shape and finiteness first (with the usual tolerance), then the relative error entry by entry.
    actual = student.sigmoid(TAILS)
    assert_close(actual, expected, what=what, atol=ATOL, rtol=RTOL)
    relative = np.abs(np.asarray(actual, dtype=np.float64) - expected) / expected
    worst = int(np.argmax(relative))
    assert relative[worst] <= TAIL_RTOL, (
        f"{what}: relative error {relative[worst]:.3g} at x = {TAILS[worst]:g} (tolerance {TAIL_RTOL:g} relative). "
        "In the left tail sigma(x) is tiny but representable: compute it as e^x / (1 + e^x) with e^x = e^-|x|, "
        "never as 1 minus something close to 1")

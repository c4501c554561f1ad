"""noise_distribution(counts, power=0.75): P(w) proportional to count(w)**power, summing to 1."""
import numpy as np
import pytest

from autograder.checks import assert_close
from sgns_cases import ATOL, RTOL

pytestmark = pytest.mark.part("noise_distribution")  # the graded cell these tests assess

COUNTS = np.random.default_rng(9).integers(1, 5000, size=40)


@pytest.mark.points(5)
def test_noise_distribution_default_power(student, reference):
    assert_close(student.noise_distribution(COUNTS), reference.noise_distribution(COUNTS),
                 what="noise_distribution of 40 counts with the default power", atol=ATOL, rtol=RTOL)
    assert_close(student.noise_distribution([3, 0, 1]), reference.noise_distribution([3, 0, 1]),
                 what="noise_distribution of a list of counts [3, 0, 1]", atol=ATOL, rtol=RTOL)


@pytest.mark.points(3)
def test_noise_distribution_other_powers(student, reference):
    for power in (1.0, 0.5):
        assert_close(student.noise_distribution(COUNTS, power=power), reference.noise_distribution(COUNTS, power=power),
                     what=f"noise_distribution of 40 counts with power={power}", atol=ATOL, rtol=RTOL)

"""sample_negatives(probs, k, rng, exclude=None): k iid draws from probs, conditioned on != exclude."""
import numpy as np
import pytest
from scipy.special import chdtri  # inverse chi-square survival function; scipy.stats costs 2 CPU s to import

from autograder.api import RNG
from sgns_cases import FALSE_FAILURE_PROBABILITY, SAMPLED_DRAWS

pytestmark = pytest.mark.part("sample_negatives")  # the graded cell these tests assess

PROBS = np.random.default_rng(21).dirichlet(np.full(12, 2.0))
EXCLUDED = int(np.argmax(PROBS))  # the most likely word: excluding it changes the distribution the most


def draws_of(student, k, seed, exclude=None):
    what = f"sample_negatives(probs over 12 words, k={k}, rng" + (", exclude=...)" if exclude is not None else ")")
    try:
        draws = np.asarray(student.sample_negatives(PROBS, k, RNG(seed), exclude=exclude))
    except (TypeError, ValueError):
        raise AssertionError(f"{what}: expected an array of {k} indices") from None
    assert draws.shape == (k,), f"{what}: expected shape ({k},), got {draws.shape}"
    assert draws.dtype.kind in "iu", f"{what}: expected an integer array, got dtype {draws.dtype}"
    assert np.all((draws >= 0) & (draws < len(PROBS))), f"{what}: some indices are outside 0..11"
    return draws, what


def check_distribution(draws, expected_probs, what):
    """Pearson's chi-square goodness of fit; a correct sampler fails with probability FALSE_FAILURE_PROBABILITY."""
    support = expected_probs > 0
    observed = np.bincount(draws, minlength=len(expected_probs))
    expected = expected_probs * len(draws)
    statistic = float(np.sum((observed[support] - expected[support]) ** 2 / expected[support]))
    critical = float(chdtri(int(support.sum()) - 1, FALSE_FAILURE_PROBABILITY))
    assert statistic <= critical, (
        f"{what}: {len(draws)} draws do not follow the requested distribution (chi-square {statistic:.0f}, "
        f"critical value {critical:.0f} at false-failure probability {FALSE_FAILURE_PROBABILITY:g})")


@pytest.mark.points(4)
def test_sample_negatives_shape_and_dtype(student):
    for k in (1, 7):
        draws_of(student, k, seed=k)
    assert_not_constant(*draws_of(student, 1000, seed=11))


def assert_not_constant(draws, what):
    """No credit for a sampler that always returns one index (e.g. zeros of the right shape)."""
    assert len(np.unique(draws)) > 1, f"{what}: every draw is the same index; draws must follow probs"


@pytest.mark.points(6)
def test_sample_negatives_exclude(student):
    for seed in (1, 2):
        draws, what = draws_of(student, 5000, seed=seed, exclude=EXCLUDED)
        assert_not_constant(draws, what)
        assert not np.any(draws == EXCLUDED), f"{what}: the excluded index was drawn {int(np.sum(draws == EXCLUDED))} times"


@pytest.mark.points(8)
def test_sample_negatives_distribution(student):
    """sample_negatives follows probs, and probs conditioned on != exclude (chi-square tests)"""
    draws, what = draws_of(student, SAMPLED_DRAWS, seed=3)
    check_distribution(draws, PROBS, what)
    draws, what = draws_of(student, SAMPLED_DRAWS, seed=4, exclude=EXCLUDED)
    conditioned = np.where(np.arange(len(PROBS)) == EXCLUDED, 0.0, PROBS)
    check_distribution(draws, conditioned / conditioned.sum(), what)

"""Hidden suite of the toy assignment the engine's tests grade (a stand-in for a real suite)."""
import numpy as np
import pytest

from autograder.api import RNG
from autograder.checks import assert_close


@pytest.mark.points(2)
@pytest.mark.parametrize("rows, cols", [(3, 5), (1, 2)])
def test_softmax_matches_reference(student, reference, rows, cols):
    """softmax matches the reference"""
    x = np.random.default_rng(rows).normal(size=(rows, cols))
    assert_close(student.softmax(x), reference.softmax(x), what=f"softmax on a {rows}x{cols} batch")


@pytest.mark.points(1)
@pytest.mark.visibility("hidden")
def test_softmax_is_stable(student):
    """softmax of large inputs"""
    result = student.softmax(np.array([[1000.0, 1000.0]]))
    assert_close(result, [[0.5, 0.5]], what="softmax of [[1000, 1000]]")


@pytest.mark.points(2)
def test_counter_counts(student, reference):
    """Counter counts tokens"""
    counter, expected = student.Counter(), reference.Counter()
    for token in "abcab":
        counter.add(token)
        expected.add(token)
    assert isinstance(counter.counts, dict), "Counter.counts should be a dict"
    assert counter.counts == expected.counts, "Counter.counts after adding 5 tokens is wrong"
    assert_close(counter.total(), expected.total(), what="Counter.total() after 5 tokens")


@pytest.mark.points(1)
@pytest.mark.worker_timeout(10)
def test_sample_mean(student):
    """sample_mean of 10000 uniform draws"""
    assert_close(student.sample_mean(RNG(0), 10_000), 0.5, atol=0.02, what="sample_mean(rng, 10000)")


@pytest.mark.points(1)
@pytest.mark.slow
def test_sample_mean_is_deterministic(student):
    """sample_mean depends only on the generator it is given"""
    first, second = (student.sample_mean(RNG(7), 100) for _ in range(2))
    assert_close(first, second, what="sample_mean twice with RNG(7)")
    assert_close(first, 0.5, atol=0.15, what="sample_mean(rng, 100)")

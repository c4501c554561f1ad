"""clip_grad_norm: one global L2 norm over every array, rescaling only when it reaches max_norm.

Tolerance: 1e-12 + 1e-9 |expected| elementwise (float64 arithmetic, rounding only).
"""
import numpy as np
import pytest

from autograder.checks import assert_close

pytestmark = pytest.mark.part("clip_grad_norm")

TOLERANCE = {"atol": 1e-12, "rtol": 1e-9}


def gradients(seed: int) -> dict:
    """Arrays of different shapes and scales, so that per-array clipping gives a different answer."""
    rng = np.random.default_rng(seed)
    return {"W": rng.normal(size=(4, 3)) * 3.0, "b": rng.normal(size=3) * 0.1, "U": rng.normal(size=(2, 5))}


def global_norm(grads: dict) -> float:
    return float(np.sqrt(sum(np.sum(np.square(g)) for g in grads.values())))


def clip(student, grads, max_norm, what):
    answer = student.clip_grad_norm(grads, max_norm)
    if not (isinstance(answer, tuple | list) and len(answer) == 2 and isinstance(answer[0], dict)):
        raise AssertionError(f"clip_grad_norm ({what}) must return (clipped_grads dict, total_norm)")
    clipped, norm = answer
    if set(clipped) != set(grads):
        raise AssertionError(f"clip_grad_norm ({what}) returned the keys {sorted(clipped)}, not {sorted(grads)}")
    return clipped, norm


def assert_same_arrays(clipped, expected, what):
    for name in expected:
        assert_close(clipped[name], expected[name], what=f"clip_grad_norm {what}, array {name!r}", **TOLERANCE)


@pytest.mark.points(3)
def test_below_threshold_leaves_gradients_unchanged(student):
    """Norm below max_norm: every array comes back unchanged"""
    grads = gradients(0)
    clipped, _ = clip(student, grads, global_norm(grads) * 1.5, "below the threshold")
    assert_same_arrays(clipped, grads, "with the norm below max_norm")


@pytest.mark.points(3)
def test_at_threshold_keeps_the_norm(student):
    """Norm equal to max_norm: the scale max_norm / norm is 1, the arrays come back unchanged"""
    grads = gradients(1)
    clipped, _ = clip(student, grads, global_norm(grads), "at the threshold")
    assert_same_arrays(clipped, grads, "with the norm equal to max_norm")


@pytest.mark.points(6)
def test_above_threshold_rescales_all_arrays_together(student):
    """Norm above max_norm: every array scaled by the same factor max_norm / global norm"""
    for seed, fraction in ((2, 0.5), (3, 0.01)):
        grads = gradients(seed)
        max_norm = global_norm(grads) * fraction
        clipped, _ = clip(student, grads, max_norm, "above the threshold")
        expected = {name: g * (max_norm / global_norm(grads)) for name, g in grads.items()}
        assert_same_arrays(clipped, expected, f"with max_norm = {fraction} x the global norm")


@pytest.mark.points(4)
def test_returns_norm_before_clipping(student):
    """The returned total_norm is the global L2 norm before clipping, clipped or not"""
    for seed, fraction in ((4, 2.0), (5, 0.25)):
        grads = gradients(seed)
        _, norm = clip(student, grads, global_norm(grads) * fraction, "returned norm")
        assert_close(norm, global_norm(grads), what=f"total_norm with max_norm = {fraction} x the norm", **TOLERANCE)


def require_rescaled_copies(answer, grads, what):
    """Credit for leaving the input alone only goes with real work: every returned array must be a positive
    multiple of its input array (zeros of the right shape, or nothing at all, are not)."""
    if not (isinstance(answer, tuple | list) and len(answer) == 2 and isinstance(answer[0], dict)
            and set(answer[0]) == set(grads)):
        raise AssertionError(f"clip_grad_norm ({what}) must return (clipped_grads dict with the input's keys, total_norm)")
    for name, g in grads.items():
        try:
            returned = np.asarray(answer[0][name], dtype=np.float64)
        except (TypeError, ValueError):
            returned = None
        if not (returned is not None and returned.shape == g.shape and np.all(np.isfinite(returned))):
            raise AssertionError(f"clip_grad_norm ({what}): array {name!r} must come back as finite numbers of shape {g.shape}")
        scale = float(np.sum(returned * g) / np.sum(g * g))
        if not (scale > 0 and np.allclose(returned, scale * g, rtol=1e-9, atol=1e-12)):
            raise AssertionError(f"clip_grad_norm ({what}): array {name!r} is not the input array rescaled by a positive factor")


@pytest.mark.points(4)
def test_input_is_not_modified(student):
    """clip_grad_norm returns a new dict of rescaled arrays and leaves the caller's gradients as they were"""
    grads = gradients(6)
    kept = student.keep(grads)  # the same dict, living beside the student's code
    answer = student.clip_grad_norm(kept, global_norm(grads) * 0.1)
    require_rescaled_copies(answer, grads, "clipping a dict it must leave alone")
    after = kept.copy()
    if not isinstance(after, dict) or set(after) != set(grads):
        raise AssertionError("clip_grad_norm changed the keys of the dict it was given")
    assert_same_arrays(after, grads, "left the caller's arrays as they were")

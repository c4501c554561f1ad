"""Assertions whose failure message is feedback: what was checked and how it failed, never the
expected values themselves."""
import numpy as np


def assert_close(actual, expected, *, what: str, atol: float = 1e-8, rtol: float = 0.0) -> None:
    """Assert that `actual` matches `expected` elementwise within `atol + rtol * |expected|`.

    `what` names the check for the student, e.g. "softmax on a 3x5 batch". The message reports
    the shape or the largest error and the tolerance, not the hidden values.
    """
    expected = np.asarray(expected)
    try:
        actual = np.asarray(actual, dtype=expected.dtype if expected.dtype.kind in "fc" else None)
    except (TypeError, ValueError) as error:
        raise AssertionError(f"{what}: the result is not numeric ({error})") from None
    if actual.dtype.kind not in "biufc":
        raise AssertionError(f"{what}: expected numbers, got values of type {actual.dtype}")
    if actual.shape != expected.shape:
        raise AssertionError(f"{what}: expected shape {expected.shape}, got {actual.shape}")
    if not np.all(np.isfinite(actual)):
        raise AssertionError(f"{what}: the result contains NaN or infinity")
    error = np.abs(actual.astype(np.complex128) - expected)
    tolerance = atol + rtol * np.abs(expected)
    if not np.all(error <= tolerance):
        worst = float(np.max(error))
        stated = f"{atol:g}" if rtol == 0 else f"{atol:g} + {rtol:g}*|expected|"
        raise AssertionError(f"{what}: max abs error {worst:.3g}, tolerance {stated}")


def unpack_loss_and_gradients(result, *, what: str, parts: tuple[str, ...]) -> tuple:
    """`result` as (float loss, *gradients), or an AssertionError saying what came back instead.

    `parts` names the tuple's items after the loss, e.g. ("grad_center_vec", "grad_outside_vectors")."""
    wanted = f"a tuple (loss, {', '.join(parts)})"
    if not isinstance(result, (tuple, list)):
        raise AssertionError(f"{what}: expected {wanted}, got {type(result).__name__}")
    if len(result) != 1 + len(parts):
        raise AssertionError(f"{what}: expected {wanted}, got a {type(result).__name__} of length {len(result)}")
    loss = result[0]
    if isinstance(loss, np.ndarray) and loss.size == 1:
        loss = loss.item()
    if not isinstance(loss, (int, float)) or isinstance(loss, bool):
        raise AssertionError(f"{what}: the loss must be a float, got {type(result[0]).__name__}")
    return (float(loss), *result[1:])

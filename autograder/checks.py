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


class SecretPairLoss:
    """A word2vec pair loss `(center_vec, outside_idx, outside_vectors) -> (loss, grad_center_vec,
    grad_outside_vectors)` whose values no student code can imitate: they come from `seed`, which
    only the hidden suite knows, and depend on every argument. Handed to a student's skipgram as a
    grader-side function (autograder.api.GraderFunction), it shows whether skipgram sums the pair
    function it is given, and passes it the window's centre vector, each outside index and U."""

    def __init__(self, vocab_size: int, dim: int, seed: int):
        rng = np.random.default_rng(seed)
        self.weights, self.offsets = rng.normal(size=dim), rng.normal(size=vocab_size)
        self.center_grads = rng.normal(size=(vocab_size, dim))
        self.outside_grads = rng.normal(size=(vocab_size, vocab_size, dim))

    def __call__(self, center_vec, outside_idx, outside_vectors):
        loss = float(np.tanh(self.weights @ center_vec) + self.offsets[outside_idx])
        grad_center_vec = self.center_grads[outside_idx] * (1.0 + center_vec ** 2)
        grad_outside_vectors = self.outside_grads[outside_idx] * outside_vectors
        return loss, grad_center_vec, grad_outside_vectors


def checked_pair_loss(pair_loss, vocab_size: int, dim: int, *, name: str = "loss_and_gradient"):
    """`pair_loss` behind checks of the arguments a student's skipgram passes it: a centre vector of
    shape (dim,), an outside index in range(vocab_size), outside vectors of shape (vocab_size, dim).
    A wrong argument is an AssertionError: the student's fault (see api.GraderFunction)."""
    def loss_and_gradient(center_vec, outside_idx, outside_vectors):
        what = f"skipgram's call of {name}(center_vec, outside_idx, outside_vectors)"
        center_vec = as_float_array(center_vec, (dim,), f"{what}: center_vec")
        outside_vectors = as_float_array(outside_vectors, (vocab_size, dim), f"{what}: outside_vectors")
        if isinstance(outside_idx, bool) or not isinstance(outside_idx, (int, np.integer)) \
                or not 0 <= outside_idx < vocab_size:
            raise AssertionError(f"{what}: outside_idx must be an int in range(len(outside_vectors))")
        return pair_loss(center_vec, int(outside_idx), outside_vectors)
    return loss_and_gradient


def as_float_array(value, shape, what: str) -> np.ndarray:
    """`value` as a float64 array of `shape`, or an AssertionError saying what came back instead."""
    try:
        array = np.asarray(value, dtype=np.float64)
    except (TypeError, ValueError):
        raise AssertionError(f"{what}: expected an array of numbers") from None
    if array.shape != tuple(shape):
        raise AssertionError(f"{what}: expected shape {tuple(shape)}, got {array.shape}")
    return array


def window_sum(pair_loss, center_idx, outside_idxs, center_vectors, outside_vectors) -> tuple:
    """(loss, grad_center_vectors, grad_outside_vectors) of a skip-gram window as the sum of
    `pair_loss` over its outside words, computed in the grader: the expected value of a skipgram
    handed `pair_loss`."""
    center_vec = np.asarray(center_vectors, dtype=np.float64)[center_idx]
    pairs = [pair_loss(center_vec, outside_idx, outside_vectors) for outside_idx in outside_idxs]
    grad_center_vectors = np.zeros(np.shape(center_vectors))
    grad_center_vectors[center_idx] = sum(pair[1] for pair in pairs)
    return sum(pair[0] for pair in pairs), grad_center_vectors, sum(pair[2] for pair in pairs)

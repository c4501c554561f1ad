"""``gradcheck``: compare a hand-written gradient with central finite differences (ch2, a1, a2, a4)."""
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

PROGRESS_FROM = 2000  # entries; fewer are checked in well under a second and need no progress bar


@dataclass(frozen=True)
class GradcheckResult:
    """The outcome of ``gradcheck``. ``ok`` is False when any checked entry is off by more than
    ``atol + rtol * max(|analytic|, |numeric|)``; the worst entry is reported either way."""
    ok: bool
    max_rel_error: float
    worst_index: tuple[int, ...]
    analytic: float
    numeric: float
    checked: int

    def __str__(self) -> str:
        verdict = "passed" if self.ok else "FAILED"
        return (f"gradcheck {verdict}: worst relative error {self.max_rel_error:.2e} at index {self.worst_index} "
                f"(analytic {self.analytic:.6g}, numeric {self.numeric:.6g}); {self.checked} entries checked")

    def assert_ok(self) -> None:
        """Raise AssertionError with the summary when the check failed (for notebooks and tests)."""
        assert self.ok, str(self)


def gradcheck(f: Callable, x, *, eps: float = 1e-6, rtol: float = 1e-5, atol: float = 1e-7,
              max_checks: int | None = None, seed: int = 0) -> GradcheckResult:
    """Check the gradient that ``f`` returns against central differences of its loss.

    ``f(x)`` must return ``(loss, grad)``: a scalar and an array shaped like ``x``. ``x`` is a
    float64 numpy array or torch tensor (float32 round-off swamps finite differences: convert
    with ``x.astype(np.float64)`` or ``x.double()``); ``f`` receives perturbed copies of the same
    type and ``x`` itself is never changed. Each entry i costs two calls:
    ``(f(x + eps e_i) - f(x - eps e_i)) / (2 eps)``. ``max_checks`` checks that many entries
    drawn at random (with ``seed``) instead of all, for large parameters.
    For a function of several parameters, check one at a time:
    ``gradcheck(lambda W: (loss(W, b), grad_W(W, b)), W)``.

    Used by ch2 (backpropagation by hand) and in a1, a2 and a4 on the students' own gradients.
    """
    values = _as_float64_array(x)
    _, analytic = _evaluate(f, x, values)
    if analytic.shape != values.shape:
        raise ValueError(f"f(x) returned a gradient of shape {analytic.shape}; x has shape {values.shape}")
    indices = _indices_to_check(values.size, max_checks, seed)
    from tqdm.auto import tqdm  # here: its import costs ~0.08 s in every process importing nlpcourse
    numeric = np.array([_central_difference(f, x, values, index, eps)
                        for index in tqdm(indices, desc="gradcheck", disable=len(indices) < PROGRESS_FROM)])
    checked_analytic = analytic.reshape(-1)[indices]
    difference = np.abs(checked_analytic - numeric)
    scale = np.maximum(np.abs(checked_analytic), np.abs(numeric))
    relative = difference / np.maximum(scale, atol)
    worst = int(np.argmax(relative))
    return GradcheckResult(
        ok=bool(np.all(difference <= atol + rtol * scale)),
        max_rel_error=float(relative[worst]),
        worst_index=tuple(int(i) for i in np.unravel_index(indices[worst], values.shape)),
        analytic=float(checked_analytic[worst]),
        numeric=float(numeric[worst]),
        checked=len(indices),
    )


def _central_difference(f, x, values, flat_index, eps) -> float:
    def loss_at(shift):
        moved = values.copy()
        moved.reshape(-1)[flat_index] += shift
        return _evaluate(f, x, moved)[0]
    return (loss_at(eps) - loss_at(-eps)) / (2 * eps)


def _evaluate(f, like, values) -> tuple[float, np.ndarray]:
    """Call f on ``values`` given in the type of ``like`` (numpy array or torch tensor)."""
    argument = values.copy() if isinstance(like, np.ndarray) else _torch_like(like, values)
    output = f(argument)
    if not (isinstance(output, tuple) and len(output) == 2):
        raise TypeError(f"f(x) must return (loss, grad), got {type(output).__name__}")
    loss, grad = output
    loss_array = _to_numpy(loss)
    if loss_array.size != 1:
        raise ValueError(f"f(x) must return a scalar loss, got shape {loss_array.shape}; sum or average it")
    return float(loss_array.reshape(())), _to_numpy(grad).astype(np.float64)


def _as_float64_array(x) -> np.ndarray:
    values = _to_numpy(x)
    if values.dtype != np.float64:
        raise TypeError(f"gradcheck needs float64 input, got {values.dtype}: "
                        "pass x.astype(np.float64) (numpy) or x.double() (torch)")
    return values.copy()


def _to_numpy(value) -> np.ndarray:
    if hasattr(value, "detach"):  # a torch tensor; torch stays an optional import here
        value = value.detach().cpu().numpy()
    return np.asarray(value)


def _torch_like(like, values):
    import torch
    return torch.tensor(values, dtype=like.dtype, device=like.device)


def _indices_to_check(size: int, max_checks: int | None, seed: int) -> np.ndarray:
    if max_checks is None or max_checks >= size:
        return np.arange(size)
    if max_checks < 1:
        raise ValueError(f"max_checks must be positive or None, got {max_checks}")
    return np.sort(np.random.default_rng(seed).choice(size, size=max_checks, replace=False))

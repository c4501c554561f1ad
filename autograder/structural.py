"""Diagnosis without a variant: results that are the reference's with the sign flipped, transposed,
or scaled by a size of the input, on every call of a function in the failed test."""
import numpy as np

from autograder import protocol
from autograder.compare import RTOL, close, numeric


def _leaves(value, path=()):
    """(path, numeric array) of every numeric leaf of a plain value."""
    if isinstance(value, dict):
        for key in value:
            yield from _leaves(value[key], path + (("key", key),))
    elif isinstance(value, (list, tuple)) and not numeric(value):
        for i, item in enumerate(value):
            yield from _leaves(item, path + (("item", i, len(value)),))
    elif numeric(value):
        yield path, np.asarray(value, dtype=np.float64)


def _where(label, path) -> str:
    """The part of the result, as code: `naive_softmax_loss_and_gradient(...)[1]`, `f(...)[1]['W_h']`."""
    parts = "".join(f"[{step[1]!r}]" for step in path)
    return f"`{label}(...){parts}`"


def _sizes(event, parameters):
    """{description: size} of every length in the call's arguments."""
    found = {}
    try:
        args = protocol.decode(event.fields.get("args", []), lambda k, t: None, lambda k, p: None)
    except protocol.ProtocolError:
        return found
    for i, arg in enumerate(args or []):
        name = f"`{parameters[i]}`" if parameters and i < len(parameters) else f"argument {i + 1}"
        try:
            shape = np.shape(arg)
        except Exception:
            continue
        for axis, size in enumerate(shape):
            if size > 1:
                found[f"len({name[1:-1]})" if axis == 0 and name.startswith("`") else
                      f"the size of axis {axis} of {name}"] = size
    return found


def structural(label, events, reference, parameters) -> list[str]:
    """Lines for results that are the reference's with the sign flipped, transposed, or scaled by a
    size of the input, on every call of `label` in the test."""
    if any(e.stochastic or e.outcome[0] != "value" or reference[e.index][0] != "value" for e in events):
        return []
    students = [dict(_leaves(e.outcome[1])) for e in events]
    expected = [dict(_leaves(reference[e.index][1])) for e in events]
    if any(set(s) != set(r) for s, r in zip(students, expected)):
        paths = set()
    else:
        paths = set(expected[0]) if expected else set()
    found = []
    for path in sorted(paths, key=str):
        pairs = [(s[path], r[path]) for s, r in zip(students, expected)]
        if all(a.shape == b.shape and np.all(close(a, b, RTOL)) for a, b in pairs):
            continue
        what = kind(pairs, [_sizes(e, parameters) for e in events])
        if what:
            found.append(f"{_where(label, path)} {what}")
    return [f"Diagnosis: on every call this test made, {line}." for line in found]


def kind(pairs, sizes) -> str | None:
    finite = all(np.all(np.isfinite(a)) and np.all(np.isfinite(b)) for a, b in pairs)
    if not finite:
        return None
    if all(a.shape == b.shape and np.all(close(a, -b, RTOL)) for a, b in pairs):
        return "is the expected value with its sign flipped"
    if all(b.ndim == 2 and a.shape == b.T.shape and np.all(close(a, b.T, RTOL)) for a, b in pairs):
        return "is the transpose of the expected value"
    if not all(a.shape == b.shape and np.any(b != 0) for a, b in pairs):
        return None
    factors = [float(np.sum(a * b) / np.sum(b * b)) for a, b in pairs]
    if not all(np.all(close(a, c * b, RTOL)) for (a, b), c in zip(pairs, factors)):
        return None
    names = sorted(set.intersection(*(set(s) for s in sizes)) if sizes else (), key=lambda n: (not n.startswith("len"), n))
    times = [n for n in names if all(abs(c - s[n]) <= RTOL * s[n] for c, s in zip(factors, sizes))]
    if times:
        return f"is the expected value multiplied by {' or '.join(times)} (a sum where a mean belongs, or a factor too many?)"
    over = [n for n in names if all(abs(c * s[n] - 1) <= RTOL for c, s in zip(factors, sizes))]
    if over:
        return f"is the expected value divided by {' or '.join(over)} (a mean where a sum belongs?)"
    if len(pairs) >= 2 and all(abs(c - factors[0]) <= RTOL * abs(factors[0]) for c in factors):
        return f"is {factors[0]:.6g} times the expected value"
    return None

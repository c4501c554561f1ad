"""The one conversion between a student's values and plain data, used on both sides of the boundary.

`to_plain` turns what student code returns into what the protocol may carry (torch tensors of any
dtype or device become numpy arrays, `torch.Size` a tuple, devices and dtypes their names, also
inside lists, tuples, dicts and sets); `rebuild_marker` turns the grader's RNG/Tensor markers into a
numpy Generator or a torch tensor on the receiving module's device; `accepts_keyword` answers the
one question the grader may ask about a student's function. The sandboxed worker imports
this file as a top-level module (it is copied next to worker.py); the in-process runner and the
project's tests import it as `autograder.plain`. Imports numpy only: torch is used when the
student's code has already imported it.
"""
import inspect
import sys

import numpy as np

if __package__:  # the grader's copy: autograder.plain
    from .protocol import only_scalars
else:  # the sandbox's copy, a top-level module beside protocol.py
    from protocol import only_scalars


def map_leaves(value, leaf):
    """`value` with `leaf(x)` in place of every x that is not a list, tuple, set or dict (those are
    rebuilt, of the same type) nor a scalar (None, bool, int, float, str: kept as they are, no
    conversion changes them): the walk behind every conversion of student values."""
    if type(value) in (list, tuple, set, frozenset):
        if only_scalars(value):
            return type(value)(value)
        return type(value)(map_leaves(item, leaf) for item in value)
    if type(value) is dict:
        return {key: map_leaves(item, leaf) for key, item in value.items()}
    return leaf(value)


def to_plain(value):
    """A student's value with every torch object replaced by its plain counterpart."""
    return map_leaves(value, _plain_leaf)


def _plain_leaf(value):
    torch = sys.modules.get("torch")
    if torch is not None:
        if isinstance(value, torch.Tensor):
            tensor = value.detach().cpu()
            if tensor.dtype == torch.bfloat16:  # numpy has no bfloat16
                tensor = tensor.float()
            return tensor.resolve_conj().resolve_neg().numpy()
        if isinstance(value, torch.Size):
            return tuple(value)
        if isinstance(value, (torch.device, torch.dtype)):
            return str(value)
    return value


def rebuild_marker(kind: str, payload, target=None):
    """What an `rng` or `tensor` marker stands for, on the side that runs the student's code.
    A tensor goes to the device of the torch module whose method receives it (`target`)."""
    if kind == "rng":
        return np.random.default_rng(payload)
    import torch
    return torch.tensor(payload, device=receiving_device(target))


def receiving_device(target):
    """The device of the torch module whose method is called, else the CPU."""
    owner = getattr(target, "__self__", target)
    parameters = getattr(owner, "parameters", None)
    try:
        return next(iter(parameters())).device if callable(parameters) else "cpu"
    except (StopIteration, TypeError):
        return "cpu"


def accepts_keyword(function, name: str) -> bool:
    """Whether `function` takes a keyword argument `name` (by name, or through **kwargs): how a
    suite learns that a student's function wants an optional argument (e.g. `time_budget`)."""
    try:
        parameters = inspect.signature(function).parameters.values()
    except (TypeError, ValueError):  # not callable, or a builtin without a signature
        return False
    return any(p.name == name and p.kind in (p.POSITIONAL_OR_KEYWORD, p.KEYWORD_ONLY)
               or p.kind == p.VAR_KEYWORD for p in parameters)

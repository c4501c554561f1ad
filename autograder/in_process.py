"""Calling a submission's module in the current process, the way the sandboxed proxy calls it:
RNG/Tensor markers become a numpy Generator / torch tensor, torch tensors come back as numpy.

No isolation at all: used by the students' own `pytest assignments/<a>` (their code, their
machine), by the overhead benchmark as the unsandboxed peer, and to load our own reference
solutions in the trusted grader. Never for a submission being graded.
"""
import copy
import linecache
import sys
import types
from pathlib import Path

import numpy as np

from autograder.api import RNG, Tensor
from autograder.grading import SOLUTIONS_DIR
from autograder.submission import extract_code

PLAIN = (bool, int, float, complex, str, np.ndarray, np.generic, list, tuple, dict, set, frozenset)


class Local:
    """An object of the submission, reached the way tests reach `student`."""

    def __init__(self, target):
        self._target = target

    def __getattr__(self, name):
        return _outgoing(getattr(self._target, name))

    def __call__(self, *args, **kwargs):
        args = [_incoming(value) for value in args]
        kwargs = {key: _incoming(value) for key, value in kwargs.items()}
        return _outgoing(self._target(*args, **kwargs))

    def __getitem__(self, key):
        return _outgoing(self._target[key])

    def __len__(self):
        return len(self._target)

    def __iter__(self):
        return (_outgoing(item) for item in self._target)

    def with_timeout(self, seconds):
        return self

    def keep(self, value):
        return Local(copy.deepcopy(value))


def _incoming(value):
    if isinstance(value, RNG):
        return np.random.default_rng(value.seed)
    if isinstance(value, Tensor):
        import torch
        return torch.tensor(value.array)
    if isinstance(value, Local):
        return value._target
    if type(value) in (list, tuple):
        return type(value)(_incoming(item) for item in value)
    if type(value) is dict:
        return {key: _incoming(item) for key, item in value.items()}
    return value


def _outgoing(value):
    torch = sys.modules.get("torch")
    if torch is not None and isinstance(value, torch.Tensor):
        return value.detach().cpu().numpy()
    if type(value) in (list, tuple):
        return type(value)(_outgoing(item) for item in value)
    if type(value) is dict:
        return {key: _outgoing(item) for key, item in value.items()}
    return value if value is None or isinstance(value, PLAIN) else Local(value)


def load_module(path, name: str) -> types.ModuleType:
    """Extract the graded code of `path` (as grading does) and run it here, as module `name`."""
    code = extract_code(path)
    # Tracebacks should show the extracted code, not the lines of the notebook's JSON.
    filename = f"<graded cells of {Path(path).name}>"
    linecache.cache[filename] = (len(code), None, code.splitlines(True), filename)
    module = types.ModuleType(name)
    module.__file__ = str(path)
    exec(compile(code, filename, "exec"), module.__dict__)
    return module


def load_reference(assignment: str) -> types.ModuleType:
    """The reference solution of `assignment`: the graded code of its solution notebook (ours, trusted)."""
    return load_module(SOLUTIONS_DIR / assignment / f"{assignment}.ipynb", f"{assignment}_reference")


def load(path, name: str = "submission") -> Local:
    """The submission at `path`, run here and reached the way tests reach `student`."""
    return Local(load_module(path, name))

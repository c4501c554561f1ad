"""Names that hidden tests import: the error student code raises and the markers for non-plain inputs.

`RNG(seed)` and `Tensor(array)` travel to the worker as plain data and are rebuilt there as a
`numpy.random.Generator` and a `torch.Tensor`, so tests never have to send objects across the
sandbox boundary; `GraderFunction(f)` travels as a number, and the student's code calls `f` back
in the grader.
"""
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np


class StudentError(Exception):
    """The student's code failed: it raised, hung, crashed or returned something that is not plain data.

    The message is written for feedback: it says what went wrong without test internals.
    """


@dataclass(frozen=True)
class RNG:
    """Becomes `numpy.random.default_rng(seed)` in the worker."""

    seed: int

    def __post_init__(self):
        if not isinstance(self.seed, int) or isinstance(self.seed, bool) or self.seed < 0:
            raise TypeError(f"RNG(seed) needs a non-negative int seed, got {self.seed!r}")


@dataclass(frozen=True, eq=False)
class Tensor:
    """Becomes `torch.tensor(array)` in the worker, on the device of the module that receives it."""

    array: np.ndarray

    def __post_init__(self):
        object.__setattr__(self, "array", np.asarray(self.array))


@dataclass(frozen=True, eq=False)
class GraderFunction:
    """`function`, handed to the student's code as a callable that runs here, in the grader.

    The student's code receives a stub; each call sends its plain-data arguments back over the
    channel, the grader runs `function` on them and returns its plain-data result. Nothing of
    `function` (code, closure, reference objects) enters the sandbox. At most `max_calls` calls per
    request; the student's call keeps its usual time limit (time spent here is not counted).
    Arguments that do not fit `function`'s signature are the student's fault, and so is an
    AssertionError or StudentError that `function` raises (check arguments that way); any other
    exception from `function` is the grader's: the test ends in error."""

    function: Callable
    max_calls: int = 10_000
    name: str = ""

    def __post_init__(self):
        if not callable(self.function):
            raise TypeError("GraderFunction needs a callable")
        if not self.name:
            object.__setattr__(self, "name", getattr(self.function, "__name__", "grader function"))

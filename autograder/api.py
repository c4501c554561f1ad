"""Names that hidden tests import: the error student code raises and the markers for non-plain inputs.

`RNG(seed)` and `Tensor(array)` travel to the worker as plain data and are rebuilt there as a
`numpy.random.Generator` and a `torch.Tensor`, so tests never have to send objects across the
sandbox boundary.
"""
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

"""All-zeros submissions: every graded function of an assignment returns zeros of the right shape.

Built from the reference (so shapes and types are right) by wrapping each graded function and
class so that whatever it returns is zeroed: arrays and tensors become zeros, numbers 0, strings
"", and objects (a language model) are wrapped the same way. Training functions are replaced
outright (zero vectors, an untrained model that predicts nothing), so no test trains a real model
just to throw it away. A submission like this must score 0 on every assignment: no test may give
credit for nothing.
"""
from autograder.submission import extract_code
from tests.assignments.conftest import solution_of

ZEROING = '''
# ---- every graded name below returns zeros of the right shape ----
import numpy as _np


def _zeros(value):
    if isinstance(value, bool):
        return False
    if isinstance(value, (int, float, complex, _np.generic)):
        return type(value)(0)
    if isinstance(value, str):
        return ""
    if isinstance(value, _np.ndarray):
        return _np.zeros_like(value)
    if type(value).__module__.startswith("torch") and hasattr(value, "zero_"):
        return value.detach().clone().zero_()
    if isinstance(value, (list, tuple, set, frozenset)):
        return type(value)(_zeros(item) for item in value)
    if isinstance(value, dict):
        return {key: _zeros(item) for key, item in value.items()}
    if value is None or isinstance(value, type):
        return value
    return _Zeroed(value)


def _zeroing(function):
    def zeroed(*args, **kwargs):
        return _zeros(function(*args, **kwargs))
    zeroed.__name__ = function.__name__
    return zeroed


class _Zeroed:
    """An object whose every attribute and method result is zeroed."""

    def __init__(self, target):
        object.__setattr__(self, "_target", target)

    def __getattr__(self, name):
        value = getattr(object.__getattribute__(self, "_target"), name)
        return _zeroing(value) if callable(value) else _zeros(value)

    def __call__(self, *args, **kwargs):
        return _zeros(object.__getattribute__(self, "_target")(*args, **kwargs))


for _name, _value in list(globals().items()):
    if _name.startswith("_") or _name in _KEEP or getattr(_value, "__module__", None) != __name__:
        continue
    if isinstance(_value, type):
        globals()[_name] = _zeroing(_value)
    elif callable(_value):
        globals()[_name] = _zeroing(_value)
'''

# Training functions, replaced without training: what an all-zeros student would hand in.
TRAINING = {
    "a2_sgns": '''
def train_sgns(sentences, *, dim=50, **options):
    return [], _np.zeros((0, dim))
''',
    "a4_rnn": '''
import torch as _torch


class _SilentLM(_torch.nn.Module):
    """Scores every word 0 at every position: predicts nothing."""

    def __init__(self, vocab_size):
        super().__init__()
        self.vocab_size = vocab_size
        self.unused = _torch.nn.Parameter(_torch.zeros(1))

    def forward(self, inputs, h=None):
        rows, steps = inputs.shape
        return _torch.zeros(rows, steps, self.vocab_size), _torch.zeros(1, rows, 1)


def train_rnnlm(train_ids, valid_ids, vocab_size, *, device="cpu", seed=0, **options):
    return _SilentLM(vocab_size).to(device)
''',
}


def zeros_code(assignment: str) -> str:
    """Source of the all-zeros submission of `assignment`."""
    keep = "\n_KEEP = set()\n" if assignment not in TRAINING else \
        f"\n_KEEP = {{{', '.join(repr(name) for name in _defined(TRAINING[assignment]))}}}\n"
    return (extract_code(solution_of(assignment)) + TRAINING.get(assignment, "") + keep + ZEROING)


def _defined(code: str) -> list[str]:
    import ast
    return [node.name for node in ast.parse(code).body
            if isinstance(node, (ast.FunctionDef, ast.ClassDef)) and not node.name.startswith("_")]

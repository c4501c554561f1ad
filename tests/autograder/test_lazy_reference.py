"""LazyModule (the `reference` fixture, diagnosis's worlds): a definition runs when first used, with what it uses."""
import pytest

from autograder.in_process import load_module
from autograder.replay import load_world

CODE = '''
import json
import no_such_module_anywhere

SCALE = 2


def double(x):
    return helper(x) * SCALE


def needs_the_missing_module():
    return no_such_module_anywhere.value


def helper(x):  # defined after its caller, as notebooks do
    return json.loads(json.dumps(x))
'''


def write(tmp_path, code):
    path = tmp_path / "reference.py"
    path.write_text(code)
    return path


def test_only_what_a_name_needs_runs(tmp_path):
    module = load_module(write(tmp_path, CODE), "reference", lazy=True)
    assert module.double(3) == 6
    assert "no_such_module_anywhere" not in module.__dict__
    with pytest.raises(ModuleNotFoundError):
        module.needs_the_missing_module  # noqa: B018 - reading it runs its import
    with pytest.raises(AttributeError):
        module.not_defined  # noqa: B018


def test_code_that_does_more_than_define_runs_whole(tmp_path):
    code = "calls = []\ncalls.append(1)\n\ndef f():\n    return len(calls)\n"
    module = load_module(write(tmp_path, code), "reference", lazy=True)
    assert module.f() == 1 and module.__file__ == str(tmp_path / "reference.py")


def test_diagnosis_worlds_are_lazy_and_fresh(tmp_path):
    """A replay runs the definitions its calls read (a4's numpy functions without the notebook's torch),
    and each world starts from the code, not from what an earlier world ran."""
    variant = write(tmp_path, "def helper(x):\n    return -x\n")
    first = load_world(CODE, None)
    assert first.double(3) == 6 and "no_such_module_anywhere" not in first.__dict__
    first.SCALE = 100
    assert load_world(CODE, None).double(3) == 6
    assert load_world(CODE, variant).double(3) == -6

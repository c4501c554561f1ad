"""Extracting the graded code: only definitions from graded cells run; bad input says why."""
import json

import pytest

from autograder.submission import SubmissionError, extract_code, find_submission
from tests.autograder.conftest import TOY_SOLUTION


def notebook(*cells) -> str:
    return json.dumps({"cells": list(cells), "metadata": {}, "nbformat": 4, "nbformat_minor": 5})


def cell(source, *, solution=False, tags=()):
    metadata = {"tags": list(tags)}
    if solution:
        metadata["nbgrader"] = {"solution": True, "grade_id": "x"}
    return {"cell_type": "code", "source": source, "metadata": metadata, "outputs": []}


def extract(tmp_path, text, name="sub.ipynb"):
    path = tmp_path / name
    path.write_text(text)
    return extract_code(path)


def test_toy_solution_keeps_definitions_only():
    code = extract_code(TOY_SOLUTION)
    assert "def softmax" in code and "class Counter" in code and "SMOOTHING = 0.0" in code
    assert "import numpy as np" in code
    for never in ("exploration", "%matplotlib", "os.system", "counter.add", "print("):
        assert never not in code


def test_magics_and_shell_escapes_are_stripped(tmp_path):
    code = extract(tmp_path, notebook(cell("%load_ext autoreload\n!pip install x\nimport math",
                                           tags=["imports"]),
                                      cell(["def f():\n", "    return math.pi\n"], solution=True)))
    assert "pip" not in code and "%" not in code
    namespace = {}
    exec(code, namespace)
    assert namespace["f"]() > 3


def test_decorators_and_constants_are_kept(tmp_path):
    code = extract(tmp_path, notebook(cell("import functools\nLIMIT = (1, 2)\nmodel = make()\n"
                                           "@functools.lru_cache\ndef g(x):\n    return x",
                                           solution=True)))
    assert "@functools.lru_cache" in code and "LIMIT = (1, 2)" in code and "make()" not in code


def test_ungraded_cells_are_ignored(tmp_path):
    code = extract(tmp_path, notebook(cell("def f(): return 1", solution=True),
                                      cell("def f(): return 2")))
    assert "return 1" in code and "return 2" not in code


def test_python_file_is_taken_whole(tmp_path):
    assert extract(tmp_path, "x = compute()\n", "sub.py") == "x = compute()\n"


@pytest.mark.parametrize("text, name, message", [
    ("{", "sub.ipynb", "not valid JSON"),
    ("[]", "sub.ipynb", "not a Jupyter notebook"),
    (notebook(cell("def f(): pass")), "sub.ipynb", "no graded code cells"),
    (notebook(cell("def f(:", solution=True)), "sub.ipynb", "syntax error in graded cell 1"),
    (notebook(cell(7, solution=True)), "sub.ipynb", "neither text"),
    ("def f(:\n", "sub.py", "syntax error in the submission"),
    ("x = 1", "sub.txt", "must be a .ipynb notebook or a .py file"),
])
def test_bad_input_says_what_to_fix(tmp_path, text, name, message):
    with pytest.raises(SubmissionError, match=message):
        extract(tmp_path, text, name)


def test_non_utf8_is_refused(tmp_path):
    path = tmp_path / "sub.py"
    path.write_bytes(b"x = '\xff'")
    with pytest.raises(SubmissionError, match="UTF-8"):
        extract_code(path)


def test_find_submission_in_a_folder(tmp_path):
    (tmp_path / "notes.py").write_text("")
    (tmp_path / "toy.ipynb").write_text("")
    (tmp_path / "other.ipynb").write_text("")
    assert find_submission(tmp_path, "toy") == tmp_path / "toy.ipynb"
    (tmp_path / "toy.ipynb").unlink()
    assert find_submission(tmp_path, "toy") == tmp_path / "other.ipynb"
    (tmp_path / "more.ipynb").write_text("")
    assert find_submission(tmp_path, "toy") == tmp_path  # ambiguous: grading says why
    with pytest.raises(SubmissionError, match="no single notebook"):
        extract_code(tmp_path)

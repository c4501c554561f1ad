"""`python -m autograder new NAME`: a new assignment that grades from the first minute.

It writes, at the places autograder.layout gives a new assignment: the solution notebook (one graded
function between nbgrader's solution markers, its import cell tagged `imports`, the points stated
above it), a public test, a hidden suite with one test, a bug_/ok_ variant pair (the bug loses
points, the different-but-correct one keeps them) and the declaration `assignment.toml`. Then the
reference gets full marks, the released stub zero, and every command (release, check, grade,
batch, gradescope, batch --dask) works on it; the instructor guide's "Add an assignment" says how
to grow it from there.
"""
import re
from pathlib import Path

import nbformat

from autograder import layout

NAME = re.compile(r"[a-z][a-z0-9_]*")
FUNCTION = "normalize_rows"
GRADE_ID = "normalize_rows"
POINTS = 10

REFERENCE = f'''def {FUNCTION}(x):
    """Each row of a 2-D array of non-negative numbers divided by its sum."""
    ### BEGIN SOLUTION
    x = np.asarray(x, dtype=float)
    return x / x.sum(axis=1, keepdims=True)
    ### END SOLUTION'''

HIDDEN_SUITE = f'''"""Hidden suite of {{name}}: grades the submission against the reference (autograder/README.md)."""
import numpy as np
import pytest

from autograder.checks import assert_close


@pytest.mark.points({POINTS})
@pytest.mark.part("{GRADE_ID}")
def test_{FUNCTION}_matches_the_reference(student, reference):
    """{FUNCTION} matches the reference on a random 4x6 batch"""
    x = np.random.default_rng(0).uniform(0.1, 1.0, size=(4, 6))
    assert_close(student.{FUNCTION}(x), reference.{FUNCTION}(x), what="{FUNCTION} on a 4x6 batch")
'''

PUBLIC_TESTS = f'''"""Public tests of {{name}}: run them with `python -m autograder check {{name}} {{name}}.ipynb`."""
import numpy as np
import pytest

from autograder.checks import assert_close


@pytest.mark.points(1)
def test_rows_sum_to_one(student):
    """{FUNCTION}: every row sums to one"""
    result = student.{FUNCTION}(np.array([[1.0, 3.0], [2.0, 2.0]]))
    assert_close(np.sum(result, axis=1), np.ones(2), what="row sums of {FUNCTION} on a 2x2 array")
'''

VARIANTS = {
    "bug_divides_by_the_max.py": f'''# diagnosis: a row is divided by its sum, not by its largest entry.
"""Divides each row by its maximum instead of its sum: the rows do not sum to one."""


def {FUNCTION}(x):
    x = np.asarray(x, dtype=float)
    return x / x.max(axis=1, keepdims=True)
''',
    "ok_one_row_at_a_time.py": f'''"""Correct, one row at a time: must keep full marks."""


def {FUNCTION}(x):
    return np.array([np.asarray(row, dtype=float) / sum(row) for row in x])
''',
}

DECLARATION = '''# The declaration of {name}: what the engine knows of it (autograder/layout.py reads it).
# Paths are relative to the course folder.
name = "{name}"
title = "{title}"
reference = "{reference}"
public_tests = "{public_tests}"
variants = "{variants}"

[budgets]  # defaults of this assignment's grading runs (the command line overrides them)
timeout = 30.0  # per-call wall-clock limit of the student's code, seconds
memory_mb = 2048  # the worker's address-space limit
'''


def declaration(course: layout.Course, name: str, title: str) -> str:
    """The declaration of an assignment whose parts are at the conventional places."""
    paths = {part: course.relative(path) for part, path in course.conventional(name).items()
             if part != "suite"}
    return DECLARATION.format(name=name, title=title, **paths)


def notebook(name: str, title: str) -> nbformat.NotebookNode:
    cells = [
        nbformat.v4.new_markdown_cell(f"# {title}\n\nImplement the function below; run "
                                      f"`python -m autograder check {name} {name}.ipynb` before "
                                      f"you submit."),
        nbformat.v4.new_code_cell("import numpy as np", metadata={"tags": ["imports"]}),
        nbformat.v4.new_markdown_cell(f"**Graded: {POINTS} points.** Hidden tests compare "
                                      f"`{FUNCTION}` with the reference on a random batch "
                                      f"(tolerance 1e-8)."),
        nbformat.v4.new_code_cell(REFERENCE, metadata={"nbgrader": {
            "grade": False, "grade_id": GRADE_ID, "locked": False, "schema_version": 3,
            "solution": True}}),
    ]
    return nbformat.v4.new_notebook(cells=cells, metadata={"kernelspec": {
        "display_name": "Python 3", "language": "python", "name": "python3"}})


def scaffold(course: layout.Course, name: str, title: str | None = None) -> list[Path]:
    """Write the new assignment `name` into `course`; the files written. Refuses to overwrite."""
    if not NAME.fullmatch(name):
        raise ValueError(f"{name!r}: an assignment's name is lowercase letters, digits and _, "
                         f"starting with a letter (it is a folder, a module and a notebook name)")
    places = course.conventional(name)
    existing = [str(path) for path in places.values() if path.exists()]
    if existing:
        raise ValueError(f"{name} already exists here: {', '.join(existing)}")
    title = title or name
    files = {places["suite"] / layout.DECLARATION: declaration(course, name, title),
             places["suite"] / f"test_{name}.py": HIDDEN_SUITE.format(name=name),
             places["public_tests"]: PUBLIC_TESTS.format(name=name),
             **{places["variants"] / file: text for file, text in VARIANTS.items()}}
    for path, text in files.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    places["reference"].parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(notebook(name, title), places["reference"])
    return [*files, places["reference"]]

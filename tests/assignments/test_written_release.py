"""Written questions in the student release (issue 19): each answer cell is there, with its points,
but none of the model answer or the rubric between its solution markers; and no hint is labelled as
the result. Checked on the committed release of every assignment, so a hint above a question that
repeats the model answer's equations fails here too."""
import json
import re

import pytest

from autograder import layout
from tests.assignments.test_stated_points import source, written_cells

SOLUTION_REGION = re.compile(r"### BEGIN SOLUTION\n(?P<answer>.*?)### END SOLUTION", re.DOTALL)
DISPLAY_MATH = re.compile(r"\$\$(?P<math>.+?)\$\$", re.DOTALL)
RESULT_HINT = re.compile(r"<summary>[^<]*hint[^<]*:\s*the\s+(result|answer|solution)", re.IGNORECASE)
LONG_LINE = 60  # shorter lines of a model answer ("*Step 1.*") may well appear in a question


def flat(text: str) -> str:
    return re.sub(r"\s+", "", text)


def notebook_cells(folder, assignment: str) -> list[dict]:
    return json.loads((folder / assignment / f"{assignment}.ipynb").read_text())["cells"]


COURSE = layout.course()
ASSIGNMENTS_DIR, SOLUTIONS_DIR = COURSE.release, COURSE.solutions


@pytest.fixture(params=sorted(COURSE.assignments()))
def assignment(request):
    return request.param


def test_answer_cells_are_released_empty(assignment):
    released = {cell["metadata"].get("nbgrader", {}).get("grade_id"): source(cell)
                for cell in notebook_cells(ASSIGNMENTS_DIR, assignment)}
    for cell in written_cells(notebook_cells(SOLUTIONS_DIR, assignment)):
        grade_id = cell["metadata"]["nbgrader"]["grade_id"]
        assert SOLUTION_REGION.search(source(cell)), f"{grade_id}: no BEGIN/END SOLUTION region in the solution"
        text = released.get(grade_id)
        assert text is not None, f"the release has no answer cell {grade_id}"
        assert "YOUR ANSWER HERE" in text and "SOLUTION" not in text and "Rubric" not in text, text


def test_no_model_answer_leaks_into_the_release(assignment):
    release = flat("".join(source(cell) for cell in notebook_cells(ASSIGNMENTS_DIR, assignment)))
    for cell in written_cells(notebook_cells(SOLUTIONS_DIR, assignment)):
        answer = SOLUTION_REGION.search(source(cell))["answer"]
        pieces = [match["math"] for match in DISPLAY_MATH.finditer(answer)]
        pieces += [line for line in answer.splitlines() if len(line.strip()) >= LONG_LINE]
        leaked = [piece.strip() for piece in pieces if flat(piece) in release]
        assert not leaked, f"{cell['metadata']['nbgrader']['grade_id']}: the release states the model answer: {leaked}"


def test_no_hint_is_labelled_as_the_result(assignment):
    for cell in notebook_cells(ASSIGNMENTS_DIR, assignment):
        assert not RESULT_HINT.search(source(cell)), f"a hint gives the result away: {source(cell)[:300]}"

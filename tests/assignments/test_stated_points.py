"""Every point is stated (issue 19): the markdown cell above each graded code cell says
`**Graded: N points.**`, and N is what the hidden tests marked `@pytest.mark.part("<grade_id>")` for
that cell carry; every hidden test names its cell; every written answer cell's points are stated in
its own prompt and in the notebook's overview (its first cell), beside its grade_id."""
import json
import re
from collections import defaultdict

import pytest

from autograder import layout
from tests.assignments.suite_parts import collected_tests

GRADED_LINE = re.compile(r"^\*\*Graded: (?P<points>\d+(?:\.\d+)?) points?\.\*\*", re.MULTILINE)
YOUR_ANSWER = re.compile(r"\*\*Your answer\*\* \((?P<points>\d+(?:\.\d+)?) points?, graded by course staff\)")


def cells_of(assignment: str) -> list[dict]:
    notebook = layout.course().assignment(assignment).reference
    return json.loads(notebook.read_text())["cells"]


def source(cell: dict) -> str:
    return "".join(cell["source"])


def graded_code_cells(cells: list[dict]) -> dict[str, int]:
    """grade_id -> index of every code cell students write (nbgrader solution cells)."""
    return {cell["metadata"]["nbgrader"]["grade_id"]: index for index, cell in enumerate(cells)
            if cell["cell_type"] == "code" and cell["metadata"].get("nbgrader", {}).get("solution")}


def written_cells(cells: list[dict]) -> list[dict]:
    """The manually graded answer cells: markdown solution cells with grade=true."""
    return [cell for cell in cells if cell["cell_type"] == "markdown"
            and cell["metadata"].get("nbgrader", {}).get("solution")
            and cell["metadata"]["nbgrader"].get("grade")]


def stated_points(cells: list[dict], grade_id: str, index: int) -> float:
    above = cells[index - 1]
    found = GRADED_LINE.findall(source(above)) if above["cell_type"] == "markdown" else []
    assert len(found) == 1, (f"the markdown cell right above the graded cell {grade_id!r} must hold exactly "
                             f"one line starting '**Graded: N points.**' (found {len(found)})")
    return float(found[0])


@pytest.fixture(scope="module", params=sorted(layout.course().assignments()))
def assignment(request):
    return request.param


@pytest.fixture(scope="module")
def suite_tests(assignment):
    return collected_tests(assignment)


def test_every_hidden_test_names_a_graded_cell(assignment, suite_tests):
    graded = graded_code_cells(cells_of(assignment))
    unnamed = [test["nodeid"] for test in suite_tests if test["part"] is None]
    assert not unnamed, f"hidden tests without @pytest.mark.part(grade_id): {unnamed}"
    unknown = {test["nodeid"]: test["part"] for test in suite_tests if test["part"] not in graded}
    assert not unknown, f"part markers naming no graded cell of {assignment}.ipynb: {unknown}"


def test_stated_points_equal_the_suites(assignment, suite_tests):
    cells = cells_of(assignment)
    suite_points = defaultdict(float)
    for test in suite_tests:
        suite_points[test["part"]] += test["points"]
    stated = {grade_id: stated_points(cells, grade_id, index)
              for grade_id, index in graded_code_cells(cells).items()}
    in_suite = {grade_id: suite_points.get(grade_id, 0.0) for grade_id in stated}
    assert stated == in_suite, \
        f"points stated in {assignment}.ipynb (left) against the hidden suite's (right): {stated} != {in_suite}"


def test_written_points_are_stated(assignment):
    cells = cells_of(assignment)
    written = written_cells(cells)
    assert written, f"{assignment}.ipynb has no written answer cell (markdown, nbgrader grade and solution)"
    overview = source(cells[0])
    for cell in written:
        meta = cell["metadata"]["nbgrader"]
        grade_id, points = meta["grade_id"], float(meta.get("points", 0))
        assert points > 0, f"the written cell {grade_id} carries no points"
        prompt = YOUR_ANSWER.search(source(cell))
        assert prompt and float(prompt["points"]) == points, \
            f"the written cell {grade_id} must start with '**Your answer** ({points:g} points, graded by course staff)'"
        lines = [line for line in overview.splitlines() if grade_id in line]
        assert any(re.search(rf"\b{points:g} points?\b", line) for line in lines), \
            f"the overview (first cell) of {assignment}.ipynb must state {grade_id}: {points:g} points on one line"

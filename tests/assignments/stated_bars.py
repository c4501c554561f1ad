"""Reading what a solution notebook states about its grading, for the stated-bars tests: the suite's
constants module, the markdown above a graded cell, and the numbers a pattern finds in it."""
import importlib.util
import json
import re
import sys

from autograder import layout


def suite_module(assignment: str, name: str):
    """The hidden suite's helper module `name` (e.g. "sgns_cases"), loaded by path under its own name, with the
    suite's folder on sys.path while it loads (as in a grading run) so that it can import the suite's other helpers."""
    folder = str(layout.course().assignment(assignment).suite)
    spec = importlib.util.spec_from_file_location(f"{assignment}_{name}_stated", f"{folder}/{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.path.insert(0, folder)
    try:
        spec.loader.exec_module(module)
    finally:
        sys.path.remove(folder)
    return module


def text_before(assignment: str, grade_id: str) -> str:
    """The markdown cell right above the solution cell `grade_id`: where its grading is stated."""
    notebook = layout.course().assignment(assignment).reference
    cells = json.loads(notebook.read_text())["cells"]
    for index, cell in enumerate(cells):
        if cell["metadata"].get("nbgrader", {}).get("grade_id") == grade_id:
            above = cells[index - 1]
            assert above["cell_type"] == "markdown", f"the cell above {grade_id} is not markdown"
            return "".join(above["source"])
    raise AssertionError(f"{notebook.name} has no solution cell {grade_id}")


def stated(pattern: str, text: str, where: str) -> list[float]:
    """Every number the regex `pattern` (one group) finds in `text`, as floats; at least one."""
    found = [float(value) for value in re.findall(pattern, text)]
    assert found, f"the notebook no longer states {pattern!r} next to the {where} cell"
    return found

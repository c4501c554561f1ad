"""What the simulated students hand in, built from the fetched student release: the reference
solution filled into the solution cells (a correct student), the same plus a known bug from
the assignment's variants (a buggy student), or another assignment's notebook."""
import json
from pathlib import Path

from autograder import layout

STUDENT_ANSWER = "By the chain rule through the scores $s = U v_c$ (my derivation, for course staff to grade)."


def _solution_cells(notebook: dict) -> list[dict]:
    return [cell for cell in notebook["cells"]
            if cell.get("metadata", {}).get("nbgrader", {}).get("solution")]


def fill_in(fetched: Path, assignment: str, bug: str | None = None) -> None:
    """Write the reference solution into the fetched notebook's code solution cells, matched by grade_id,
    and STUDENT_ANSWER into its written answer cells; with `bug`, the assignment's variants/<bug>.py
    is appended to the last one, so its definitions
    replace the reference's the way a student's edit would."""
    path = fetched / f"{assignment}.ipynb"
    notebook = json.loads(path.read_text())
    solution = json.loads(layout.course().assignment(assignment).reference.read_text())
    answers = {cell["metadata"]["nbgrader"]["grade_id"]: cell["source"] for cell in _solution_cells(solution)}
    cells = _solution_cells(notebook)
    assert cells and all(cell["metadata"]["nbgrader"]["grade_id"] in answers for cell in cells), \
        f"{path} and the solution notebook disagree on the solution cells"
    for cell in cells:
        if cell["cell_type"] == "markdown":  # a written answer: the student's own words, never the rubric
            cell["source"] = "".join(cell["source"]).replace("YOUR ANSWER HERE", STUDENT_ANSWER)
        else:
            cell["source"] = answers[cell["metadata"]["nbgrader"]["grade_id"]]
    if bug:
        variant = (layout.course().assignment(assignment).variants / f"{bug}.py").read_text()
        cells[-1]["source"] = "".join(cells[-1]["source"]) + "\n\n" + variant
    path.write_text(json.dumps(notebook, indent=1))


def swap_for_other_assignment(fetched: Path, assignment: str, other: str) -> None:
    """The student saved another assignment's notebook in this assignment's folder, and not this one."""
    (fetched / f"{assignment}.ipynb").unlink()
    other_notebook = layout.course().released(other)
    (fetched / other_notebook.name).write_bytes(other_notebook.read_bytes())

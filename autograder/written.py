"""Written questions: the manually graded markdown answer cells of an assignment (nbgrader cells with
`grade` and `solution` set). The autograder never runs or scores them; course staff do, in nbgrader's
formgrader (autograder.course.export puts them in its gradebook) or, on Gradescope, from the HTML
page per submission that `python -m autograder written` writes here."""
import html
import json
from dataclasses import dataclass
from pathlib import Path

from markdown_it import MarkdownIt

from autograder import layout

UNANSWERED = "YOUR ANSWER HERE"
PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{title}</title>
<style>body {{ font-family: sans-serif; max-width: 50em; margin: 2em auto; }}
section {{ border-top: 2px solid #444; margin-top: 2em; page-break-inside: avoid; }}
.question {{ color: #444; }} .answer {{ background: #f8f8f0; padding: 0.5em 1em; }}
.missing {{ color: #a00; }}</style></head>
<body><h1>{title}</h1>
<p>{total} points in all, graded by course staff. Formulas are LaTeX as the student wrote them.</p>
{sections}</body></html>
"""


@dataclass(frozen=True)
class WrittenCell:
    grade_id: str
    points: float
    question: str  # the markdown cell above the answer cell


def is_written(cell: dict) -> bool:
    meta = cell.get("metadata", {}).get("nbgrader", {})
    return cell.get("cell_type") == "markdown" and bool(meta.get("grade")) and bool(meta.get("solution"))


def cells_of(notebook: Path) -> list[dict]:
    return json.loads(Path(notebook).read_text())["cells"]


def written_cells(assignment: str) -> list[WrittenCell]:
    """The assignment's written questions, from its solution notebook (the one source of truth)."""
    cells = cells_of(layout.course().assignment(assignment).reference)
    return [WrittenCell(cell["metadata"]["nbgrader"]["grade_id"], float(cell["metadata"]["nbgrader"]["points"]),
                        "".join(cells[index - 1]["source"]) if index else "")
            for index, cell in enumerate(cells) if is_written(cell)]


def solution_cell_ids(assignment: str) -> list[str]:
    """grade_id of every cell students write, code and written: nbgrader keeps a comment per cell."""
    return [cell["metadata"]["nbgrader"]["grade_id"]
            for cell in cells_of(layout.course().assignment(assignment).reference)
            if cell.get("metadata", {}).get("nbgrader", {}).get("solution")]


def answers(notebook: Path) -> dict[str, str]:
    """grade_id -> the text of each written answer cell of a submitted notebook."""
    return {cell["metadata"]["nbgrader"]["grade_id"]: "".join(cell["source"])
            for cell in cells_of(notebook) if is_written(cell)}


def answers_page(assignment: str, student: str, notebook: Path) -> str:
    """One HTML page with the student's written answers under their questions, for grading by hand."""
    given = answers(notebook)
    render = MarkdownIt("commonmark", {"html": False}).enable("table").render
    sections = []
    for cell in written_cells(assignment):
        answer = given.get(cell.grade_id, "")
        body = (f'<div class="answer">{render(answer)}</div>' if answer and UNANSWERED not in answer else
                '<p class="missing"><strong>No answer.</strong></p>')
        sections.append(f'<section id="{html.escape(cell.grade_id)}"><h2>{html.escape(cell.grade_id)} '
                        f'({cell.points:g} points)</h2><div class="question">{render(cell.question)}</div>'
                        f'{body}</section>')
    total = sum(cell.points for cell in written_cells(assignment))
    return PAGE.format(title=html.escape(f"{assignment}: written answers of {student}"), total=f"{total:g}",
                       sections="\n".join(sections))


def write_pages(assignment: str, submissions: Path, out_dir: Path) -> list[Path]:
    """A page per notebook in `submissions` (`<student>.ipynb`, or `<student>/` holding one)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for entry in sorted(Path(submissions).iterdir()):
        notebooks = [entry] if entry.suffix == ".ipynb" else sorted(entry.glob("*.ipynb")) if entry.is_dir() else []
        if len(notebooks) != 1:
            continue  # not a notebook submission: nothing written to show
        student = entry.stem if entry.is_file() else entry.name
        target = out_dir / f"{student}.html"
        target.write_text(answers_page(assignment, student, notebooks[0]))
        written.append(target)
    return written

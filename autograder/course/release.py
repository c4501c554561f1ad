"""Release: the generated student release (`assignments/<a>/`) goes to nbgrader's release folder, the
assignment and its due date into the gradebook, and nbgrader puts it on the exchange for students."""
import shutil
from pathlib import Path

from dateutil.parser import ParserError
from nbgrader.api import Gradebook
from nbgrader.utils import parse_utc

from autograder import layout

from .course_dir import Course, CourseError
from .exchange import run_exchange

NOT_RELEASED = shutil.ignore_patterns("__pycache__", ".ipynb_checkpoints", ".pytest_cache")


def release(course: Course, assignment: str, due: str | None = None) -> Path:
    """Put the student release of `assignment` on the exchange; returns nbgrader's release folder."""
    _check_due(due)
    notebook = layout.course().released(assignment)
    source = notebook.parent
    if not notebook.is_file():
        raise CourseError(f"{notebook} does not exist: generate the student "
                          f"release with `python -m autograder release`")
    target = course.step_dir("release", ".", assignment)
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(source, target, ignore=NOT_RELEASED)
    # The conftest beside the assignments lets students run `pytest` in their fetched folder.
    shutil.copy2(source.parent / "conftest.py", target / "conftest.py")
    with Gradebook(course.db_url, course.course_id) as gradebook:
        gradebook.update_or_create_assignment(assignment, **({"duedate": due} if due else {}))
    run_exchange(course, "ReleaseAssignment", assignment, force=True)
    return target


def _check_due(due: str | None) -> None:
    try:
        parse_utc(due)
    except (ParserError, ValueError, OverflowError):
        raise CourseError(f"--due {due!r} is not a date nbgrader reads: write it like "
                          f'"2026-12-04 17:00:00 UTC"') from None

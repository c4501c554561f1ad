"""Release: the generated student release (`assignments/<a>/`) goes to nbgrader's release folder, the
assignment and its due date into the gradebook, and nbgrader puts it on the exchange for students."""
import shutil
from pathlib import Path

from nbgrader.api import Gradebook

from autograder.release import ASSIGNMENTS_DIR

from .course_dir import Course, CourseError
from .exchange import run_exchange

NOT_RELEASED = shutil.ignore_patterns("__pycache__", ".ipynb_checkpoints", ".pytest_cache")


def release(course: Course, assignment: str, due: str | None = None) -> Path:
    """Put the student release of `assignment` on the exchange; returns nbgrader's release folder."""
    source = ASSIGNMENTS_DIR / assignment
    if not (source / f"{assignment}.ipynb").is_file():
        raise CourseError(f"{source / (assignment + '.ipynb')} does not exist: generate the student "
                          f"release with `python -m autograder release`")
    target = course.step_dir("release", ".", assignment)
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(source, target, ignore=NOT_RELEASED)
    # The conftest beside the assignments lets students run `pytest` in their fetched folder.
    shutil.copy2(ASSIGNMENTS_DIR / "conftest.py", target / "conftest.py")
    with Gradebook(course.db_url, course.course_id) as gradebook:
        gradebook.update_or_create_assignment(assignment, **({"duedate": due} if due else {}))
    run_exchange(course, "ReleaseAssignment", assignment, force=True)
    return target

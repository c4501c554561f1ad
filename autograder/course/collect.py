"""Collect: nbgrader copies each student's latest submission into `submitted/`, replacing the one it
collected before; every version found on the exchange is also kept under `archive/`, so a
resubmission never loses the earlier one (the exchange may be cleaned at the end of term)."""
import shutil
from pathlib import Path

from nbgrader.utils import parse_utc

from .course_dir import Course
from .exchange import run_exchange


def collect(course: Course, assignment: str) -> list[Path]:
    """Collect the latest submissions of `assignment`; returns the archived versions added now."""
    run_exchange(course, "Collect", assignment, update=True)
    return archive_versions(course, assignment)


def archive_versions(course: Course, assignment: str) -> list[Path]:
    added = []
    # nbgrader names each submission student+assignment+timestamp(+random); usernames may hold '+'.
    for submission in sorted(course.inbound().glob(f"*+{assignment}+*")):
        student = submission.name.rsplit("+", 3)[0]
        target = course.archive_dir(assignment, student) / version_name(submission)
        if not target.exists():
            shutil.copytree(submission, target)
            added.append(target)
    return added


def version_name(submission: Path) -> str:
    """A sortable folder name from the submission's own timestamp.txt."""
    stamp = parse_utc((submission / "timestamp.txt").read_text().strip())
    return stamp.strftime("%Y-%m-%dT%H-%M-%S.%fZ")

"""What each student on the roster handed in for an assignment, decided before anything is graded:
the notebook to grade, a notebook of another assignment, or nothing; and how late it came."""
import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from nbgrader.api import Gradebook, MissingEntry
from nbgrader.utils import parse_utc

from .course_dir import Course

READY = "ready"
WRONG_NOTEBOOK = "wrong notebook"
MISSING = "missing"


@dataclass(frozen=True)
class Submission:
    student: str
    assignment: str
    status: str                      # READY, WRONG_NOTEBOOK or MISSING
    folder: Path | None              # nbgrader's submitted/<student>/<assignment>
    timestamp: dt.datetime | None    # when the graded version was submitted (UTC)
    late_by: dt.timedelta | None     # None when on time, missing, or no due date is set
    versions: int                    # how many versions the archive keeps

    @property
    def notebook(self) -> Path:
        return self.folder / f"{self.assignment}.ipynb"

    def notebooks_found(self) -> list[str]:
        return sorted(path.name for path in self.folder.glob("*.ipynb")) if self.folder else []

    def message(self) -> str:
        """The outcome in a sentence, for the student's feedback and the instructor's table."""
        if self.status == MISSING:
            return f"no submission of {self.assignment} was collected"
        found = ", ".join(self.notebooks_found()) or "no notebook"
        text = (f"graded {self.notebook.name}" if self.status == READY else
                f"the submission holds {found}, not {self.assignment}.ipynb, so nothing was graded: "
                f"submit the {self.assignment} notebook again (your files are kept)")
        if self.late_by:
            text += f"; submitted {format_delay(self.late_by)} after the due date"
        if self.versions > 1:
            text += f"; the latest of your {self.versions} submissions counts, the earlier ones are kept"
        return text


def intake(course: Course, assignment: str) -> list[Submission]:
    """One Submission per student on the gradebook's roster or with a collected submission."""
    with Gradebook(course.db_url, course.course_id) as gradebook:
        roster = {student.id for student in gradebook.students}
        try:
            due = gradebook.find_assignment(assignment).duedate
        except MissingEntry:
            due = None
    submitted = {path.parent.name for path in _submitted_folders(course, assignment)}
    return [_examine(course, assignment, student, due) for student in sorted(roster | submitted)]


def _submitted_folders(course: Course, assignment: str) -> list[Path]:
    pattern = course.step_dir("submitted", "*", assignment).relative_to(course.root)
    return sorted(path for path in course.root.glob(str(pattern)) if path.is_dir())


def _examine(course: Course, assignment: str, student: str, due: dt.datetime | None) -> Submission:
    folder = course.step_dir("submitted", student, assignment)
    archive = course.archive_dir(assignment, student)
    versions = len(list(archive.iterdir())) if archive.is_dir() else 0
    if not folder.is_dir():
        return Submission(student, assignment, MISSING, None, None, None, versions)
    stamp = parse_utc((folder / "timestamp.txt").read_text().strip())
    late_by = stamp - due if due is not None and stamp > due else None
    status = READY if (folder / f"{assignment}.ipynb").is_file() else WRONG_NOTEBOOK
    return Submission(student, assignment, status, folder, stamp, late_by, versions)


def format_delay(delay: dt.timedelta) -> str:
    minutes, seconds = divmod(int(delay.total_seconds()), 60)
    hours, minutes = divmod(minutes, 60)
    days, hours = divmod(hours, 24)
    if days:
        return f"{days} d {hours} h"
    if hours:
        return f"{hours} h {minutes} min"
    return f"{minutes} min {seconds} s"

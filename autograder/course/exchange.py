"""Runs nbgrader's exchange actions (ReleaseAssignment, Collect, ReleaseFeedback) in this process,
configured from the course's nbgrader_config.py: the same code `nbgrader release_assignment` etc.
run, without a Python start-up per step."""
import sys

from nbgrader.auth import Authenticator
from nbgrader.coursedir import CourseDirectory
from nbgrader.exchange import ExchangeFactory
from nbgrader.utils import capture_log

from .course_dir import Course, CourseError


def run_exchange(course: Course, action: str, assignment: str, **options) -> None:
    """Run the exchange `action` on `assignment` with trait `options` (e.g. force=True); its log goes
    to stderr, and a failure raises CourseError with nbgrader's own explanation."""
    coursedir = CourseDirectory(config=course.config, root=str(course.root), assignment_id=assignment)
    app = getattr(ExchangeFactory(config=course.config), action)(
        coursedir=coursedir, authenticator=Authenticator(config=course.config), config=course.config)
    for name, value in options.items():
        setattr(app, name, value)
    result = capture_log(app)
    print(result.get("log", ""), end="", file=sys.stderr)
    if not result["success"]:
        raise CourseError(f"nbgrader's {action} of {assignment} failed:\n{result.get('error', '')}")

"""A simulated student on the course's nbgrader exchange: their own home folder, nbgrader cache and
working folder, running the same exchange actions as `nbgrader fetch_assignment`, `nbgrader submit`
and `nbgrader fetch_feedback` do on JupyterHub (in this process, to keep the test quick)."""
from pathlib import Path

from nbgrader.auth import Authenticator
from nbgrader.coursedir import CourseDirectory
from nbgrader.exchange import ExchangeFactory
from traitlets.config import Config


class Student:
    def __init__(self, name: str, home: Path, course_id: str, exchange: Path):
        self.name = name
        self.work = home / "work"
        self.work.mkdir(parents=True)
        self.config = Config()
        self.config.CourseDirectory.course_id = course_id
        self.config.Exchange.root = str(exchange)
        self.config.Exchange.cache = str(home / ".local" / "share" / "jupyter" / "nbgrader_cache")
        self.config.Exchange.assignment_dir = str(self.work)

    def fetch(self, assignment: str) -> Path:
        self._run("FetchAssignment", assignment)
        return self.work / assignment

    def submit(self, assignment: str) -> None:
        self._run("Submit", assignment)

    def fetch_feedback(self, assignment: str) -> list[Path]:
        """The feedback pages fetched, one per submitted notebook and submission time."""
        self._run("FetchFeedback", assignment)
        return sorted((self.work / assignment / "feedback").glob("*/*.html"))

    def _run(self, action: str, assignment: str) -> None:
        coursedir = CourseDirectory(config=self.config, assignment_id=assignment, student_id=self.name)
        getattr(ExchangeFactory(config=self.config), action)(
            coursedir=coursedir, authenticator=Authenticator(config=self.config), config=self.config).start()

"""The nbgrader course directory the instructor steps work in, configured the way nbgrader itself is
configured (nbgrader_config.py in the course directory or in Jupyter's config path), so the
`nbgrader` commands this package runs and the paths it reads can never disagree."""
import os
import sys
from pathlib import Path

from jupyter_core.paths import jupyter_config_path
from nbgrader.coursedir import CourseDirectory
from traitlets.config import Config
from traitlets.config.loader import PyFileConfigLoader

CONFIG_FILE = "nbgrader_config.py"
DEFAULT_EXCHANGE = "/srv/nbgrader/exchange"  # nbgrader's own default for Exchange.root


class CourseError(Exception):
    """An instructor step cannot go on; the message says what to fix."""


class Course:
    """Paths of one course: nbgrader's step folders, its gradebook and the exchange."""

    def __init__(self, root):
        self.root = Path(root).resolve()
        if not self.root.is_dir():
            raise CourseError(f"course directory {self.root} does not exist; create it and put "
                              f"{CONFIG_FILE} in it (see book/instructor_guide.md)")
        self.config = _load_config(self.root)
        self.nbgrader = CourseDirectory(config=self.config, root=str(self.root))
        if not self.nbgrader.course_id:
            raise CourseError(f"no course id: set c.CourseDirectory.course_id in {self.root / CONFIG_FILE}")
        self.course_id = self.nbgrader.course_id
        self.exchange = Path(self.config.Exchange.get("root", DEFAULT_EXCHANGE))
        self.db_url = self.nbgrader.db_url
        _put_scripts_on_path()

    def step_dir(self, step: str, student: str, assignment: str) -> Path:
        """nbgrader's folder for `step` (release, submitted, feedback, ...), e.g. submitted/alice/<assignment>."""
        template = getattr(self.nbgrader, f"{step}_directory")
        return Path(self.nbgrader.format_path(template, student, assignment))

    def graded_dir(self, assignment: str) -> Path:
        """Where the autograder's batch input and output for `assignment` live."""
        return self.root / "graded" / assignment

    def archive_dir(self, assignment: str, student: str) -> Path:
        """Every collected version of a student's submission, oldest included."""
        return self.root / "archive" / assignment / student

    def inbound(self) -> Path:
        return self.exchange / self.course_id / "inbound"


def _put_scripts_on_path() -> None:
    # nbgrader runs the `alembic` script by name when it creates a gradebook; with a virtual
    # environment that is not activated, its scripts are not on PATH.
    scripts = str(Path(sys.executable).parent)
    if scripts not in os.environ.get("PATH", "").split(os.pathsep):
        os.environ["PATH"] = os.pathsep.join([scripts, os.environ.get("PATH", "")])


def _load_config(root: Path) -> Config:
    # Same search order as nbgrader's apps: Jupyter's config path, then the working directory.
    config = Config()
    for folder in [*reversed(jupyter_config_path()), str(root)]:
        if (Path(folder) / CONFIG_FILE).is_file():
            config.merge(PyFileConfigLoader(CONFIG_FILE, path=folder).load_config())
    return config

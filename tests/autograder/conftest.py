"""Fixtures of the engine's tests: the toy assignment and a grading helper bound to it."""
import shutil
from pathlib import Path

import pytest

import autograder
from autograder import layout, scaffold
from tests.conftest import require_tool

TOY = Path(__file__).resolve().parent / "toy"
TOY_SUITE = TOY / "suites" / "toy"
TOY_SOLUTION = TOY / "solutions" / "toy" / "toy.ipynb"
ZEROS = TOY / "zeros.py"
# The toy's suite and public tests are graded by the engine, not collected as the project's tests.
collect_ignore = ["toy"]
# Short limits keep the adversarial catalogue fast; the defaults (30 s / 60 s) are for real grading.
FAST_LIMITS = dict(timeout=3.0, startup_timeout=10.0)


def grade_toy(submission, **options):
    """Grade a submission of the toy assignment with the short test limits."""
    return autograder.grade("toy", submission, **{"suite": TOY_SUITE, "solution": TOY_SOLUTION,
                                                  **FAST_LIMITS, **options})


def processes_named(*names: str) -> list[int]:
    """Processes alive whose name (/proc/PID/comm) is one of `names`: test submissions name themselves
    (prctl PR_SET_NAME) so that a test can tell whether they outlived their grading run."""
    found = []
    for entry in Path("/proc").iterdir():
        try:
            if entry.name.isdigit() and (entry / "comm").read_text().strip() in names:
                found.append(int(entry.name))
        except OSError:  # exited while we looked
            pass
    return found


def toy_course(folder: Path) -> layout.Course:
    """A course in `folder` that declares the toy assignment (its suite and solution copied to the
    places autograder.layout gives an assignment)."""
    course = layout.course(folder)
    places = course.conventional("toy")
    shutil.copytree(TOY_SUITE, places["suite"])
    shutil.copytree(TOY_SOLUTION.parent, places["reference"].parent)
    (places["suite"] / layout.DECLARATION).write_text(scaffold.declaration(course, "toy", "Toy"))
    return course


@pytest.fixture(scope="session")
def bwrap():
    return require_tool("bwrap")


@pytest.fixture(scope="session")
def zeros_results(bwrap):
    return grade_toy(ZEROS)


@pytest.fixture(scope="session")
def reference_results(bwrap):
    return grade_toy(TOY_SOLUTION)

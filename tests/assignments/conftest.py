"""The shared meta-test harness of the assignments: grades the reference solution, the released
stub and every variant in tests/variants/<a>/ with the real engine (sandboxed, as in production).

Grading runs are the slow part (a pytest process and a worker each), so each assignment's
variants are graded together, two at a time, the first time any of them is needed, and every
result is kept for the session.
"""
import re
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest

import autograder
from autograder.replay import variant_code
from autograder.grading import ASSIGNMENTS, SOLUTIONS_DIR, SUITES_DIR
from autograder.release import release_notebook
from autograder.submission import extract_code
from tests.conftest import require_tool

VARIANTS_DIR = Path(__file__).resolve().parents[1] / "variants"
DEFAULT_SELECT = "not slow"
SELECT_LINE = re.compile(r"#\s*select:\s*(?P<expression>.+)")
PARALLEL_GRADINGS = 2


def ready_assignments() -> list[str]:
    """Assignments whose solution notebook and hidden suite both exist."""
    return [a for a in ASSIGNMENTS
            if (SOLUTIONS_DIR / a / f"{a}.ipynb").is_file() and (SUITES_DIR / a).is_dir()]


@dataclass(frozen=True)
class Variant:
    assignment: str
    path: Path

    @property
    def kind(self) -> str:
        return self.path.name.split("_", 1)[0]  # "bug" or "ok"

    @property
    def select(self) -> str:
        first = self.path.read_text().splitlines()[:1]
        match = SELECT_LINE.fullmatch(first[0].strip()) if first else None
        return match.group("expression").strip() if match else DEFAULT_SELECT

    def __str__(self) -> str:
        return f"{self.assignment}/{self.path.stem}"


def all_variants() -> list[Variant]:
    return [Variant(a, path) for a in ready_assignments()
            for path in sorted((VARIANTS_DIR / a).glob("*.py"))
            if path.name.startswith(("bug_", "ok_"))]


def solution_of(assignment: str) -> Path:
    return SOLUTIONS_DIR / assignment / f"{assignment}.ipynb"


class Grader:
    """Grades and remembers: one grading per (submission, selection) per test session."""

    def __init__(self, workdir: Path):
        self.workdir = workdir
        self.cache: dict = {}

    def reference(self, assignment: str):
        return self._grade(("reference", assignment), assignment, solution_of(assignment), None)

    def stub(self, assignment: str):
        stub = self.workdir / assignment / f"{assignment}.ipynb"
        if not stub.exists():
            release_notebook(solution_of(assignment), stub)
        return self._grade(("stub", assignment), assignment, stub, DEFAULT_SELECT)

    def variant(self, variant: Variant):
        key = ("variant", str(variant))
        if key not in self.cache:
            # Grade this assignment's whole catalogue at once, PARALLEL_GRADINGS at a time.
            pending = [v for v in all_variants() if v.assignment == variant.assignment
                       and ("variant", str(v)) not in self.cache]
            with ThreadPoolExecutor(PARALLEL_GRADINGS) as pool:
                for item, results in zip(pending, pool.map(self._grade_variant, pending)):
                    self.cache[("variant", str(item))] = results
        return self.cache[key]

    def _grade_variant(self, variant: Variant):
        submission = self.workdir / "variants" / variant.assignment / variant.path.name
        submission.parent.mkdir(parents=True, exist_ok=True)
        reference_code = extract_code(solution_of(variant.assignment))
        submission.write_text(variant_code(reference_code, variant.path))
        return autograder.grade(variant.assignment, submission, select=variant.select)

    def _grade(self, key, assignment, submission, select):
        if key not in self.cache:
            self.cache[key] = autograder.grade(assignment, submission, select=select)
        return self.cache[key]


@pytest.fixture(scope="session")
def grader(tmp_path_factory):
    require_tool("bwrap")
    return Grader(tmp_path_factory.mktemp("meta"))

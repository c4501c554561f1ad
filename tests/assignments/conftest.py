"""The shared meta-test harness of the assignments: grades the reference solution, the released
stub, the all-zeros submission, the public tests and every variant the assignment declares
(autograder/suites/<a>/variants/) with the real engine (sandboxed, as in production).

Grading runs are the slow part (a pytest process and a worker each, a training run for some), so
the session grades each one once (keyed by the content of what is graded: suite, solution,
submission and options) and keeps the result. They run in the background, PARALLEL_GRADINGS at a
time: as soon as the first test of this folder starts, every grading its selected tests need is
queued (the ones that train first, so no core idles at the end behind a long training run), and a
test that needs a grading not yet started moves it to the front. Tests name what they wait for:
a `variant` parameter, or `@pytest.mark.grades(kind)` (kind of GRADING_KINDS, for the test's
`assignment` parameter) or `@pytest.mark.grades(variants=["a4_rnn/bug_x", ...])`.
"""
import hashlib
import json
import re
import shutil
import threading
from concurrent.futures import Future
from dataclasses import dataclass
from pathlib import Path

import pytest

import autograder
from autograder import layout
from autograder.replay import variant_code
from autograder.release import release_notebook
from autograder.submission import extract_code
from tests.conftest import require_tool

DEFAULT_SELECT = "not slow"
SELECT_LINE = re.compile(r"#\s*select:\s*(?P<expression>.+)")
PARALLEL_GRADINGS = 2
NEEDED_KEY = pytest.StashKey[list]()


def ready_assignments() -> list[str]:
    """Declared assignments whose reference notebook exists."""
    return [name for name, declared in layout.course().assignments().items() if declared.reference.is_file()]


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


def as_variant(value) -> Variant | None:
    """`value` as this module's Variant, or None if it is not one. pytest imports this file as `conftest`,
    the test modules as `tests.assignments.conftest`: two modules, two Variant classes, so the variants
    that tests are parametrized with fail an isinstance check here and never compare equal to ours."""
    if isinstance(value, Variant):
        return value
    if type(value).__name__ == "Variant" and hasattr(value, "assignment") and hasattr(value, "path"):
        return Variant(value.assignment, Path(value.path))
    return None


def all_variants() -> list[Variant]:
    course = layout.course()
    return [Variant(a, path) for a in ready_assignments()
            for path in sorted(course.assignment(a).variants.glob("*.py"))
            if path.name.startswith(("bug_", "ok_"))]


def solution_of(assignment: str) -> Path:
    return layout.course().assignment(assignment).reference


GRADING_KINDS = ("reference", "stub", "zeros", "public")


@dataclass(frozen=True)
class Grading:
    """One grading the meta-tests need: of the reference, the released stub, the all-zeros submission,
    the reference against the public tests, or a variant."""

    kind: str  # one of GRADING_KINDS, or "variant"
    assignment: str
    variant: Variant | None = None

    @property
    def trains(self) -> bool:
        """Whether it runs the suite's slow tests (training runs): the long gradings, started first."""
        if self.kind == "variant":
            return self.variant.select != DEFAULT_SELECT
        return self.kind in ("reference", "zeros")

    @property
    def cost(self) -> int:
        """A rough rank of how long it takes: 2 for a full training run (the reference's code), 1 for
        the other gradings that run slow tests, 0 for the rest."""
        if not self.trains:
            return 0
        return 2 if self.kind == "reference" or self.variant and self.variant.kind == "ok" else 1

    def prepare(self, workdir: Path) -> tuple[Path, dict]:
        """The submission file (written under `workdir` when it is made) and the grading options."""
        folder = workdir / self.kind / self.assignment
        folder.mkdir(parents=True, exist_ok=True)
        if self.kind == "reference":
            return solution_of(self.assignment), {}
        if self.kind == "public":
            return solution_of(self.assignment), {"suite": layout.course().assignment(self.assignment).public_tests}
        if self.kind == "stub":
            stub = folder / f"{self.assignment}.ipynb"
            release_notebook(solution_of(self.assignment), stub)
            return stub, {"select": DEFAULT_SELECT}
        if self.kind == "zeros":
            from tests.assignments.zeros import zeros_code
            submission = folder / f"{self.assignment}_zeros.py"
            submission.write_text(zeros_code(self.assignment))
            return submission, {}
        submission = folder / self.variant.path.name
        submission.write_text(variant_code(extract_code(solution_of(self.assignment)), self.variant.path))
        return submission, {"select": self.variant.select}


def content_key(assignment: str, submission: Path, options: dict) -> str:
    """What decides a grading's results: the suite's files, the reference, the submission, the options."""
    suite = Path(options.get("suite", layout.course().assignment(assignment).suite))
    files = sorted(suite.rglob("*")) if suite.is_dir() else [suite]
    digest = hashlib.sha256(json.dumps([assignment, sorted(map(str, options.items()))]).encode())
    for file in [*files, solution_of(assignment), submission]:
        if file.is_file() and "__pycache__" not in file.parts:
            digest.update(file.name.encode() + b"\0" + file.read_bytes())
    return digest.hexdigest()


class Grader:
    """Grades in the background and remembers: each content graded once per test session (see the
    module's docstring); `results(grading)` waits for one, first moving it to the front of the queue."""

    def __init__(self, workdir: Path, parallel: int = PARALLEL_GRADINGS, grade=autograder.grade):
        self.workdir, self.grade = workdir, grade
        self.pending: list[Grading] = []
        self.futures: dict[Grading, Future] = {}
        self.by_content: dict[str, Future] = {}
        self.closed = False
        self.changed = threading.Condition()
        for _ in range(parallel):
            threading.Thread(target=self._work, daemon=True).start()

    def queue(self, gradings) -> None:
        """Start these gradings in this order, after those already queued."""
        with self.changed:
            for grading in gradings:
                if grading not in self.futures:
                    self.futures[grading] = Future()
                    self.pending.append(grading)
            self.changed.notify_all()

    def results(self, grading: Grading):
        with self.changed:
            if grading not in self.futures:
                self.futures[grading] = Future()
            elif grading in self.pending:
                self.pending.remove(grading)
            if not self.futures[grading].running() and not self.futures[grading].done():
                self.pending.insert(0, grading)
            self.changed.notify_all()
            future = self.futures[grading]
        return future.result()

    def reference(self, assignment: str):
        return self.results(Grading("reference", assignment))

    def stub(self, assignment: str):
        return self.results(Grading("stub", assignment))

    def zeros(self, assignment: str):
        return self.results(Grading("zeros", assignment))

    def public(self, assignment: str):
        return self.results(Grading("public", assignment))

    def variant(self, variant: Variant):
        variant = as_variant(variant)
        return self.results(Grading("variant", variant.assignment, variant))

    def close(self) -> None:
        """Drop what has not started (a stopped session); running gradings die with this process."""
        with self.changed:
            self.closed = True
            for grading in self.pending:
                self.futures[grading].cancel()
            self.pending.clear()
            self.changed.notify_all()

    def _work(self) -> None:
        while True:
            with self.changed:
                while not self.pending and not self.closed:
                    self.changed.wait()
                if self.closed:
                    return
                grading = self.pending.pop(0)
                future = self.futures[grading]
                future.set_running_or_notify_cancel()
            try:
                future.set_result(self._grade(grading))
            except BaseException as error:  # noqa: BLE001 - the waiting test reports it
                future.set_exception(error)

    def _grade(self, grading: Grading):
        submission, options = grading.prepare(self.workdir)
        key = content_key(grading.assignment, submission, options)
        with self.changed:
            first = key not in self.by_content
            shared = self.by_content.setdefault(key, Future())
        if first:
            try:
                shared.set_result(self.grade(grading.assignment, submission, **options))
            except BaseException as error:  # noqa: BLE001 - every grading of this content reports it
                shared.set_exception(error)
        return shared.result()


def needed_gradings(items) -> list[Grading]:
    """The gradings the selected tests wait for, the longest first (see the module's docstring)."""
    by_name = {str(variant): variant for variant in all_variants()}
    needed = {}
    for item in items:
        if "grader" not in item.fixturenames:
            continue
        params = item.callspec.params if hasattr(item, "callspec") else {}
        variant = as_variant(params.get("variant"))
        if variant is not None:
            needed[Grading("variant", variant.assignment, variant)] = None
        for mark in item.iter_markers("grades"):
            for kind in mark.args:
                needed[Grading(kind, params["assignment"])] = None
            for name in mark.kwargs.get("variants", ()):
                needed[Grading("variant", by_name[name].assignment, by_name[name])] = None
    return sorted(needed, key=lambda grading: -grading.cost)


def pytest_configure(config):
    config.addinivalue_line("markers", "grades(*kinds, variants=()): the gradings of the `grader` fixture a "
                                       "test waits for (tests/assignments/conftest.py), queued at the start")


def pytest_collection_finish(session):
    # An xdist worker collects every test but runs a share of them: it grades only what it is asked.
    distributed = hasattr(session.config, "workerinput")
    session.config.stash[NEEDED_KEY] = [] if distributed else needed_gradings(session.items)


@pytest.fixture(scope="session")
def grader(tmp_path_factory, request):
    require_tool("bwrap")
    grader = Grader(tmp_path_factory.mktemp("meta"))
    grader.queue(request.config.stash.get(NEEDED_KEY, []))
    yield grader
    grader.close()


@pytest.fixture(scope="session", autouse=True)
def _gradings_start_with_the_first_test(request):
    """The background gradings start with this folder's first test, so tests that need none (in-process
    comparisons) run while the sandboxed gradings do."""
    if request.config.stash.get(NEEDED_KEY, []) and shutil.which("bwrap"):
        request.getfixturevalue("grader")

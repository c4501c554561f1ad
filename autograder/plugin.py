"""pytest plugin of a grading run (`pytest -p autograder.plugin SUITE --ag-spec=SPEC.json`).

Runs in the trusted grader process, which owns the run from start to end: it reads the run's
frozen spec, extracts the submission, picks the sandbox, starts and kills the worker, gives hidden
tests the `student` proxy (student code runs only in the sandboxed worker), the in-process
`reference`, the `device` and `student_stage`, and writes the run's results once (their internal
form, autograder.results).

Every test ends in one of three outcomes: passed; failed (an AssertionError, or a StudentError: the
student's code raised, hung, crashed or returned garbage); error (anything else: a suite that does
not import, a typo in a test, a fixture of ours that broke, a missing reference or data file, a
skipped test). A run with any error is broken: it gives no grade, and says where the grader broke.
"""
import time
import traceback
from dataclasses import dataclass
from pathlib import Path

import pytest

from autograder import diagnosis, in_process, proxy
from autograder.budget import Usage
from autograder.session import OpenedRun, open_run
from autograder.api import StudentError
from autograder.results import VISIBILITIES, Measurement, Results, TestResult
from autograder.spec import RunSpec

MARKERS = (
    "points(n): points of the test (required)",
    "visibility(v): visible | hidden | after_due_date | after_published (default visible)",
    "slow: trains a model; variant meta-tests skip it unless the variant selects it",
    "worker_timeout(seconds): per-call wall-clock limit for the student's code in this test",
    "measurement: records numbers with `measured` that `check` shows students before they submit",
    "part(grade_id): the graded notebook cell the test assesses; its points add up to the cell's "
    "stated **Graded: N points.** (tests/assignments/test_stated_points.py)",
)
PARTIAL_KEY = pytest.StashKey[bool]()
RUN_KEY = pytest.StashKey["GradingRun"]()


def pytest_addoption(parser):
    parser.getgroup("autograder").addoption(
        "--ag-spec", help="the grading run's spec (JSON written by autograder.grading)")


def pytest_configure(config):
    for marker in MARKERS:
        config.addinivalue_line("markers", marker)
    if config.getoption("ag_spec"):
        spec = RunSpec.read(config.getoption("ag_spec"))
        # The worker autograder.grading_process started before importing pytest, else one now.
        opened = next((plugin for plugin in config.pluginmanager.get_plugins()
                       if isinstance(plugin, OpenedRun)), None) or open_run(spec)
        config.stash[RUN_KEY] = GradingRun(spec, opened)
        config.pluginmanager.register(config.stash[RUN_KEY], "autograder-grading-run")
        config.pluginmanager.register(config.stash[RUN_KEY].recorder, "autograder-diagnosis")


def _run(request) -> "GradingRun":
    if RUN_KEY not in request.config.stash:
        raise RuntimeError("not a grading run: pass --ag-spec=FILE")
    return request.config.stash[RUN_KEY]


@pytest.fixture(scope="session")
def student(request):
    """The submission, in the sandboxed worker (see CONTRIBUTING.md)."""
    run = _run(request)
    if run.session is None:  # no sandbox works here: the refusal is among the run's errors
        raise GraderFault(run.errors[0])
    return proxy.StudentModule(run.session)


@pytest.fixture(scope="session")
def reference(request):
    """The reference solution, extracted from the solution notebook, in this process; each of its
    definitions runs when first used (in_process.LazyModule: a4's tests of numpy functions do not
    import torch into the grader)."""
    notebook = Path(_run(request).spec.solution)
    if not _run(request).spec.solution or not notebook.is_file():
        raise FileNotFoundError(f"the solution notebook {notebook} does not exist")
    return in_process.load_module(notebook, "reference", lazy=True)


@pytest.fixture(scope="session")
def needs(request) -> dict[str, Path]:
    """The course's files outside the suite that the assignment declares it reads (`[needs]` of its
    assignment.toml), by name; they travel with it in every grading package."""
    found = {name: Path(path) for name, path in _run(request).spec.needs.items()}
    missing = [f"{name} ({path})" for name, path in found.items() if not path.is_file()]
    if missing:
        raise FileNotFoundError(f"declared files missing: {', '.join(missing)}")
    return found


@pytest.fixture(scope="session")
def device(request):
    return _run(request).spec.device


@dataclass(frozen=True)
class Stage:
    """What one stage of the student's work returned, and what it used (budget.Usage)."""

    value: object
    usage: Usage


@pytest.fixture(scope="session")
def student_stage(request, student):
    """Run one stage of the student's work, usually inside a session fixture that several tests
    share (one training run): `student_stage(what, action, cpu_budget=None) -> Stage`.

    If the student's code fails (StudentError) or its result fails a check (AssertionError), the
    stage raises StudentError("<what>: <why>"), which pytest re-raises in every test that uses the
    fixture: each fails as the student's. Any other exception is the grader's (an error). With a
    budget, the stage's CPU time is measured (see session.BaseSession.metered); tests compare
    `stage.usage` with the budget."""
    run = _run(request)

    def stage(what: str, action, *, cpu_budget: float | None = None) -> Stage:
        with run.session.metered(cpu_budget) as usage:
            try:
                value = action()
            except (StudentError, AssertionError) as error:
                raise StudentError(f"{what}: {error or 'a check failed'}") from None
        return Stage(value, usage)
    return stage


@pytest.fixture
def measured(request):
    """Record a number the grader measured, beside its bar: `measured(name, value, bar=None,
    better="lower" | "higher", unit="", leaderboard=False)`. Every grading run reports them (results table, feedback,
    results.json) whether the test passes or not, and `check` shows them to students before they
    submit: the numbers are never hidden, only the hidden tests' inputs are."""
    run = _run(request)

    def record(name: str, value: float, *, bar: float | None = None, better: str = "lower",
               unit: str = "", leaderboard: bool = False) -> None:
        if better not in ("lower", "higher"):
            raise ValueError(f"better must be 'lower' or 'higher', not {better!r}")
        run.measurements[name] = Measurement(name, float(value), bar, better, unit, leaderboard)
    return record


@pytest.fixture
def partial_credit(request):
    """Call with a fraction in [0, 1]: the test scores that share of its points."""
    result = _run(request).tests[request.node.nodeid]

    def record(fraction: float):
        if not 0 <= fraction <= 1:
            raise ValueError(f"partial credit must be within [0, 1], got {fraction}")
        result.score = fraction * result.max_score
        request.node.stash[PARTIAL_KEY] = True
    return record


@pytest.fixture(autouse=True)
def _student_test_scope(request):
    """Per test: the worker_timeout marker's limit, and the output the student's code printed."""
    if RUN_KEY not in request.config.stash or request.config.stash[RUN_KEY].session is None:
        yield
        return
    run = request.config.stash[RUN_KEY]
    marker = request.node.get_closest_marker("worker_timeout")
    run.session.begin_test(float(marker.args[0]) if marker else None)
    yield
    run.tests[request.node.nodeid].printed = run.session.end_test()


class GraderFault(Exception):
    """The grading run cannot grade (e.g. no sandbox works here): an error, never the student's."""


class GradingRun:
    """One grading run: the worker session and the results being collected."""

    def __init__(self, spec: RunSpec, opened: OpenedRun):
        self.spec = spec
        self.started = time.monotonic()
        self.tests: dict[str, TestResult] = {}
        # faults outside any test: collection, set-up of the run
        self.errors: list[str] = [opened.refusal] if opened.refusal else []
        self.measurements: dict[str, Measurement] = {}
        self.session, self.submission_error = opened.session, opened.submission_error
        self.recorder = diagnosis.Recorder(spec.assignment, spec.solution, spec.variants)
        if self.session is not None:
            self.session.observer = self.recorder.observe

    # ---- collection and results ----------------------------------------------------------
    def pytest_collectreport(self, report):
        if report.failed:
            self.errors.append(f"the suite could not be collected: {_collection_fault(report)}")

    def pytest_collection_finish(self, session):
        for item in session.items:  # after -m/-k deselection: only what will run is graded
            points = item.get_closest_marker("points")
            if points is None or len(points.args) != 1 or not isinstance(points.args[0], (int, float)):
                raise pytest.UsageError(f"{item.nodeid}: every graded test needs @pytest.mark.points(n)")
            visibility = item.get_closest_marker("visibility")
            visibility = visibility.args[0] if visibility else "visible"
            if visibility not in VISIBILITIES:
                raise pytest.UsageError(f"{item.nodeid}: visibility must be one of {VISIBILITIES}")
            docstring = (getattr(item.function, "__doc__", None) or "").strip()
            name = docstring.splitlines()[0] if docstring else item.name
            if docstring and "[" in item.name:
                name += " [" + item.name.split("[", 1)[1]
            self.tests[item.nodeid] = TestResult(
                name=name, max_score=float(points.args[0]), visibility=visibility,
                nodeid=item.nodeid, uses_student="student" in item.fixturenames)

    @pytest.hookimpl(hookwrapper=True)
    def pytest_runtest_makereport(self, item, call):
        outcome = yield
        report = outcome.get_result()
        result = self.tests.get(item.nodeid)
        if result is None:
            return
        result.seconds += report.duration
        partial = item.stash.get(PARTIAL_KEY, False)
        if call.excinfo is None:
            if call.when == "call" and result.status == "pending":
                result.status = "passed"
                result.score = result.score if partial else result.max_score
            return
        status, message = self._outcome(call.excinfo)
        if result.status == "error" or (result.status == "failed" and status == "failed"):
            return  # the first failure explains the test; an error outranks a failure
        result.status, result.output = status, message
        if status == "failed" and not (self.session and self.session.failed_this_test):
            # What the test's calls match among the known mistakes (see autograder.diagnosis).
            result.output = "\n".join([message, *self.recorder.diagnose(item)])
        result.score = result.score if partial and status == "failed" else 0.0

    def _outcome(self, excinfo) -> tuple[str, str]:
        """("failed", feedback for the student) or ("error", where and how the grader broke)."""
        error = excinfo.value
        if isinstance(error, StudentError):
            return "failed", f"your code failed: {error}"
        if isinstance(error, AssertionError):
            return "failed", str(error) or "a check failed"
        if excinfo.errisinstance(pytest.skip.Exception):
            return "error", f"{_where(excinfo, self.spec)}: the test was skipped " \
                            f"({getattr(error, 'msg', error)}); a graded test must run"
        return "error", f"{_where(excinfo, self.spec)}: {type(error).__name__}: {error}"[:2000]

    def pytest_sessionfinish(self):
        if self.session is not None:
            self.session.close()
        for result in self.tests.values():
            if result.status == "pending":  # never reached: pytest stopped before it
                result.status, result.output = "error", "the grading run stopped before this test ran"
        Results(assignment=self.spec.assignment, tests=list(self.tests.values()),
                execution_time=time.monotonic() - self.started, device=self.spec.device,
                sandbox=self.session.mode if self.session else "none", submission_error=self.submission_error,
                grader_errors=self.errors,
                measurements=list(self.measurements.values())).write_json(self.spec.results)


def _where(excinfo, spec: RunSpec) -> str:
    """`file:line` of the innermost frame in the suite (else in the engine) where it broke."""
    frames = traceback.extract_tb(excinfo.tb)
    suite = spec.suite_root
    engine = Path(__file__).resolve().parent
    for roots in ((suite,), (engine, suite)):
        for frame in reversed(frames):
            path = Path(frame.filename)
            if any(root == path or root in path.parents for root in roots):
                shown = path.relative_to(suite) if suite in path.parents or suite == path else path.name
                return f"{shown}:{frame.lineno}"
    return "in the grader"


def _collection_fault(report) -> str:
    """The suite file and line, and the exception, of a collection error (from pytest's report)."""
    text = report.longreprtext
    places = [line.strip().rstrip(":") for line in text.splitlines()
              if ".py:" in line and not line.startswith(("E ", " "))]
    errors = [line[1:].strip() for line in text.splitlines() if line.startswith("E ")]
    where = places[-1] if places else report.nodeid
    return f"{where}: {errors[-1] if errors else text.strip().splitlines()[-1]}"[:2000]

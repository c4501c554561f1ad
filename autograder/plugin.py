"""pytest plugin of a grading run (`pytest -p autograder.plugin SUITE --ag-submission=FILE ...`).

Runs in the trusted grader process. It extracts the submission, gives hidden tests the `student`
proxy (student code runs only in the sandboxed worker), the in-process `reference`, the `device`,
and collects per-test points and feedback into Gradescope's results.json.
"""
import time

import pytest

from autograder import in_process, proxy, sandbox
from autograder.api import StudentError
from autograder.results import VISIBILITIES, Results, TestResult
from autograder.submission import SubmissionError, extract_code

MARKERS = (
    "points(n): points of the test (required)",
    "visibility(v): visible | hidden | after_due_date | after_published (default visible)",
    "slow: trains a model; variant meta-tests skip it unless the variant selects it",
    "worker_timeout(seconds): per-call wall-clock limit for the student's code in this test",
)
RESULTS_KEY = pytest.StashKey[dict]()
RUN_KEY = pytest.StashKey["GradingRun"]()


def pytest_addoption(parser):
    group = parser.getgroup("autograder")
    group.addoption("--ag-submission", help="the submission (.ipynb or .py) to grade")
    group.addoption("--ag-assignment", default="", help="assignment name, for the results")
    group.addoption("--ag-solution", help="solution notebook the `reference` fixture loads")
    group.addoption("--ag-results", help="where to write results.json")
    group.addoption("--ag-device", default="cpu", choices=("cpu", "cuda"))
    group.addoption("--ag-timeout", type=float, default=30.0, help="per-call limit in seconds")
    group.addoption("--ag-worker", help="pid,requests_fd,answers_fd,output_fd of a worker that "
                    "grade() started early, for this run to adopt")
    group.addoption("--ag-startup-timeout", type=float, default=proxy.STARTUP_SECONDS,
                    help="extra seconds the worker gets to start and load the submission")
    group.addoption("--ag-memory-mb", type=int, default=2048, help="worker address-space limit")
    group.addoption("--ag-sandbox", default=None, choices=("bwrap", "unshare", "none", "in-process"),
                    help="force one isolation (default: the best that works here); in-process "
                         "runs the student's code in this process: benchmarks only")
    group.addoption("--ag-unsafe-no-sandbox", action="store_true",
                    help="grade WITHOUT isolation when no sandbox works (untrustworthy)")


def pytest_configure(config):
    for marker in MARKERS:
        config.addinivalue_line("markers", marker)
    if config.getoption("ag_submission"):
        config.stash[RUN_KEY] = GradingRun(config)
        config.pluginmanager.register(config.stash[RUN_KEY], "autograder-grading-run")


def _run(request) -> "GradingRun":
    if RUN_KEY not in request.config.stash:
        raise RuntimeError("not a grading run: pass --ag-submission=FILE")
    return request.config.stash[RUN_KEY]


@pytest.fixture(scope="session")
def student(request):
    """The submission, in the sandboxed worker (see CONTRIBUTING.md)."""
    run = _run(request)
    if run.mode == "in-process":  # the benchmark's unsandboxed peer, never grading
        return in_process.load(request.config.getoption("ag_submission"))
    return proxy.StudentModule(run.session)


@pytest.fixture(scope="session")
def reference(request):
    """The reference solution, extracted from the solution notebook, in this process."""
    notebook = request.config.getoption("ag_solution")
    if not notebook:
        raise RuntimeError("this grading run has no solution notebook (--ag-solution)")
    return in_process.load_module(notebook, "reference")


@pytest.fixture(scope="session")
def device(request):
    return request.config.getoption("ag_device")


@pytest.fixture
def partial_credit(request):
    """Call with a fraction in [0, 1]: the test scores that share of its points."""
    result = _run(request).tests[request.node.nodeid]

    def record(fraction: float):
        if not 0 <= fraction <= 1:
            raise ValueError(f"partial credit must be within [0, 1], got {fraction}")
        result.score = fraction * result.max_score
        request.node.stash[RESULTS_KEY] = {"partial": True}
    return record


@pytest.fixture(autouse=True)
def _student_test_scope(request):
    """Per test: the worker_timeout marker's limit, and the output the student's code printed."""
    if RUN_KEY not in request.config.stash:
        yield
        return
    run = request.config.stash[RUN_KEY]
    marker = request.node.get_closest_marker("worker_timeout")
    run.session.begin_test(float(marker.args[0]) if marker else None)
    yield
    run.tests[request.node.nodeid].printed = run.session.end_test()


class GradingRun:
    """State of one grading run: the worker session and the results being collected."""

    def __init__(self, config):
        self.config = config
        self.started = time.monotonic()
        self.tests: dict[str, TestResult] = {}
        option = config.getoption
        try:
            code, error = extract_code(option("ag_submission")), None
        except SubmissionError as problem:
            code, error = None, str(problem)
        try:
            self.mode = sandbox.choose_mode(option("ag_unsafe_no_sandbox"), option("ag_sandbox"))
        except sandbox.SandboxUnavailable as problem:
            raise pytest.UsageError(str(problem)) from None
        if self.mode == "in-process" and not option("ag_unsafe_no_sandbox"):
            raise pytest.UsageError("--ag-sandbox=in-process needs --ag-unsafe-no-sandbox")
        self.submission_error = error
        self.session = proxy.Session(code, error, mode=self.mode, device=option("ag_device"),
                                     limits=sandbox.Limits(memory_mb=option("ag_memory_mb")),
                                     timeout=option("ag_timeout"),
                                     startup_timeout=option("ag_startup_timeout"))
        if self.mode != "in-process":
            self.session.prestart(option("ag_worker"))

    # ---- collection and results ----------------------------------------------------------
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
        if result is None or report.passed and call.when != "call":
            return
        partial = RESULTS_KEY in item.stash
        if report.passed:
            result.status = "passed"
            result.score = result.score if partial else result.max_score
        elif report.skipped:
            result.status, result.output = "skipped", _message(call.excinfo)
        elif result.status != "failed" or not result.output:
            result.status = "failed"
            result.score = result.score if partial else 0.0
            result.output = _message(call.excinfo)

    def pytest_sessionfinish(self):
        self.session.close()
        path = self.config.getoption("ag_results")
        if not path:
            return
        tests = []
        for result in self.tests.values():
            if result.status == "skipped":
                continue
            if result.printed:
                result.output += f"\n--- your code printed ---\n{result.printed}"
            tests.append(result)
        Results(assignment=self.config.getoption("ag_assignment"), tests=tests,
                execution_time=time.monotonic() - self.started,
                device=self.config.getoption("ag_device"), sandbox=self.mode,
                submission_error=self.submission_error).write_json(path)


def _message(excinfo) -> str:
    """Feedback for a failed test: the assertion or StudentError message, never the test's code."""
    if excinfo is None:
        return ""
    error = excinfo.value
    if isinstance(error, StudentError):
        return f"your code failed: {error}"
    if isinstance(error, AssertionError):
        return str(error) or "a check failed"
    if excinfo.errisinstance(pytest.skip.Exception):
        return f"skipped: {getattr(error, 'msg', error)}"
    return f"{type(error).__name__}: {error}"[:2000]

"""The Python API of a grading run: `grade(assignment, submission)` -> Results.

A grading run is a separate, trusted pytest process over the hidden suite with the
`autograder.plugin` plugin; this module only builds its command line, runs it, and reads back the
results.json it writes. The student's code never runs in this process nor in that one.
"""
import os
import shlex
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from autograder import proxy
from autograder import sandbox as isolation
from autograder.results import Results
from autograder.submission import SubmissionError, extract_code, find_submission

ASSIGNMENTS = ("a1_softmax", "a2_sgns", "a3_ngram", "a4_rnn")
PROJECT_ROOT = Path(__file__).resolve().parent.parent
SUITES_DIR = Path(__file__).resolve().parent / "suites"
SOLUTIONS_DIR = PROJECT_ROOT / "solutions"
ASSIGNMENTS_DIR = PROJECT_ROOT / "assignments"  # the student release
PUBLIC_TESTS = "test_public.py"
RUN_DEADLINE_SECONDS = 3600


class GradingError(Exception):
    """The grading run itself failed (a broken suite or a broken engine), not the submission."""


def resolve_device(device: str) -> str:
    """`auto` -> "cuda" when torch sees a GPU here, else "cpu"."""
    if device not in ("auto", "cpu", "cuda"):
        raise ValueError(f"device must be auto, cpu or cuda, not {device!r}")
    if device != "auto":
        return device
    import torch
    return "cuda" if torch.cuda.is_available() else "cpu"


class EarlyWorker:
    """A worker started before the grading run's pytest process, which adopts it: the worker's
    Python boots while pytest's does, instead of after it."""

    def __init__(self, submission: Path, mode: str, limits: isolation.Limits, device: str):
        self.job_dir = proxy.make_job_dir(extract_code(submission))
        build = isolation.BUILDERS[mode]
        self.worker = proxy.Worker.start(
            lambda channel: build(self.job_dir, limits, device, isolation.Mounts.discover(),
                                  channel), drain=False)
        self.handover = self.worker.handover()
        self.fds = tuple(int(fd) for fd in self.handover.split(",")[1:])

    def close(self) -> None:
        self.worker.kill()
        shutil.rmtree(self.job_dir, ignore_errors=True)


def _early_worker(submission: Path, forced: str | None, unsafe: bool, memory_mb: int, device: str):
    """Start the worker now when the submission extracts and a sandbox works; else leave it to the
    grading run (which then reports the submission's error or refuses to grade)."""
    try:
        mode = isolation.choose_mode(unsafe, forced)
        if mode == "in-process":
            return None
        return EarlyWorker(submission, mode, isolation.Limits(memory_mb=memory_mb), device)
    except (SubmissionError, isolation.SandboxUnavailable):
        return None


def grade(assignment: str, submission, *, device: str = "cpu", select: str | None = None,
          timeout: float = 30.0, startup_timeout: float = 60.0, memory_mb: int = 2048,
          unsafe_no_sandbox: bool = False,
          sandbox: str | None = None, suite=None, solution=None, json_out=None) -> Results:
    """Grade one submission (.ipynb or .py) against the hidden suite of `assignment`.

    `select` is a pytest -m expression (e.g. "not slow"); `suite` (a folder or test file) and
    `solution` (the solution notebook) default to autograder/suites/<a>/ and
    solutions/<a>/<a>.ipynb. Raises GradingError only when the run itself breaks."""
    suite = Path(suite).resolve() if suite else SUITES_DIR / assignment
    solution = Path(solution).resolve() if solution else SOLUTIONS_DIR / assignment / f"{assignment}.ipynb"
    if not suite.exists():
        raise ValueError(f"no hidden suite for {assignment!r} at {suite}")
    submission = find_submission(Path(submission).resolve(), assignment)
    device = resolve_device(device)
    with tempfile.TemporaryDirectory(prefix="autograder-run-") as run_dir:
        results_path = Path(json_out).resolve() if json_out else Path(run_dir) / "results.json"
        ini = Path(run_dir) / "pytest.ini"
        root = suite if suite.is_dir() else suite.parent
        # Keep the project's own pytest settings out of grading; the suite's folder goes on sys.path
        # so its tests and conftest can import the suite's helper modules (importlib mode does not).
        ini.write_text(f"[pytest]\npythonpath = {shlex.quote(str(root))}\n")
        command = [sys.executable, "-m", "pytest", str(suite), "-c", str(ini), "--rootdir", str(root),
                   "--confcutdir", str(root),
                   "-p", "autograder.plugin", "-p", "no:cacheprovider", "--import-mode=importlib",
                   "--assert=plain", "-q", "--no-header", "-p", "no:warnings",
                   f"--ag-submission={submission}", f"--ag-assignment={assignment}",
                   f"--ag-results={results_path}", f"--ag-device={device}",
                   f"--ag-timeout={timeout}", f"--ag-startup-timeout={startup_timeout}",
                   f"--ag-memory-mb={memory_mb}"]
        command += [f"--ag-solution={solution}"] if solution.exists() else []
        command += ["-m", select] if select else []
        command += ["--ag-unsafe-no-sandbox"] if unsafe_no_sandbox else []
        command += [f"--ag-sandbox={sandbox}"] if sandbox else []
        # Only our plugin: skipping setuptools entry points saves start-up time in every run.
        env = dict(os.environ, PYTEST_DISABLE_PLUGIN_AUTOLOAD="1", PYTHONDONTWRITEBYTECODE="1")
        started = time.monotonic()
        worker = _early_worker(submission, sandbox, unsafe_no_sandbox, memory_mb, device)
        command += [f"--ag-worker={worker.handover}"] if worker else []
        try:
            run = subprocess.run(command, cwd=run_dir, env=env, stdin=subprocess.DEVNULL,
                                 capture_output=True, text=True, timeout=RUN_DEADLINE_SECONDS,
                                 pass_fds=worker.fds if worker else ())
        finally:
            if worker:
                worker.close()
        if run.returncode == 4 or not results_path.exists():  # 4: pytest usage error
            raise GradingError(f"grading {assignment} failed (pytest exit {run.returncode}):\n"
                               f"{run.stdout[-4000:]}{run.stderr[-4000:]}")
        results = Results.read_json(results_path)
        results.assignment = assignment
        results.execution_time = time.monotonic() - started
        results.log = run.stdout + run.stderr
        if json_out:
            results.write_json(results_path)
        return results

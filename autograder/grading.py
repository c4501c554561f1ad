"""The Python API of a grading run: `grade(assignment, submission, **options)` -> Results.

A grading run is a separate, trusted pytest process over the hidden suite with the
`autograder.plugin` plugin (run by autograder.grading_process, which starts the worker first).
This module only writes the run's frozen spec (autograder.spec), starts that process and reads back
the results it writes (their internal form; Gradescope's results.json is exported from them here,
on request): the pytest process alone extracts the submission, picks the sandbox, starts and kills
the worker and writes the results. The student's code never runs in this process nor in that one.
"""
import ctypes
import os
import shlex
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from autograder.results import Results
from autograder.spec import RunSpec

PR_SET_PDEATHSIG = 1
_LIBC = ctypes.CDLL(None, use_errno=True)  # loaded here: the forked child must not load anything


def grade(assignment: str, submission, *, json_out=None, **options) -> Results:
    """Grade one submission (.ipynb or .py) against the hidden suite of `assignment`.

    `options` are RunSpec's fields (device, select, timeout, memory_mb, suite, solution, ...). The
    Results say `broken` (status "error") when the grader, not the submission, failed; then they
    carry no grade. Bad arguments raise ValueError or FileNotFoundError."""
    # The grading process makes its temporary folders (the worker's job folder among them) in
    # `scratch`: removed here however that process ends, even when it is killed at the deadline.
    with tempfile.TemporaryDirectory(prefix="autograder-run-") as run_dir, \
            tempfile.TemporaryDirectory(prefix="autograder-scratch-") as scratch:
        os.chmod(scratch, 0o711)  # uid nobody reaches the job folder inside, as it does in /tmp
        results_path = Path(run_dir) / "results.json"
        spec = RunSpec.create(assignment, submission, results=results_path, **options)
        spec_path = Path(run_dir) / "spec.json"
        spec.write(spec_path)
        if json_out:  # a stale export must not pass for this run's
            Path(json_out).unlink(missing_ok=True)
        ini = Path(run_dir) / "pytest.ini"
        # Keep the project's own pytest settings out of grading; the suite's folder goes on sys.path
        # so its tests and conftest can import the suite's helper modules (importlib mode does not).
        ini.write_text(f"[pytest]\npythonpath = {shlex.quote(str(spec.suite_root))}\n")
        # autograder.grading_process: pytest, after starting the worker (its start-up overlaps pytest's).
        command = [sys.executable, "-m", "autograder.grading_process", spec.suite, "-c", str(ini),
                   "--rootdir", str(spec.suite_root), "--confcutdir", str(spec.suite_root),
                   "-p", "autograder.plugin", "-p", "no:cacheprovider", "--import-mode=importlib",
                   "--assert=plain", "-q", "--no-header", "-p", "no:warnings", "--tb=short",
                   # Student code never runs in this process, so its unraisable exceptions are the
                   # grader's own; the plugin's five full collections at exit cost 0.2-0.5 CPU s a run
                   # once a suite holds a corpus.
                   "-p", "no:unraisableexception", f"--ag-spec={spec_path}"]
        command += ["-m", spec.select] if spec.select else []
        # Only our plugin: skipping setuptools entry points saves start-up time in every run. The caller's
        # PYTEST_ADDOPTS and PYTEST_PLUGINS (a TA's shell, a test run's options) are not the suite's.
        env = {name: value for name, value in os.environ.items() if name not in ("PYTEST_ADDOPTS", "PYTEST_PLUGINS")}
        env.update(PYTEST_DISABLE_PLUGIN_AUTOLOAD="1", PYTHONDONTWRITEBYTECODE="1", TMPDIR=scratch)
        started = time.monotonic()
        try:
            run = subprocess.run(command, cwd=run_dir, env=env, stdin=subprocess.DEVNULL,
                                 capture_output=True, text=True, timeout=spec.run_deadline,
                                 preexec_fn=_die_with(os.getpid()))
            log = run.stdout + run.stderr
            crashed = f"the grading process exited with status {run.returncode}"
        except subprocess.TimeoutExpired as timeout:
            log = _text(timeout.stdout) + _text(timeout.stderr)
            crashed = f"the grading process ran past {spec.run_deadline:g} s and was stopped"
        if results_path.is_file():
            results = Results.read_json(results_path)
        else:  # its owner died before writing: say so, never a score
            results = Results(assignment=assignment, execution_time=time.monotonic() - started,
                              device=spec.device, sandbox="", grader_errors=[
                                  f"{crashed} without writing results: {_last_line(log)}"])
        results.log = log
        if json_out:
            results.write_gradescope(json_out)
        return results


def _die_with(parent: int):
    """For the grading process: SIGKILL it when the thread that started it dies (a killed batch or
    Dask worker takes its grading run with it; bwrap --die-with-parent then takes the sandbox)."""
    def set_death_signal():
        _LIBC.prctl(PR_SET_PDEATHSIG, int(signal.SIGKILL), 0, 0, 0)
        if os.getppid() != parent:  # the parent died before the signal was armed
            os._exit(1)
    return set_death_signal


def _text(output) -> str:
    return output.decode("utf-8", "replace") if isinstance(output, bytes) else output or ""


def _last_line(log: str) -> str:
    lines = [line for line in log.strip().splitlines() if line.strip()]
    return lines[-1][:500] if lines else "no output"

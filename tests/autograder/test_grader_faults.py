"""A fault of the grader never costs a student a point: every kind of suite breakage ends the run
as an error (exit 1, no score, the suite file and line named), and a batch records such students
as errors, goes on with the class and grades them again on the next run."""
import csv
import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from autograder import grading
from autograder.batch import grade_all
from tests.autograder.conftest import FAST_LIMITS, TOY, TOY_SOLUTION, TOY_SUITE, grade_toy, processes_named

FAULTS_SUITE = TOY / "suites" / "faults"


def broken_copy(tmp_path, old: str, new: str):
    """The toy suite with one line of its test file changed."""
    suite = tmp_path / "suite"
    shutil.copytree(TOY_SUITE, suite)
    test_file = suite / "test_toy.py"
    source = test_file.read_text()
    assert old in source, f"the toy suite no longer contains {old!r}"
    test_file.write_text(source.replace(old, new, 1))
    return suite


def assert_grader_error(results, *, where: str):
    assert results.broken and results.status == "error", results.table()
    assert any(where in error for error in results.errors), results.errors
    data = results.to_gradescope()
    assert "score" not in data and all("score" not in test for test in data["tests"]), data
    assert "GRADING FAILED" in data["output"] and "not your submission" in data["output"]


def test_a_suite_that_does_not_import_is_an_error(bwrap, tmp_path):
    suite = broken_copy(tmp_path, "import numpy as np\n", "import numpy as np\nimport no_such_module_here\n")
    results = grade_toy(TOY_SOLUTION, suite=suite)
    assert_grader_error(results, where="test_toy.py:3")
    assert "ModuleNotFoundError" in " ".join(results.errors)


def test_a_typo_in_a_test_body_is_an_error_not_the_students_failure(bwrap, tmp_path):
    suite = broken_copy(tmp_path, "expected.add(token)", "expectd.add(token)")
    results = grade_toy(TOY_SOLUTION, suite=suite)
    assert_grader_error(results, where="test_toy.py:31")
    counter = next(t for t in results.tests if t.name == "Counter counts tokens")
    assert counter.status == "error" and "NameError" in counter.output
    assert not counter.output.startswith("your code"), counter.output
    others = [t for t in results.tests if t is not counter]
    assert all(t.status == "passed" for t in others), results.table()


def test_a_missing_solution_is_an_error(bwrap, tmp_path):
    results = grade_toy(TOY_SOLUTION, solution=tmp_path / "nowhere.ipynb")
    assert_grader_error(results, where="nowhere.ipynb")
    assert "FileNotFoundError" in " ".join(results.errors)


def test_a_failing_internal_fixture_is_an_error(bwrap, tmp_path):
    suite = broken_copy(tmp_path, "import pytest\n", "import pytest\n\n\n@pytest.fixture\n"
                        "def reference():\n    raise RuntimeError('the data file is missing')\n")
    results = grade_toy(TOY_SOLUTION, suite=suite)
    assert_grader_error(results, where="test_toy.py:")
    assert "RuntimeError: the data file is missing" in " ".join(results.errors)


def test_a_skipped_test_is_an_error(bwrap, tmp_path):
    suite = broken_copy(tmp_path, "    result = student.softmax(np.array([[1000.0, 1000.0]]))",
                        "    pytest.skip('not ready')\n    result = student.softmax(np.array([[1000.0, 1000.0]]))")
    results = grade_toy(TOY_SOLUTION, suite=suite)
    assert_grader_error(results, where="test_toy.py:")
    assert results.max_score == 9, "a skipped test must not drop out of the maximum"


def test_cli_grade_exits_1_and_names_the_place(bwrap, tmp_path):
    suite = broken_copy(tmp_path, "import numpy as np\n", "import numpy as np\nimport no_such_module_here\n")
    out = tmp_path / "results.json"
    run = subprocess.run([sys.executable, "-m", "autograder", "grade", "toy", str(TOY_SOLUTION),
                          "--suite", str(suite), "--solution", str(TOY_SOLUTION), "--json", str(out)],
                         capture_output=True, text=True, timeout=300)
    assert run.returncode == 1, run.stdout + run.stderr
    assert "test_toy.py:3" in run.stdout and "GRADING FAILED" in run.stdout
    data = json.loads(out.read_text())
    assert "score" not in data and data["extra_data"]["status"] == "error"


def leftover_copies(submission: Path, since: float) -> list[Path]:
    """Copies of `submission` that grading runs since `since` left in the temporary folder."""
    text = submission.read_text()
    return [path for path in Path(tempfile.gettempdir()).glob("autograder-*/**/submission.py")
            if path.stat().st_mtime >= since and path.read_text() == text]


def test_batch_records_errors_and_goes_on_with_the_class(bwrap, tmp_path):
    submissions, out = tmp_path / "submissions", tmp_path / "out"
    submissions.mkdir()
    for name in ("fine", "unusual", "sleepy"):
        shutil.copy(TOY / "faults" / f"{name}.py", submissions / f"{name}.py")

    def batch():  # sleepy's run is stopped as a whole after 20 s
        return grade_all("toy", submissions, out, jobs=3, suite=FAULTS_SUITE, run_deadline=20, **FAST_LIMITS)

    started = time.time()
    summary = batch()
    assert not leftover_copies(submissions / "sleepy.py", since=started), "the stopped run left its job folder"
    assert summary.graded == ["fine"] and set(summary.errors) == {"unusual", "sleepy"}, str(summary)
    assert "KeyError" in summary.errors["unusual"] and "test_faults.py:" in summary.errors["unusual"]
    assert "ran past 20 s" in summary.errors["sleepy"]
    assert str(summary).startswith("graded 1, errors 2, unchanged 0")
    with (out / "grades.csv").open() as handle:
        rows = {row["student"]: row for row in csv.DictReader(handle)}
    assert rows["fine"]["score"] == "2.0" and rows["fine"]["status"] == "graded"
    assert rows["unusual"]["score"] == rows["sleepy"]["score"] == "error"
    assert "GRADING FAILED" in (out / "unusual" / "feedback.md").read_text()
    with sqlite3.connect(out / "gradebook.sqlite") as database:
        assert database.execute("SELECT COUNT(*) FROM errors").fetchone() == (2,)

    again = batch()  # errors are graded again; the graded student is unchanged
    assert again.unchanged == ["fine"] and set(again.errors) == {"unusual", "sleepy"}, str(again)


# Sleeps in the call the faults suite waits 300 s for, and names itself so that the test can look for it.
OUTLIVER = """import ctypes
import time


def answer():
    return 42


def mood():
    ctypes.CDLL(None).prctl(15, b"agoutlive", 0, 0, 0)  # PR_SET_NAME
    time.sleep(600)
    return "fine"
"""


@pytest.mark.parametrize("kind", ["bwrap", "unshare"])
def test_a_run_stopped_at_its_deadline_takes_its_sandbox_with_it(kind, bwrap, tmp_path):
    """The grading process is killed at the run's deadline, so it cannot stop its worker itself: the
    sandbox must die with it (the unshare fallback's worker lost its parent-death signal when it
    dropped to uid nobody, and slept on after the run)."""
    if kind == "unshare" and os.geteuid() != 0:
        pytest.skip("the unshare fallback is tested as root here (it needs mount rights)")
    submission = tmp_path / "outliver.py"
    submission.write_text(OUTLIVER)
    results = grading.grade("toy", submission, suite=FAULTS_SUITE, solution=TOY_SOLUTION, run_deadline=8,
                            sandbox=kind, **FAST_LIMITS)
    assert results.broken and "ran past 8 s" in results.errors[0], results.errors
    deadline = time.monotonic() + 10
    while processes_named("agoutlive") and time.monotonic() < deadline:
        time.sleep(0.2)
    left = processes_named("agoutlive")
    for pid in left:  # do not leave it to the rest of the test run
        os.kill(pid, signal.SIGKILL)
    assert not left, f"the {kind} sandbox outlived its grading run"


def test_the_student_side_of_a_fault_suite_still_fails_normally(bwrap, tmp_path):
    wrong = tmp_path / "wrong.py"
    wrong.write_text("def answer():\n    return 41\n\n\ndef mood():\n    return 'grumpy'\n")
    results = grading.grade("toy", wrong, suite=FAULTS_SUITE, **FAST_LIMITS)
    assert not results.broken and results.score == 0, results.table()
    assert [t.status for t in results.tests] == ["failed", "failed"]


BUDGETS_SUITE = TOY / "suites" / "budgets"
EXPECTED_BUDGET_STATUSES = {"sleeping is not charged to the budget": "passed",
                            "0.3 CPU seconds of work within a budget of 1": "passed",
                            "1.2 CPU seconds of work against a budget of 1": "failed",
                            "work that never ends is stopped at 1.5 x the budget": "failed",
                            "the CPU time of a child process counts": "passed",
                            "accepts_keyword tells which keywords a function takes": "passed",
                            "the measured CPU seconds of 0.2 seconds of work are reported": "passed"}


def grade_budgets():
    results = grading.grade("toy", TOY / "budgets.py", suite=BUDGETS_SUITE, **FAST_LIMITS)
    assert not results.broken, results.table()
    return results


@pytest.fixture(scope="module")
def quiet_budgets(bwrap):
    """The budgets suite graded once on the machine as it is (its CPU hogs are the tests' own)."""
    return grade_budgets()


def test_budgets_are_cpu_seconds_whatever_the_load(quiet_budgets):
    quiet = quiet_budgets
    assert {t.name: t.status for t in quiet.tests} == EXPECTED_BUDGET_STATUSES, quiet.table()
    messages = {t.name: t.output for t in quiet.tests}
    assert "used 1.2 CPU seconds" in messages["1.2 CPU seconds of work against a budget of 1"]
    assert "the budget is 1 s" in messages["1.2 CPU seconds of work against a budget of 1"]
    assert "stopped after 2 CPU seconds, 1.5 x the budget" in \
        messages["work that never ends is stopped at 1.5 x the budget"]
    # A CPU hog on every core: the wall clock of each stage grows, what it is charged does not.
    hogs = [subprocess.Popen([sys.executable, "-c", "while True: pass"]) for _ in range(2)]
    try:
        loaded = grade_budgets()
    finally:
        for hog in hogs:
            hog.kill()
            hog.wait()
    assert [(t.name, t.status, t.score) for t in loaded.tests] == \
        [(t.name, t.status, t.score) for t in quiet.tests], loaded.table()


def test_measurements_are_reported_and_shown_by_check(quiet_budgets, tmp_path):
    results = quiet_budgets
    (measurement,) = results.measurements
    assert measurement.name == "CPU seconds of burn(0.2)" and 0.15 <= measurement.value <= 1.0
    assert measurement.meets_bar and "bar: <= 1 s: met" in measurement.describe()
    data = results.to_gradescope()
    assert data["leaderboard"] == [{"name": "CPU seconds of burn(0.2)",
                                    "value": round(measurement.value, 4), "order": "asc"}]
    assert "What the grader measured" in results.feedback_markdown("someone")
    public = tmp_path / "test_public.py"
    public.write_text("import pytest\n\n\n@pytest.mark.points(1)\ndef test_answer(student):\n"
                      "    assert student.flexible(a=1) == {'a': 1}\n")
    run = subprocess.run([sys.executable, "-m", "autograder", "check", "toy", str(TOY / "budgets.py"),
                          "--public", str(public), "--suite", str(BUDGETS_SUITE)],
                         capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "1/1" in run.stdout and "CPU seconds of burn(0.2): " in run.stdout, run.stdout
    assert "stopped at 1.5 x the budget" not in run.stdout  # hidden tests that do not measure never run

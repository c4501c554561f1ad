"""Batch grading: per-student results and feedback, grades.csv, a resumable SQLite gradebook."""
import csv
import os
import shutil
import sqlite3
import subprocess
import sys
import time

from autograder.batch import grade_all
from tests.autograder.conftest import FAST_LIMITS, TOY_SOLUTION, TOY_SUITE, ZEROS


def batch(submissions, out, **options):
    return str(grade_all("toy", submissions, out, **{"jobs": 2, "suite": TOY_SUITE,
                                                      "solution": TOY_SOLUTION, **FAST_LIMITS,
                                                      **options}))


def test_batch_grades_resumes_and_regrades(bwrap, tmp_path):
    submissions, out = tmp_path / "submissions", tmp_path / "out"
    (submissions / "bob").mkdir(parents=True)
    shutil.copy(TOY_SOLUTION, submissions / "bob" / "toy.ipynb")
    shutil.copy(ZEROS, submissions / "alice.py")
    (submissions / "carol.ipynb").write_text("not a notebook")

    assert batch(submissions, out).startswith("graded 3, errors 0, unchanged 0")
    with (out / "grades.csv").open() as handle:
        grades = {row["student"]: float(row["score"]) for row in csv.DictReader(handle)}
    assert grades == {"alice": 0.0, "bob": 9.0, "carol": 0.0}
    assert "Score: 9/9" in (out / "bob" / "feedback.md").read_text()
    assert "not valid JSON" in (out / "carol" / "feedback.md").read_text()
    assert (out / "alice" / "results.json").is_file()

    assert batch(submissions, out).startswith("graded 0, errors 0, unchanged 3")
    shutil.copy(TOY_SOLUTION, submissions / "alice.py")  # a .py that is a notebook: fails to parse
    shutil.copy(ZEROS, submissions / "carol.ipynb")
    assert batch(submissions, out).startswith("graded 2, errors 0, unchanged 1")
    assert batch(submissions, out, regrade=True).startswith("graded 3, errors 0, unchanged 0")
    rows = sqlite3.connect(out / "gradebook.sqlite").execute("SELECT COUNT(*) FROM grades").fetchone()
    assert rows == (3,)


def graded_count(database) -> int:
    try:
        with sqlite3.connect(database) as connection:
            return connection.execute("SELECT COUNT(*) FROM grades").fetchone()[0]
    except sqlite3.OperationalError:  # not created yet
        return 0


def test_killed_batch_keeps_finished_grades(bwrap, tmp_path):
    submissions, out = tmp_path / "submissions", tmp_path / "out"
    submissions.mkdir()
    for number in range(4):
        shutil.copy(ZEROS, submissions / f"student{number}.py")
    command = [sys.executable, "-m", "autograder", "batch", "toy", str(submissions), "--out", str(out),
               "-j", "1", "--suite", str(TOY_SUITE), "--solution", str(TOY_SOLUTION)]
    # Killed, the batch cannot remove its gradings' temporary folders: they go to the test's folder,
    # not the machine's /tmp.
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    run = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                           env={**os.environ, "TMPDIR": str(scratch)})
    deadline = time.monotonic() + 240
    while graded_count(out / "gradebook.sqlite") == 0 and time.monotonic() < deadline:
        time.sleep(0.2)
    run.kill()
    run.wait()
    kept = graded_count(out / "gradebook.sqlite")
    assert 1 <= kept < 4
    summary = batch(submissions, out)
    assert summary.startswith(f"graded {4 - kept}, errors 0, unchanged {kept}")
    assert graded_count(out / "gradebook.sqlite") == 4


def test_batch_writes_a_pseudonymous_leaderboard_of_measured_numbers(bwrap, tmp_path):
    from autograder.leaderboard import course_secret, pseudonym
    from tests.autograder.conftest import TOY
    submissions, out = tmp_path / "submissions", tmp_path / "out"
    submissions.mkdir()
    budgets = (TOY / "budgets.py").read_text()
    (submissions / "quick.py").write_text(budgets)
    # Twice the work for the measured call: a worse (higher) entry on the leaderboard.
    (submissions / "slow.py").write_text(budgets.replace("def burn(seconds):\n",
                                                         "def burn(seconds):\n    seconds *= 2\n"))
    summary = grade_all("toy", submissions, out, jobs=2, suite=TOY / "suites" / "budgets",
                        select="measurement", **FAST_LIMITS)
    assert summary.leaderboard == out / "leaderboard.html", str(summary)
    with (out / "leaderboard.csv").open() as handle:
        rows = list(csv.DictReader(handle))
    secret = course_secret(out)  # the one the batch made beside its gradebook
    assert [row["entry"] for row in rows] == [pseudonym("quick", secret), pseudonym("slow", secret)]
    values = [float(row["CPU seconds of burn(0.2)"]) for row in rows]
    assert values[0] < values[1] and values[1] >= 0.3, values
    page = (out / "leaderboard.html").read_text()
    assert "quick" not in page and "slow" not in page and pseudonym("slow", secret) in page
    assert secret.hex() not in page
    for student in ("quick", "slow"):  # each student learns their own entry, and only theirs
        feedback = (out / student / "feedback.md").read_text()
        assert f"`{pseudonym(student, secret)}`" in feedback
        assert pseudonym("slow" if student == "quick" else "quick", secret) not in feedback

"""Batch grading: per-student results and feedback, grades.csv, a resumable SQLite gradebook."""
import csv
import shutil
import sqlite3

from autograder.batch import grade_all
from tests.autograder.conftest import FAST_LIMITS, TOY_SOLUTION, TOY_SUITE, ZEROS


def batch(submissions, out, **options):
    return grade_all("toy", submissions, out, jobs=2, suite=TOY_SUITE, solution=TOY_SOLUTION,
                     **FAST_LIMITS, **options)


def test_batch_grades_resumes_and_regrades(bwrap, tmp_path):
    submissions, out = tmp_path / "submissions", tmp_path / "out"
    (submissions / "bob").mkdir(parents=True)
    shutil.copy(TOY_SOLUTION, submissions / "bob" / "toy.ipynb")
    shutil.copy(ZEROS, submissions / "alice.py")
    (submissions / "carol.ipynb").write_text("not a notebook")

    assert batch(submissions, out).startswith("graded 3, skipped 0")
    with (out / "grades.csv").open() as handle:
        grades = {row["student"]: float(row["score"]) for row in csv.DictReader(handle)}
    assert grades == {"alice": 0.0, "bob": 9.0, "carol": 0.0}
    assert "Score: 9/9" in (out / "bob" / "feedback.md").read_text()
    assert "not valid JSON" in (out / "carol" / "feedback.md").read_text()
    assert (out / "alice" / "results.json").is_file()

    assert batch(submissions, out).startswith("graded 0, skipped 3")
    shutil.copy(TOY_SOLUTION, submissions / "alice.py")  # a .py that is a notebook: fails to parse
    shutil.copy(ZEROS, submissions / "carol.ipynb")
    assert batch(submissions, out).startswith("graded 2, skipped 1")
    assert batch(submissions, out, regrade=True).startswith("graded 3, skipped 0")
    rows = sqlite3.connect(out / "gradebook.sqlite").execute("SELECT COUNT(*) FROM grades").fetchone()
    assert rows == (3,)

"""One assignment through a whole term on a temporary nbgrader exchange, with the instructor guide's
own commands: release, five students (correct after a resubmission, buggy, late, missing, wrong
notebook), a deadline, collect, grade, a regrade, feedback back to every student, export, the
Gradescope bundle. The term runs once per test session; each test checks one outcome of it."""
import csv
import datetime as dt
import json
import os
import subprocess
import sys
import time
import zipfile
from pathlib import Path
from types import SimpleNamespace

import pytest
import yaml
from nbgrader.api import Gradebook

from autograder.course.export import cell_name
from tests.conftest import require_tool

from tests.course.formgrader import formgrader
from tests.course.guide import nbgrader_config, step_commands
from tests.course.nbgrader_student import Student
from tests.course.student_notebooks import STUDENT_ANSWER, fill_in, swap_for_other_assignment

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "artifacts" / "course"  # git-ignored, like the book's screenshots
ASSIGNMENT = "a1_softmax"  # its full hidden suite grades in seconds, so no test is deselected
OTHER_ASSIGNMENT = "a3_ngram"
BUG = "bug_gradient_sign_flipped"
COURSE_ID = "nlp101"
ROSTER = ["alice", "bob", "carol", "dave", "erin"]
REGRADED = "bob"
WRITTEN = "written_softmax_gradients"  # a1's written question, graded by course staff
# Every step of the guide runs in the term below, except publishing (a push to the repository host).
STEPS_RUN = ["roster", "release", "deadline", "collect", "grade", "regrade", "feedback", "export",
             "gradescope"]


def utc_now() -> str:
    return dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M:%S.%f UTC")


class Instructor:
    """Runs the guide's command for a step in the course directory, with the guide's variables."""

    def __init__(self, course: Path, home: Path):
        self.course = course
        self.commands = step_commands()
        scripts = str(Path(sys.executable).parent)  # `python` and `nbgrader` of this environment
        self.env = {**os.environ, "HOME": str(home), "PATH": scripts + os.pathsep + os.environ["PATH"],
                    "ASSIGNMENT": ASSIGNMENT, "STUDENT": REGRADED}
        self.seconds = {}

    def run(self, step: str, **variables: str) -> str:
        start = time.perf_counter()
        result = subprocess.run(["bash", "-c", self.commands[step]], cwd=self.course, text=True,
                                capture_output=True, env={**self.env, **variables}, timeout=300)
        self.seconds[step] = self.seconds.get(step, 0.0) + time.perf_counter() - start
        assert result.returncode == 0, f"step {step} failed:\n{result.stdout}\n{result.stderr}"
        return result.stdout


@pytest.fixture(scope="session")
def term(tmp_path_factory):
    require_tool("bwrap")
    tmp = tmp_path_factory.mktemp("term")
    course, exchange = tmp / "course", tmp / "exchange"
    course.mkdir()
    (course / "nbgrader_config.py").write_text(nbgrader_config(exchange))
    (course / "students.csv").write_text("id,first_name,last_name,email\n" +
                                         "".join(f"{name},{name.title()},Student,\n" for name in ROSTER))
    instructor = Instructor(course, tmp / "home" / "instructor")
    students = {name: Student(name, tmp / "home" / name, COURSE_ID, exchange) for name in ROSTER}
    instructor.run("roster")
    start = time.perf_counter()
    instructor.run("release", DUE=(dt.datetime.now(dt.timezone.utc) + dt.timedelta(days=7)).strftime(
        "%Y-%m-%d %H:%M:%S UTC"))
    folders = {name: students[name].fetch(ASSIGNMENT) for name in ("alice", "bob", "carol", "erin")}
    students["alice"].submit(ASSIGNMENT)  # the untouched release first...
    fill_in(folders["alice"], ASSIGNMENT)
    students["alice"].submit(ASSIGNMENT)  # ...then the finished notebook: this one counts
    fill_in(folders["bob"], ASSIGNMENT, bug=BUG)
    students["bob"].submit(ASSIGNMENT)
    swap_for_other_assignment(folders["erin"], ASSIGNMENT, OTHER_ASSIGNMENT)
    students["erin"].submit(ASSIGNMENT)
    instructor.run("deadline", DUE=utc_now())  # the deadline passes now
    fill_in(folders["carol"], ASSIGNMENT)
    students["carol"].submit(ASSIGNMENT)

    instructor.run("collect")
    graded_output = instructor.run("grade")
    first_results = {name: read_results(course, name) for name in ("alice", "bob", "carol")}
    first_written = {name: results_path(course, name).stat().st_mtime_ns for name in first_results}
    instructor.run("regrade")
    regraded = {name for name, mtime in first_written.items()
                if results_path(course, name).stat().st_mtime_ns != mtime}
    instructor.run("feedback")
    feedback = {name: students[name].fetch_feedback(ASSIGNMENT) for name in folders}
    cycle = time.perf_counter() - start
    instructor.run("export")
    manual = ta_grades_written_cell(course, REGRADED)
    instructor.run("regrade")  # the TA's grade must survive a regrade of the same student...
    export_again = instructor.run("export")  # ...and the export after it
    instructor.run("gradescope")
    steps = ", ".join(f"{step} {seconds:.1f} s" for step, seconds in instructor.seconds.items())
    print(f"\nrelease -> submit -> collect -> grade -> regrade -> feedback fetched: {cycle:.1f} s; "
          f"instructor steps: {steps}")
    return SimpleNamespace(course=course, graded_output=graded_output, regraded=regraded,
                           first_results=first_results, feedback=feedback, manual=manual,
                           export_again=export_again)


def gradebook_of(course: Path) -> Gradebook:
    return Gradebook(f"sqlite:///{course / 'gradebook.db'}", COURSE_ID)


def ta_grades_written_cell(course: Path, student: str) -> float:
    """What a TA does in formgrader, through nbgrader's API: a manual score and a comment."""
    with gradebook_of(course) as gradebook:
        grade = gradebook.find_grade(WRITTEN, ASSIGNMENT, ASSIGNMENT, student)
        grade.manual_score = grade.max_score - 3
        grade.needs_manual_grade = False
        gradebook.find_comment(WRITTEN, ASSIGNMENT, ASSIGNMENT, student).manual_comment = "step 2: sign"
        gradebook.db.commit()
        return grade.manual_score


def results_path(course: Path, student: str) -> Path:
    return course / "graded" / ASSIGNMENT / "results" / student / "results.json"


def read_results(course: Path, student: str) -> dict:
    return json.loads(results_path(course, student).read_text())


def max_score(results: dict) -> float:
    return sum(test["max_score"] for test in results["tests"])


def page_of(term, student: str) -> str:
    pages = term.feedback[student]
    assert len(pages) == 1, f"{student} fetched {len(pages)} feedback pages, expected 1: {pages}"
    return pages[0].read_text()


def exported_rows(term) -> dict[str, dict]:
    with open(term.course / "grades.csv", newline="") as handle:
        return {row["student_id"]: row for row in csv.DictReader(handle) if row["assignment"] == ASSIGNMENT}


def outcome_line(term, student: str) -> str:
    lines = [line for line in term.graded_output.splitlines() if line.split()[:1] == [student]]
    assert len(lines) == 1, f"`grade` printed no single line for {student}:\n{term.graded_output}"
    return lines[0]


def test_the_guide_shows_each_step_the_term_runs():
    assert list(step_commands()) == [*STEPS_RUN, "publish"]


def test_publishing_is_a_push_that_the_book_workflow_builds():
    assert step_commands()["publish"] == "git push origin main"
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "book.yml").read_text())
    triggers = workflow[True] if True in workflow else workflow["on"]  # YAML 1.1 reads `on` as True
    assert "main" in triggers["push"]["branches"]
    assert any("make book" in step.get("run", "") for step in workflow["jobs"]["build"]["steps"])


def test_the_resubmitted_correct_notebook_gets_full_marks(term):
    results = read_results(term.course, "alice")
    assert results["score"] == pytest.approx(max_score(results)) and max_score(results) > 0
    assert "latest of your 2 submissions" in outcome_line(term, "alice")


def test_every_version_of_a_resubmission_is_kept(term):
    versions = sorted((term.course / "archive" / ASSIGNMENT / "alice").iterdir())
    assert len(versions) == 2
    first, latest = [(version / f"{ASSIGNMENT}.ipynb").read_text() for version in versions]
    assert "NotImplementedError" in first and "NotImplementedError" not in latest
    assert (term.course / "submitted" / "alice" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb").read_text() == latest


def test_the_buggy_notebook_loses_points_with_a_reason(term):
    results = read_results(term.course, "bob")
    failed = [test for test in results["tests"] if test["score"] < test["max_score"]]
    assert 0 < results["score"] < max_score(results) and failed
    assert all(test["output"].strip() for test in failed), "every lost point needs a message"


def test_the_late_notebook_is_graded_and_flagged(term):
    results = read_results(term.course, "carol")
    assert results["score"] == pytest.approx(max_score(results))
    assert "after the due date" in outcome_line(term, "carol")
    assert "after the due date" not in outcome_line(term, "alice") + outcome_line(term, "bob")
    row = exported_rows(term)["carol"]
    assert dt.datetime.fromisoformat(row["timestamp"]) > dt.datetime.fromisoformat(row["duedate"])


def test_the_wrong_notebook_is_not_graded_and_not_lost(term):
    assert not (term.course / "graded" / ASSIGNMENT / "results" / "erin").exists()
    assert "not a1_softmax.ipynb" in outcome_line(term, "erin")
    kept = [term.course / "submitted" / "erin" / ASSIGNMENT]
    kept += list((term.course / "archive" / ASSIGNMENT / "erin").iterdir())
    for folder in kept:
        assert (folder / f"{OTHER_ASSIGNMENT}.ipynb").is_file(), f"erin's notebook is missing from {folder}"
    page = page_of(term, "erin")
    assert term.feedback["erin"][0].name == f"{OTHER_ASSIGNMENT}.html"
    assert "not a1_softmax.ipynb" in page and "Score: 0" in page


def test_the_missing_student_is_reported_and_scores_zero(term):
    assert "missing" in outcome_line(term, "dave")
    assert not (term.course / "submitted" / "dave").exists()
    assert float(exported_rows(term)["dave"]["score"]) == 0


def test_regrading_one_student_grades_only_them_to_the_same_score(term):
    assert term.regraded == {REGRADED}
    for name, first in term.first_results.items():
        assert read_results(term.course, name)["score"] == first["score"], f"{name}'s score changed"


def test_each_student_fetches_a_page_with_their_own_grades(term):
    for name in ("alice", "bob", "carol"):
        results, page = read_results(term.course, name), page_of(term, name)
        assert f"Score: {results['score']:g}/{max_score(results):g}" in page
        assert f"feedback for {name}" in page
        for test in results["tests"]:
            assert test["name"] in page, f"{name}'s page lacks the test {test['name']}"
    assert "after the due date" in page_of(term, "carol")
    assert "dave" not in term.feedback


def written_points() -> float:
    notebook = json.loads((ROOT / "solutions" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb").read_text())
    return sum(cell["metadata"]["nbgrader"]["points"] for cell in notebook["cells"]
               if cell["cell_type"] == "markdown" and cell["metadata"].get("nbgrader", {}).get("grade"))


def test_grades_land_in_the_nbgrader_gradebook_and_its_csv(term):
    rows = exported_rows(term)
    assert set(rows) == set(ROSTER)
    full_marks = max_score(read_results(term.course, "alice")) + written_points()
    with gradebook_of(term.course) as gradebook:
        for name in ROSTER:
            expected = read_results(term.course, name)["score"] if name in term.first_results else 0.0
            expected += term.manual if name == REGRADED else 0.0  # autograded + manual points
            if name != "dave":
                assert gradebook.find_submission(ASSIGNMENT, name).score == pytest.approx(expected)
            assert float(rows[name]["score"]) == pytest.approx(expected), f"{name}: {rows[name]}"
            assert float(rows[name]["max_score"]) == pytest.approx(full_marks)
        for test in read_results(term.course, "bob")["tests"]:  # one grade cell per hidden test
            grade = gradebook.find_grade(cell_name(test["name"]), ASSIGNMENT, ASSIGNMENT, "bob")
            assert (grade.score, grade.max_score) == (pytest.approx(test["score"]), test["max_score"])


def test_a_manual_grade_survives_a_regrade_and_an_export(term):
    assert term.manual > 0 and written_points() > 0
    with gradebook_of(term.course) as gradebook:
        grade = gradebook.find_grade(WRITTEN, ASSIGNMENT, ASSIGNMENT, REGRADED)
        assert (grade.manual_score, grade.max_score) == (term.manual, written_points())
        comment = gradebook.find_comment(WRITTEN, ASSIGNMENT, ASSIGNMENT, REGRADED)
        assert comment.manual_comment == "step 2: sign"
        waiting = gradebook.find_grade(WRITTEN, ASSIGNMENT, ASSIGNMENT, "alice")
        assert waiting.manual_score is None and waiting.needs_manual_grade  # formgrader lists it to grade
    assert "changed since it was graded" not in term.export_again  # same notebook: nothing to redo


def test_formgrader_reads_the_graded_notebook_with_the_written_answer(term):
    notebook = term.course / "autograded" / REGRADED / ASSIGNMENT / f"{ASSIGNMENT}.ipynb"
    answer = [cell for cell in json.loads(notebook.read_text())["cells"]
              if cell["metadata"].get("nbgrader", {}).get("grade_id") == WRITTEN]
    assert len(answer) == 1 and STUDENT_ANSWER in "".join(answer[0]["source"])
    assert "Rubric" not in notebook.read_text()


def test_formgrader_opens_the_written_cell_for_grading(term, browser, tmp_path):
    """The real formgrader page of bob's submission, in Chromium: the written answer, its grade box with
    the TA's score out of the cell's points, and the TA's comment; a screenshot under artifacts/course/."""
    with gradebook_of(term.course) as gradebook:
        submission_id = gradebook.find_submission_notebook(ASSIGNMENT, ASSIGNMENT, REGRADED).id
    with formgrader(term.course, tmp_path / "home") as (base, token):
        # The token as a header on every request: formgrader's page loads the grades with its own calls.
        context = browser.new_context(viewport={"width": 1200, "height": 900},
                                      extra_http_headers={"Authorization": f"token {token}"})
        try:
            page = context.new_page()
            page.goto(f"{base}/formgrader/submissions/{submission_id}/", timeout=120_000)
            page.wait_for_function(f"document.querySelector('input#{WRITTEN}') && "
                                   f"document.querySelector('input#{WRITTEN}').value !== ''", timeout=60_000)
            assert float(page.locator(f"input#{WRITTEN}").input_value()) == term.manual
            assert page.locator(f"#{WRITTEN}-comment").input_value() == "step 2: sign"
            cell = page.locator(f"div.cell:has(input#{WRITTEN})")
            text = cell.inner_text()
            assert STUDENT_ANSWER.split("$")[0].strip() in text and f"/ {written_points():.1f}" in text, text
            ARTIFACTS.mkdir(parents=True, exist_ok=True)
            path = ARTIFACTS / "formgrader_written_cell.png"
            cell.screenshot(path=str(path))
            assert path.stat().st_size > 5_000, f"the screenshot {path} is suspiciously small"
            print(f"screenshot: {path}")
        finally:
            context.close()


def test_the_gradescope_bundle_is_built(term):
    with zipfile.ZipFile(term.course / f"{ASSIGNMENT}-gradescope.zip") as bundle:
        names = bundle.namelist()
    assert "setup.sh" in names and "run_autograder" in names, names

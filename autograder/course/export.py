"""Export: the autograder's per-test scores go into nbgrader's gradebook (gradebook.db, the course's one
record of grades), so formgrader shows them beside the written answers that course staff grade there,
then nbgrader's CSV exporter (what `nbgrader export` runs) writes grades.csv with due dates, submission
times and totals (autograded + manual points). Each hidden test becomes one autograded grade cell of the
assignment's notebook, each written answer cell a manually graded one. Export writes only the
autograded scores: a manual grade is never overwritten, whatever is regraded or exported again."""
import re
import shutil
from pathlib import Path

from nbgrader.api import Comment, Grade, Gradebook, MissingEntry
from nbgrader.plugins import CsvExportPlugin

from autograder import written
from autograder.results import Results

from .course_dir import Course
from .grade import graded_copy, graded_results
from .intake import MISSING, READY, Submission, intake

MAX_CELL_NAME = 128  # nbgrader's column width for grade cell names


def export(course: Course, assignment: str, csv_path: Path) -> tuple[Path, list[str]]:
    """Record every collected submission's grades in the gradebook, then write nbgrader's CSV of
    every assignment and student on the roster (0 for those who never submitted). Returns the CSV
    and a line per manual grade whose answer changed since the last export (to grade again)."""
    submissions = [s for s in intake(course, assignment) if s.status != MISSING]
    results = {s.student: graded_results(course, s) for s in submissions if s.status == READY}
    tests = _test_points(results.values())
    questions = written.written_cells(assignment)
    changed = []
    with Gradebook(course.db_url, course.course_id) as gradebook:
        gradebook.update_or_create_notebook(assignment, assignment)
        for name, points in tests.items():
            gradebook.update_or_create_grade_cell(name, assignment, assignment, max_score=points,
                                                  cell_type="code")
        for question in questions:
            gradebook.update_or_create_grade_cell(question.grade_id, assignment, assignment,
                                                  max_score=question.points, cell_type="markdown")
        for grade_id in written.solution_cell_ids(assignment):
            gradebook.update_or_create_solution_cell(grade_id, assignment, assignment)
        for submission in submissions:
            _record(gradebook, submission, results.get(submission.student), set(tests))
            if submission.status == READY:
                changed += show_in_formgrader(course, gradebook, submission)
        CsvExportPlugin(config=course.config, to=str(csv_path)).export(gradebook)
    return Path(csv_path), changed


def _test_points(all_results) -> dict[str, float]:
    """Grade cell name -> points, over every graded submission (all share the assignment's suite)."""
    points = {}
    for results in all_results:
        for test in results.tests:
            points[cell_name(test.name)] = test.max_score
    return points


def _record(gradebook: Gradebook, submission: Submission, results: Results | None, tests: set[str]) -> None:
    # One row per student, updated in place: a regrade or a resubmission replaces the autograded
    # scores, never adds a row, and never touches the manual grades course staff gave.
    gradebook.update_or_create_student(submission.student)
    try:
        row = gradebook.find_submission(submission.assignment, submission.student)
        row.timestamp = submission.timestamp
    except MissingEntry:
        gradebook.add_submission(submission.assignment, submission.student, timestamp=submission.timestamp)
    notebook = gradebook.find_submission_notebook(submission.assignment, submission.assignment,
                                                  submission.student)
    _add_missing_rows(gradebook, notebook)
    scores = {cell_name(test.name): test.score for test in results.tests} if results else {}
    for grade in notebook.grades:
        if grade.cell.name in tests:
            grade.auto_score, grade.needs_manual_grade = scores.get(grade.cell.name, 0.0), False
    gradebook.db.commit()


def _add_missing_rows(gradebook: Gradebook, notebook) -> None:
    """Grades and comments for cells added since the submission was first recorded (a new test)."""
    graded = {grade.cell_id for grade in notebook.grades}
    commented = {comment.cell_id for comment in notebook.comments}
    for cell in notebook.notebook.grade_cells:
        if cell.id not in graded:
            gradebook.db.add(Grade(cell_id=cell.id, notebook=notebook))
    for cell in notebook.notebook.solution_cells:
        if cell.id not in commented:
            gradebook.db.add(Comment(cell_id=cell.id, notebook=notebook))


def show_in_formgrader(course: Course, gradebook: Gradebook, submission: Submission) -> list[str]:
    """Put the graded version where formgrader reads it (nbgrader's autograded folder); returns a line
    for each written answer that changed since the copy a manual grade was given on."""
    folder = course.step_dir("autograded", submission.student, submission.assignment)
    target = folder / f"{submission.assignment}.ipynb"
    source = graded_copy(course, submission)
    before = written.answers(target) if target.is_file() else {}
    now = written.answers(source)
    changed = []
    for grade_id, text in before.items():
        grade = gradebook.find_grade(grade_id, submission.assignment, submission.assignment, submission.student)
        if grade.manual_score is not None and now.get(grade_id) != text:
            changed.append(f"{submission.student}'s {grade_id} changed since it was graded "
                           f"({grade.manual_score:g}/{grade.max_score:g} kept): grade it again in formgrader")
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy2(source, target)
    shutil.copy2(submission.folder / "timestamp.txt", folder / "timestamp.txt")
    return changed


def cell_name(test_name: str) -> str:
    """The grade cell of a hidden test in nbgrader's gradebook: its name made a valid HTML id, because
    formgrader finds each cell's score box with the jQuery selector "#" + name, which a quote, a bracket or
    a colon in a test's name breaks (and then no score on the page shows)."""
    return re.sub(r"[^A-Za-z0-9_-]+", "_", test_name).strip("_")[:MAX_CELL_NAME]

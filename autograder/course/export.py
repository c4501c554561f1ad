"""Export: the autograder's per-test scores go into nbgrader's gradebook (gradebook.db), so
formgrader shows them, then nbgrader's CSV exporter (what `nbgrader export` runs) writes grades.csv
with due dates, submission times and totals. Each hidden test becomes one autograded grade cell of
the assignment's notebook; a submission with nothing graded (another assignment's notebook) scores 0 on each."""
from pathlib import Path

from nbgrader.api import Gradebook, MissingEntry
from nbgrader.plugins import CsvExportPlugin

from autograder.results import Results

from .course_dir import Course
from .grade import graded_results
from .intake import MISSING, READY, Submission, intake

MAX_CELL_NAME = 128  # nbgrader's column width for grade cell names


def export(course: Course, assignment: str, csv_path: Path) -> Path:
    """Record every collected submission's grades in the gradebook, then write nbgrader's CSV of
    every assignment and student on the roster (0 for those who never submitted)."""
    submissions = [s for s in intake(course, assignment) if s.status != MISSING]
    results = {s.student: graded_results(course, s) for s in submissions if s.status == READY}
    tests = _test_points(results.values())
    with Gradebook(course.db_url, course.course_id) as gradebook:
        gradebook.update_or_create_notebook(assignment, assignment)
        for name, points in tests.items():
            gradebook.update_or_create_grade_cell(name, assignment, assignment, max_score=points,
                                                  cell_type="code")
        for submission in submissions:
            _record(gradebook, submission, results.get(submission.student))
        CsvExportPlugin(config=course.config, to=str(csv_path)).export(gradebook)
    return Path(csv_path)


def _test_points(all_results) -> dict[str, float]:
    """Grade cell name -> points, over every graded submission (all share the assignment's suite)."""
    points = {}
    for results in all_results:
        for test in results.tests:
            points[_cell_name(test.name)] = test.max_score
    return points


def _record(gradebook: Gradebook, submission: Submission, results: Results | None) -> None:
    # Rebuilt on every export, so a regrade or a resubmission replaces the old row, never adds one.
    gradebook.update_or_create_student(submission.student)
    try:
        gradebook.remove_submission(submission.assignment, submission.student)
    except MissingEntry:
        pass
    gradebook.add_submission(submission.assignment, submission.student, timestamp=submission.timestamp)
    scores = {_cell_name(test.name): test.score for test in results.tests} if results else {}
    for grade in gradebook.find_submission_notebook(submission.assignment, submission.assignment,
                                                    submission.student).grades:
        grade.auto_score = scores.get(grade.cell.name, 0.0)
    gradebook.db.commit()


def _cell_name(test_name: str) -> str:
    return test_name[:MAX_CELL_NAME]

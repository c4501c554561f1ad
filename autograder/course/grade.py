"""Grade: the collected notebooks go to the autograder's batch grading (sandboxed hidden suite,
per-student results.json and feedback, its own resumable gradebook); batch skips what it already
graded unchanged, so a resubmission is graded and an unchanged notebook is not. Naming students
regrades exactly them. The course only chooses what to hand to batch; batch's recorded fingerprint
tells feedback and export a graded version from a newer one. The copy of each graded notebook is what
formgrader and the similarity report read."""
import shutil
from pathlib import Path

from autograder.batch import fingerprint_files, grade_all
from autograder.gradebook import Gradebook as BatchGradebook
from autograder.results import Results

from .course_dir import Course, CourseError
from .intake import READY, Submission, intake


def grade(course: Course, assignment: str, students: list[str] | None = None, jobs: int = 1) -> str:
    """Grade every new or changed collected notebook, or regrade exactly `students`; returns
    batch's summary line."""
    submissions = intake(course, assignment)
    if students:
        todo = _named(students, submissions)
    else:
        todo = [s for s in submissions if s.status == READY]
    inbox = course.graded_dir(assignment) / "submissions"
    shutil.rmtree(inbox, ignore_errors=True)
    inbox.mkdir(parents=True)
    for submission in todo:
        shutil.copy2(submission.notebook, inbox / _inbox_name(submission))
    summary = grade_all(assignment, inbox, results_dir(course, assignment), jobs=jobs,
                        regrade=bool(students))
    for submission in todo:
        graded_copy(course, submission).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(inbox / _inbox_name(submission), graded_copy(course, submission))
    return str(summary)


def results_dir(course: Course, assignment: str) -> Path:
    return course.graded_dir(assignment) / "results"


def results_file(course: Course, assignment: str, student: str) -> Path:
    """The batch command's results of one student (Results.read_json reads them)."""
    return results_dir(course, assignment) / student / "results.json"


def graded_results(course: Course, submission: Submission) -> Results:
    """The results of the submission's collected version; CourseError when it is not graded yet
    (a resubmission collected after the last `grade` must not get the old version's grade). Batch's
    fingerprint decides, the one it skips unchanged notebooks by: what it recorded for the student
    against the collected notebook's."""
    path = results_file(course, submission.assignment, submission.student)
    book = results_dir(course, submission.assignment) / "gradebook.sqlite"
    recorded = None
    if book.is_file():
        batch_book = BatchGradebook(book)
        recorded = batch_book.fingerprints(submission.assignment).get(submission.student)
        batch_book.close()
    collected = fingerprint_files([(_inbox_name(submission), submission.notebook.read_bytes())])
    if not (path.is_file() and recorded == collected):
        raise CourseError(f"{submission.student}'s collected submission of "
                          f"{submission.timestamp:%Y-%m-%d %H:%M:%S} UTC is not graded yet: "
                          f"run `python -m autograder.course grade {submission.assignment}`")
    results = Results.read_json(path)
    if results.broken:
        raise CourseError(f"grading {submission.student}'s submission failed (the grader's fault, "
                          f"not theirs): {'; '.join(results.errors)[:500]}; fix it and run "
                          f"`python -m autograder.course grade {submission.assignment} "
                          f"--student {submission.student}`")
    return results


def _inbox_name(submission: Submission) -> str:
    return f"{submission.student}.ipynb"  # batch names each student after their file


def graded_copy(course: Course, submission: Submission) -> Path:
    return course.graded_dir(submission.assignment) / "graded_notebooks" / f"{submission.student}.ipynb"


def _named(students: list[str], submissions: list[Submission]) -> list[Submission]:
    known = {s.student: s for s in submissions}
    unknown = [name for name in students if name not in known]
    if unknown:
        raise CourseError(f"no student {', '.join(unknown)} on the roster or among the collected "
                          f"submissions; known: {', '.join(sorted(known)) or 'none'}")
    not_ready = [f"{name} ({known[name].message()})" for name in students if known[name].status != READY]
    if not_ready:
        raise CourseError(f"nothing to grade for {'; '.join(not_ready)}")
    return [known[name] for name in students]

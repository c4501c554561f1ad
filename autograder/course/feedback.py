"""Feedback: one HTML page per submitted notebook in nbgrader's feedback folder (with the submission's
timestamp and secret, which nbgrader uses to route it back), then nbgrader's release_feedback puts it
on the exchange, where the student's `nbgrader fetch_feedback` finds it."""
import html
import shutil
from pathlib import Path

from markdown_it import MarkdownIt

from autograder.leaderboard import course_secret, feedback_with_entry

from .course_dir import Course
from .grade import graded_results, results_dir
from .exchange import run_exchange
from .intake import MISSING, READY, Submission, intake

PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{title}</title>
<style>body {{ font-family: sans-serif; max-width: 50em; margin: 2em auto; }}
table {{ border-collapse: collapse; }} td, th {{ border: 1px solid #999; padding: 0.2em 0.5em; }}
pre {{ background: #f4f4f4; padding: 0.5em; white-space: pre-wrap; }}</style></head>
<body><p class="outcome">{outcome}</p>
{body}</body></html>
"""
NOTHING_GRADED = "<h1>{assignment}: feedback for {student}</h1>\n<p><strong>Score: 0</strong></p>\n"


def return_feedback(course: Course, assignment: str) -> list[Path]:
    """Write and release the feedback of every collected submission; returns the pages written.
    Every page is rendered before any is written, so an ungraded submission stops the step cleanly."""
    submissions = [s for s in intake(course, assignment) if s.status != MISSING]
    pages = [render(course, submission) for submission in submissions]
    written = [path for submission, page in zip(submissions, pages)
               for path in write_pages(course, submission, page)]
    run_exchange(course, "ReleaseFeedback", assignment)
    return written


def write_pages(course: Course, submission: Submission, page: str) -> list[Path]:
    """The feedback page, once per notebook the student submitted: nbgrader returns feedback by
    notebook name, so a student who submitted another assignment's notebook still gets it."""
    folder = course.step_dir("feedback", submission.student, submission.assignment)
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    for name in ("timestamp.txt", "submission_secret.txt"):
        shutil.copy2(submission.folder / name, folder / name)
    targets = [folder / f"{Path(name).stem}.html" for name in submission.notebooks_found()]
    for target in targets:
        target.write_text(page)
    return targets


def render(course: Course, submission: Submission) -> str:
    if submission.status == READY:
        results = graded_results(course, submission)  # CourseError when not graded yet
        secret = course_secret(results_dir(course, submission.assignment))
        markdown = feedback_with_entry(results, submission.student, secret)
        body = MarkdownIt("commonmark", {"html": False}).enable("table").render(markdown)
    else:
        body = NOTHING_GRADED.format(assignment=submission.assignment,
                                     student=html.escape(submission.student))
    title = f"{submission.assignment}: feedback for {submission.student}"
    return PAGE.format(title=html.escape(title), outcome=html.escape(submission.message()), body=body)

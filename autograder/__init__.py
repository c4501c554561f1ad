"""The course's sandboxed autograder: hidden pytest suites grade untrusted submissions.

`grade(assignment, submission)` grades one submission and returns its `Results`; the command line
is `python -m autograder` (grade, check, batch, gradescope, release).
"""
from autograder.grading import grade
from autograder.results import Results

__all__ = ["grade", "Results"]

"""Running a course on JupyterHub: nbgrader's exchange carries assignments and feedback, the
autograder's batch command grades. One command per instructor step (`python -m autograder.course
STEP ASSIGNMENT`), run in the nbgrader course directory; book/instructor_guide.md walks through them.
"""

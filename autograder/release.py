"""Generate the student release `assignments/` from `solutions/` (never edit it by hand).

Every declared assignment is released (autograder.layout says where its parts are): its reference
notebook goes through nbgrader's ClearSolutions (the code between BEGIN/END SOLUTION
becomes `raise NotImplementedError()`), ClearHiddenTests and ClearOutput; its public tests are
copied beside it, and `assignments/conftest.py` and `pytest.ini` (from templates/) let students run
`pytest assignments/<a>` against their own notebook. Hidden suites and solutions never enter it.
"""
import filecmp
import shutil
import tempfile
from pathlib import Path

import nbformat
from nbconvert.preprocessors import ClearOutputPreprocessor
from nbgrader.preprocessors import ClearHiddenTests, ClearSolutions

from autograder import layout

TEMPLATES = layout.ENGINE / "templates"
# Template -> its name in the release: what lets students run `pytest assignments/<a>` themselves.
STUDENT_FILES = {"student_conftest.py": "conftest.py", "student_pytest.ini": "pytest.ini"}


def release_notebook(source, target) -> None:
    target = Path(target)
    notebook = nbformat.read(source, as_version=4)
    resources: dict = {}
    for preprocessor in (ClearSolutions(), ClearHiddenTests(), ClearOutputPreprocessor()):
        notebook, resources = preprocessor.preprocess(notebook, resources)
    target.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(notebook, target)


def release(course=None, out_dir=None) -> list[Path]:
    """Write the release of every assignment `course` (a layout.Course, default the checkout's)
    declares into `out_dir` (default its release folder); return the files written."""
    course = course or layout.course()
    out_dir = Path(out_dir or course.release)
    written = []
    for assignment in course.assignments().values():
        target = out_dir / assignment.name / assignment.reference.name
        release_notebook(assignment.reference, target)
        written.append(target)
        if assignment.public_tests.exists():
            public = out_dir / assignment.name / layout.PUBLIC_TESTS
            shutil.copyfile(assignment.public_tests, public)
            written.append(public)
    if written:
        out_dir.mkdir(parents=True, exist_ok=True)
        for template, name in STUDENT_FILES.items():
            shutil.copyfile(TEMPLATES / template, out_dir / name)
            written.append(out_dir / name)
    return written


def stale_files(course=None, out_dir=None) -> list[str]:
    """Files of the committed release that differ from (or are missing next to) a fresh release."""
    course = course or layout.course()
    out_dir = Path(out_dir or course.release)
    with tempfile.TemporaryDirectory() as fresh_dir:
        fresh = [path.relative_to(fresh_dir) for path in release(course, fresh_dir)]
        return [str(path) for path in fresh
                if not (out_dir / path).is_file()
                or not filecmp.cmp(Path(fresh_dir) / path, out_dir / path, shallow=False)]

"""Generate the student release `assignments/` from `solutions/` (never edit it by hand).

Each solution notebook goes through nbgrader's ClearSolutions (the code between BEGIN/END SOLUTION
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

from autograder.grading import ASSIGNMENTS_DIR, PUBLIC_TESTS, SOLUTIONS_DIR

TEMPLATES = Path(__file__).resolve().parent / "templates"
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


def release(solutions_dir=SOLUTIONS_DIR, out_dir=ASSIGNMENTS_DIR) -> list[Path]:
    """Write the release of every assignment that has a solution notebook; return the files."""
    solutions_dir, out_dir = Path(solutions_dir), Path(out_dir)
    written = []
    for notebook in sorted(solutions_dir.glob("*/*.ipynb")):
        assignment = notebook.parent.name
        if notebook.stem != assignment:
            continue  # only solutions/<a>/<a>.ipynb is an assignment; other notebooks are notes
        target = out_dir / assignment / notebook.name
        release_notebook(notebook, target)
        written.append(target)
        public = notebook.parent / PUBLIC_TESTS
        if public.exists():
            shutil.copyfile(public, out_dir / assignment / PUBLIC_TESTS)
            written.append(out_dir / assignment / PUBLIC_TESTS)
    if written:
        out_dir.mkdir(parents=True, exist_ok=True)
        for template, name in STUDENT_FILES.items():
            shutil.copyfile(TEMPLATES / template, out_dir / name)
            written.append(out_dir / name)
    return written


def stale_files(solutions_dir=SOLUTIONS_DIR, out_dir=ASSIGNMENTS_DIR) -> list[str]:
    """Files of the committed release that differ from (or are missing next to) a fresh release."""
    out_dir = Path(out_dir)
    with tempfile.TemporaryDirectory() as fresh_dir:
        fresh = [path.relative_to(fresh_dir) for path in release(solutions_dir, fresh_dir)]
        return [str(path) for path in fresh
                if not (out_dir / path).is_file()
                or not filecmp.cmp(Path(fresh_dir) / path, out_dir / path, shallow=False)]

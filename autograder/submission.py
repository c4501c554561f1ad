"""Extract the graded code of a submission (.ipynb or .py) as Python source. Runs in the trusted
grader before anything executes, so it only parses: it never imports or runs the code.

From a notebook it takes the nbgrader solution cells and the cells tagged `imports` (or `graded`),
and keeps only their top-level imports, function and class definitions and assignments of
literal constants, so exploration code (training runs, plots, shell escapes) never runs at
grading time. A .py file is taken whole: it is meant to define the graded names and nothing else.
"""
import ast
import json
from pathlib import Path

from autograder import parsing

MAX_SUBMISSION_BYTES = 20 * 1024 * 1024
GRADED_TAGS = {"imports", "graded"}
KEPT_STATEMENTS = (ast.Import, ast.ImportFrom, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)


class SubmissionError(Exception):
    """The submission cannot be graded; the message tells the student what to fix."""


def extract_code(path) -> str:
    """Graded source code of the submission at `path`; SubmissionError when it has none."""
    path = Path(path)
    if path.is_dir():
        raise SubmissionError(f"no single notebook or .py file found in the folder {path.name!r}; "
                              "submit exactly one")
    if not path.is_file():
        raise SubmissionError(f"submission {path.name!r} is not a file")
    size = path.stat().st_size
    if size > MAX_SUBMISSION_BYTES:
        raise SubmissionError(f"submission is {size / 1e6:.0f} MB; the limit is "
                              f"{MAX_SUBMISSION_BYTES / 1e6:.0f} MB (clear the notebook's outputs)")
    try:
        text = path.read_bytes().decode("utf-8")
    except UnicodeDecodeError as error:
        raise SubmissionError(f"submission is not UTF-8 text (byte {error.start}); "
                              "save it as UTF-8") from None
    if path.suffix == ".ipynb":
        code = _notebook_code(text)
    elif path.suffix == ".py":
        code = text
    else:
        raise SubmissionError(f"submission {path.name!r} must be a .ipynb notebook or a .py file")
    _check_syntax(code, "the submission")
    return code


def _notebook_code(text: str) -> str:
    try:
        notebook = json.loads(text)
    except (ValueError, RecursionError) as error:
        raise SubmissionError(f"the notebook is not valid JSON ({error}); "
                              "re-download it from Jupyter") from None
    cells = notebook.get("cells") if isinstance(notebook, dict) else None
    if not isinstance(cells, list):
        raise SubmissionError("the file is not a Jupyter notebook (no list of cells)")
    sources = [_cell_source(cell) for cell in cells if _is_graded(cell)]
    if not sources:
        raise SubmissionError("the notebook has no graded code cells (solution cells or the "
                              "cell tagged 'imports'); start again from the released notebook")
    return "\n\n".join(_keep_definitions(source, number) for number, source in enumerate(sources, 1))


def _is_graded(cell) -> bool:
    if not isinstance(cell, dict) or cell.get("cell_type") != "code":
        return False
    metadata = cell.get("metadata") if isinstance(cell.get("metadata"), dict) else {}
    nbgrader = metadata.get("nbgrader") if isinstance(metadata.get("nbgrader"), dict) else {}
    tags = metadata.get("tags") if isinstance(metadata.get("tags"), list) else []
    return nbgrader.get("solution") is True or bool(GRADED_TAGS.intersection(map(str, tags)))


def _cell_source(cell) -> str:
    source = cell.get("source", "")
    if isinstance(source, list) and all(isinstance(line, str) for line in source):
        return "".join(source)
    if isinstance(source, str):
        return source
    raise SubmissionError("a code cell's source is neither text nor a list of lines")


def _strip_magics(source: str) -> str:
    # IPython syntax is not Python: line magics (%), cell magics (%%) and shell escapes (!) become
    # blank lines so line numbers in error messages still match the cell.
    return "\n".join("" if line.lstrip().startswith(("%", "!")) else line
                     for line in source.splitlines())


def _keep_definitions(source: str, number: int) -> str:
    code = _strip_magics(source)
    tree = _check_syntax(code, f"graded cell {number}")
    lines = code.splitlines()
    kept = [node for node in tree.body if isinstance(node, KEPT_STATEMENTS) or _is_constant(node)]
    return "\n\n".join("\n".join(lines[_first_line(node) - 1:node.end_lineno]) for node in kept)


def _first_line(node) -> int:
    # A decorated definition starts at its first decorator, not at `def`.
    return min([node.lineno] + [decorator.lineno for decorator in getattr(node, "decorator_list", [])])


def _is_constant(node) -> bool:
    if not isinstance(node, (ast.Assign, ast.AnnAssign)) or node.value is None:
        return False
    try:
        ast.literal_eval(node.value)
    except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError):
        return False
    return True


def _check_syntax(code: str, where: str) -> ast.Module:
    try:
        return parsing.parse(code)
    except SyntaxError as error:
        raise SubmissionError(f"syntax error in {where}, line {error.lineno}: {error.msg}") from None
    except (ValueError, RecursionError, MemoryError) as error:
        raise SubmissionError(f"{where} cannot be parsed: {type(error).__name__}") from None


def find_submission(path, assignment: str):
    """The file to grade when `path` is a folder (a student's folder, Gradescope's submission
    folder): `<assignment>.ipynb`, else its only notebook, else its only .py file. A file is
    returned as is; a folder with no single candidate (or several notebooks) is returned too, and
    grading it reports why."""
    path = Path(path)
    if not path.is_dir():
        return path
    preferred = path / f"{assignment}.ipynb"
    if preferred.is_file():
        return preferred
    for pattern in ("*.ipynb", "*.py"):
        found = sorted(p for p in path.rglob(pattern) if ".ipynb_checkpoints" not in p.parts)
        if found:
            return found[0] if len(found) == 1 else path
    return path

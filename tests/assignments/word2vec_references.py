"""The a1_softmax and a2_sgns references as modules, extracted from their solution notebooks exactly as
the grader extracts them, for the project tests that check them against torch autograd."""
import types

from autograder.grading import SOLUTIONS_DIR
from autograder.submission import extract_code


def load_reference(assignment: str) -> types.ModuleType:
    notebook = SOLUTIONS_DIR / assignment / f"{assignment}.ipynb"
    module = types.ModuleType(f"{assignment}_reference")
    exec(compile(extract_code(notebook), str(notebook), "exec"), module.__dict__)
    return module


def relative_error(ours, theirs) -> float:
    """max |ours - theirs| / max |theirs|: one number per array, insensitive to entries near zero."""
    theirs = theirs.detach().numpy() if hasattr(theirs, "detach") else theirs
    scale = max(float(abs(theirs).max()), 1e-300)
    return float(abs(ours - theirs).max()) / scale

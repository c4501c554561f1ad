"""Build a Gradescope autograder bundle for one assignment.

The zip holds `setup.sh` (system packages and the pinned Python requirements), `run_autograder`
(grades `/autograder/submission` into `/autograder/results/results.json`), the engine, the hidden
suite of that assignment only, its solution notebook (the hidden tests' reference), its known-bug
variants (tests/variants/<a>/bug_*.py, for the diagnosis of failed tests) and the course library.
Gradescope keeps the bundle away from students; the sandbox keeps it away from their code.
"""
import zipfile
from pathlib import Path

from autograder.diagnosis import VARIANTS_DIR
from autograder.grading import PROJECT_ROOT, SOLUTIONS_DIR, SUITES_DIR

# A suite that needs project files outside its folder lists them here, one path per line.
EXTRAS_FILE = "bundle_extras.txt"

# The grading run needs the numerics and pytest, not the book toolchain.
GRADING_REQUIREMENTS = ("numpy", "scipy", "torch", "nltk", "gensim", "tqdm", "nbgrader", "nbformat",
                        "nbconvert", "pytest")
SETUP_SH = """#!/usr/bin/env bash
# Gradescope runs this once, as root, when the image is built. Pick the Ubuntu 24.04 base image:
# the pinned numpy needs Python >= 3.11, which 22.04's python3 (3.10) is not.
set -euo pipefail
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3 python3-venv python3-pip bubblewrap
python3 -m venv /autograder/venv
# The CPU wheel of torch: the default one pulls a multi-GB CUDA build.
/autograder/venv/bin/pip install --quiet --extra-index-url https://download.pytorch.org/whl/cpu \\
    -r /autograder/source/requirements.txt
"""
RUN_AUTOGRADER = """#!/usr/bin/env bash
# Gradescope runs this for every submission. AUTOGRADER_ROOT and AUTOGRADER_PYTHON exist so the
# bundle can be tried locally against a folder laid out like Gradescope's.
set -euo pipefail
ROOT="${{AUTOGRADER_ROOT:-/autograder}}"
PYTHON="${{AUTOGRADER_PYTHON:-$ROOT/venv/bin/python}}"
mkdir -p "$ROOT/results"
cd "$ROOT/source"
status=0
PYTHONPATH="$ROOT/source" "$PYTHON" -m autograder grade {assignment} "$ROOT/submission" \\
    --json "$ROOT/results/results.json" {flags} || status=$?
# Exit 1 means the grader broke, not the submission: results.json then says "grading failed" (and
# has no score), which Gradescope shows; only a missing results.json is a failure of this script.
if [ -f "$ROOT/results/results.json" ]; then exit 0; fi
exit "$status"
"""


def _requirements() -> str:
    lines = (PROJECT_ROOT / "requirements.txt").read_text().splitlines()
    return "\n".join(line for line in lines
                     if line.split("==")[0].strip().lower() in GRADING_REQUIREMENTS) + "\n"


def _add_tree(bundle: zipfile.ZipFile, folder: Path, name: str, skip=()) -> None:
    for path in sorted(folder.rglob("*")):
        relative = path.relative_to(folder)
        if path.is_file() and "__pycache__" not in relative.parts and \
                not any(relative.parts[:len(part)] == part for part in skip):
            bundle.write(path, f"{name}/{relative}")


def _extras(suite: Path) -> list[str]:
    listing = suite / EXTRAS_FILE
    if not listing.is_file():
        return []
    paths = [line.strip() for line in listing.read_text().splitlines()
             if line.strip() and not line.startswith("#")]
    missing = [path for path in paths if not (PROJECT_ROOT / path).is_file()]
    if missing:
        raise FileNotFoundError(f"{listing} names files that do not exist: {', '.join(missing)}")
    return paths


def diagnosis_variants(assignment: str) -> list[Path]:
    """The known-bug variants that diagnose failed tests (autograder.diagnosis); the ok_ ones are not
    needed. Like the suite, they go to the grader only, never to the student release."""
    return sorted((VARIANTS_DIR / assignment).glob("bug_*.py"))


def build_bundle(assignment: str, output, *, unsafe_no_sandbox: bool = False,
                 suite=None, solution=None) -> Path:
    """Write the bundle zip; `suite`/`solution` default to the assignment's own."""
    suite = Path(suite) if suite else SUITES_DIR / assignment
    solution = Path(solution) if solution else SOLUTIONS_DIR / assignment / f"{assignment}.ipynb"
    for path in (suite, solution):
        if not path.exists():
            raise FileNotFoundError(f"{path} is missing: the bundle of {assignment} needs it")
    output = Path(output)
    flags = "--unsafe-no-sandbox" if unsafe_no_sandbox else ""
    engine = Path(__file__).resolve().parent
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as bundle:
        for name, text, mode in (
                ("setup.sh", SETUP_SH, 0o755),  # executable once Gradescope unzips them
                ("run_autograder", RUN_AUTOGRADER.format(assignment=assignment, flags=flags), 0o755),
                ("requirements.txt", _requirements(), 0o644)):
            info = zipfile.ZipInfo(name)
            info.external_attr = mode << 16
            bundle.writestr(info, text)
        _add_tree(bundle, engine, "autograder", skip=[("suites",)])
        _add_tree(bundle, suite, f"autograder/suites/{assignment}")
        bundle.write(solution, f"solutions/{assignment}/{assignment}.ipynb")
        for path in _extras(suite):
            bundle.write(PROJECT_ROOT / path, path)
        for path in diagnosis_variants(assignment):  # read by autograder.diagnosis, at the same path
            bundle.write(path, path.relative_to(PROJECT_ROOT).as_posix())
        _add_tree(bundle, PROJECT_ROOT / "nlpcourse", "nlpcourse")
    return output

"""Build a Gradescope autograder bundle for one assignment.

The zip holds `setup.sh` (system packages and the pinned Python requirements), `run_autograder`
(grades `/autograder/submission` into `/autograder/results/results.json`), the engine (without any
suite), the course library and, under `package/`, the assignment's grading package
(autograder.package: its hidden suite, reference notebook, bug_ variants for the diagnosis of
failed tests, the files it declares it needs, its budgets), which `grade --package` reads.
Gradescope keeps the bundle away from students; the sandbox keeps it away from their code.
"""
import zipfile
from pathlib import Path

from autograder import layout, package

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
    --package "$ROOT/source/package" --json "$ROOT/results/results.json" {flags} || status=$?
# Exit 1 means the grader broke, not the submission: results.json then says "grading failed" (and
# has no score), which Gradescope shows; only a missing results.json is a failure of this script.
if [ -f "$ROOT/results/results.json" ]; then exit 0; fi
exit "$status"
"""


def _requirements() -> str:
    lines = layout.REQUIREMENTS.read_text().splitlines()
    return "\n".join(line for line in lines
                     if line.split("==")[0].strip().lower() in GRADING_REQUIREMENTS) + "\n"


def _add_tree(bundle: zipfile.ZipFile, folder: Path, name: str, skip=()) -> None:
    for path in sorted(folder.rglob("*")):
        relative = path.relative_to(folder)
        if path.is_file() and "__pycache__" not in relative.parts and \
                not any(relative.parts[:len(part)] == part for part in skip):
            bundle.write(path, f"{name}/{relative}")


def build_bundle(assignment: str, output, *, unsafe_no_sandbox: bool = False,
                 suite=None, solution=None) -> Path:
    """Write the bundle zip; `suite`/`solution` redirect the assignment's declared ones."""
    grading = package.build(assignment, {"suite": suite, "solution": solution})
    if grading.manifest["solution"] not in grading.files:
        raise FileNotFoundError(f"{grading.manifest['solution']} is missing: the bundle of "
                                f"{assignment} needs its reference notebook")
    output = Path(output)
    flags = "--unsafe-no-sandbox" if unsafe_no_sandbox else ""
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as bundle:
        for name, text, mode in (
                ("setup.sh", SETUP_SH, 0o755),  # executable once Gradescope unzips them
                ("run_autograder", RUN_AUTOGRADER.format(assignment=assignment, flags=flags), 0o755),
                ("requirements.txt", _requirements(), 0o644)):
            info = zipfile.ZipInfo(name)
            info.external_attr = mode << 16
            bundle.writestr(info, text)
        _add_tree(bundle, layout.ENGINE, "autograder", skip=[layout.SUITES.relative_to("autograder").parts])
        for name, data in grading.with_manifest().items():
            bundle.writestr(f"package/{name}", data)
        _add_tree(bundle, layout.LIBRARY, "nlpcourse")
    return output

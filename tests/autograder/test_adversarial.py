"""The adversarial catalogue: hostile or broken submissions of the toy assignment.

Each must score exactly what the honest all-zeros submission scores, with complete results, the
grader finishing in bounded time, no file changed outside temp space and no student process left.
All are graded once, in parallel, by one module fixture; each test checks one submission.
"""
import hashlib
import json
import os
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from tests.autograder.conftest import TOY_SOLUTION, TOY_SUITE, grade_toy, processes_named

CATALOGUE = Path(__file__).resolve().parent / "adversarial"
ENGINE = Path(__file__).resolve().parents[2] / "autograder"
# Broken inputs, written at test time: name -> content.
MALFORMED = {
    "not_json.ipynb": b'{"cells": [',
    "json_list.ipynb": b"[1, 2, 3]",
    "no_code_cells.ipynb": json.dumps({"cells": [{"cell_type": "markdown", "source": "hi",
                                                  "metadata": {}}], "metadata": {},
                                       "nbformat": 4, "nbformat_minor": 5}).encode(),
    "deeply_nested.ipynb": b"[" * 200_000,
    "syntax_error.py": b"def softmax(x:\n    return x\n",
    "non_utf8.py": b"def softmax(x):\n    return '\xff\xfe'\n",
    "missing_functions.py": b"VALUE = 1\n",
    "huge.ipynb": b" " * (21 * 1024 * 1024),
    "wrong_suffix.txt": b"def softmax(x): return x\n",
}
SUBMISSIONS = sorted(p.name for p in CATALOGUE.iterdir() if p.suffix in (".py", ".ipynb")) \
    + sorted(MALFORMED)
SELF_NAMED = ("agdaemon", "agforkbomb")
FAKE_RESULT_PATHS = [Path("/tmp/results.json"), Path("/autograder/results/results.json")]
# Generous bound for the whole catalogue on a contended 2-core machine (short limits: 3 s a call).
CATALOGUE_SECONDS = 600


def fingerprint(folder: Path, pattern: str = "**/*") -> dict[str, str]:
    return {str(path): hashlib.sha256(path.read_bytes()).hexdigest()
            for path in sorted(folder.glob(pattern)) if path.is_file() and "__pycache__" not in path.parts}


@pytest.fixture(scope="module")
def graded(bwrap, zeros_results, tmp_path_factory):
    """Grade the whole catalogue; return (results by name, canary fingerprints, engine, seconds)."""
    folder = tmp_path_factory.mktemp("submissions")
    canary = tmp_path_factory.mktemp("canary")
    (canary / "precious.txt").write_text("must survive")
    for name in os.listdir(CATALOGUE):
        if name in SUBMISSIONS:
            text = (CATALOGUE / name).read_text()
            for placeholder, value in (("CANARY_DIR", canary), ("SUITE_DIR", TOY_SUITE),
                                       ("SOLUTION_NOTEBOOK", TOY_SOLUTION)):
                text = text.replace(placeholder, str(value))
            (folder / name).write_text(text)
    for name, content in MALFORMED.items():
        (folder / name).write_bytes(content)
    # The engine's own modules (not suites/: other people edit those while this runs).
    protected = {"canary": (canary, "**/*"), "engine": (ENGINE, "*.py"),
                 "toy": (TOY_SUITE.parent.parent, "**/*")}
    before = {key: fingerprint(*where) for key, where in protected.items()}
    started = time.monotonic()
    with ThreadPoolExecutor(3) as pool:
        results = dict(zip(SUBMISSIONS, pool.map(lambda name: grade_toy(folder / name), SUBMISSIONS)))
    seconds = time.monotonic() - started
    time.sleep(1.0)  # give a surviving daemon the chance to show itself
    after = {key: fingerprint(*where) for key, where in protected.items()}
    return results, before, after, seconds


@pytest.mark.parametrize("name", SUBMISSIONS)
def test_scores_like_all_zeros(graded, zeros_results, name):
    results = graded[0][name]
    assert [t.nodeid for t in results.tests] == [t.nodeid for t in zeros_results.tests], \
        "results must list every test"
    assert results.score == zeros_results.score, results.table()
    assert all(t.status == "failed" and t.output for t in results.tests), results.table()


def test_catalogue_finishes_in_bounded_time(graded):
    assert graded[3] < CATALOGUE_SECONDS


def test_no_file_changed_outside_temp_space(graded):
    _, before, after, _ = graded
    for key in before:
        assert before[key] == after[key], f"files under {key} changed"
    for path in FAKE_RESULT_PATHS:
        assert not path.exists() or time.time() - path.stat().st_mtime > 3600, f"{path} was written"


def test_no_student_process_survives(graded):
    assert processes_named(*SELF_NAMED) == []  # the daemon and fork-bomb submissions


def test_malformed_submissions_say_why(graded):
    results = graded[0]
    assert "not valid JSON" in results["not_json.ipynb"].submission_error
    assert "syntax error" in results["syntax_error.py"].submission_error
    assert "UTF-8" in results["non_utf8.py"].submission_error
    assert "MB" in results["huge.ipynb"].submission_error
    assert "no graded code cells" in results["no_code_cells.ipynb"].submission_error
    assert "does not define `softmax`" in results["missing_functions.py"].tests[0].output


def test_timeouts_and_crashes_are_reported(graded):
    results = graded[0]
    assert "timed out after 3 s" in results["loop_in_function.py"].tests[0].output
    assert "took longer than" in results["loop_at_import.py"].tests[0].output
    assert "exited" in results["exit_in_function.py"].tests[0].output

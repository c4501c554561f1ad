"""The student release: solutions stripped, outputs cleared, public tests and conftest beside."""
import json
import os
import shutil
import subprocess
import sys

import pytest

from autograder import layout, release
from autograder.submission import extract_code
from tests.autograder.conftest import TOY_SOLUTION, toy_course


@pytest.fixture(scope="module")
def released(tmp_path_factory):
    course = toy_course(tmp_path_factory.mktemp("course"))
    out = tmp_path_factory.mktemp("assignments")
    written = release.release(course, out)
    return out, written, course


def test_release_strips_solutions_and_outputs(released):
    out, written, _ = released
    assert {p.relative_to(out).as_posix() for p in written} == \
        {"toy/toy.ipynb", "toy/test_public.py", "conftest.py", "pytest.ini"}
    notebook = json.loads((out / "toy" / "toy.ipynb").read_text())
    text = json.dumps(notebook)
    assert "BEGIN SOLUTION" not in text and "e.sum(axis=1" not in text
    assert "raise NotImplementedError()" in text
    assert all(not cell.get("outputs") for cell in notebook["cells"] if cell["cell_type"] == "code")


def test_release_is_deterministic(released):
    out, _, course = released
    assert release.stale_files(course, out) == []
    (out / "toy" / "test_public.py").write_text("# edited by hand\n")
    assert release.stale_files(course, out) == ["toy/test_public.py"]
    release.release(course, out)


def run_public_tests(folder, *options, env=None):
    return subprocess.run([sys.executable, "-m", "pytest", str(folder), "-q", "-p", "no:cacheprovider",
                           "--rootdir", str(folder.parent), "-c", "/dev/null", *options],
                          capture_output=True, text=True, timeout=300, env=env)


def test_students_run_public_tests_on_their_notebook(released, tmp_path):
    out, _, _ = released
    stub = run_public_tests(out / "toy")
    assert stub.returncode == 1 and "NotImplementedError" in stub.stdout
    solved = tmp_path / "assignments"
    shutil.copytree(out, solved)
    shutil.copy(TOY_SOLUTION, solved / "toy" / "toy.ipynb")
    run = run_public_tests(solved / "toy")
    assert run.returncode == 0, run.stdout


def test_students_run_public_tests_on_a_notebook_kept_elsewhere(released, tmp_path):
    out, _, _ = released
    kept = tmp_path / "my work" / "toy_done.ipynb"
    kept.parent.mkdir()
    shutil.copy(TOY_SOLUTION, kept)
    by_option = run_public_tests(out / "toy", "--notebook", str(kept))
    assert by_option.returncode == 0, by_option.stdout
    by_variable = run_public_tests(out / "toy", env={**os.environ, "AUTOGRADER_NOTEBOOK": str(kept)})
    assert by_variable.returncode == 0, by_variable.stdout
    missing = run_public_tests(out / "toy", "--notebook", str(tmp_path / "nowhere.ipynb"))
    assert missing.returncode != 0 and "no notebook at" in missing.stdout


def test_release_never_contains_hidden_suites(released):
    out, _, _ = released
    assert not list(out.rglob("test_toy.py"))


def test_committed_release_is_up_to_date():
    if not layout.course().assignments():
        pytest.skip("no assignment is declared yet")
    assert release.stale_files() == [], "run `python -m autograder release` and commit assignments/"


def test_released_stub_extracts(released):
    assert "def softmax" in extract_code(released[0] / "toy" / "toy.ipynb")

"""The Gradescope bundle, run locally against a folder laid out like Gradescope's."""
import json
import os
import shutil
import subprocess
import sys
import zipfile

from autograder.gradescope import build_bundle
from tests.autograder.conftest import TOY_SOLUTION, TOY_SUITE


def test_bundle_grades_like_gradescope(bwrap, tmp_path):
    bundle = build_bundle("toy", tmp_path / "bundle.zip", suite=TOY_SUITE, solution=TOY_SOLUTION)
    with zipfile.ZipFile(bundle) as archive:
        names = archive.namelist()
    assert {"setup.sh", "run_autograder", "requirements.txt", "package/package.json",
            "package/suite/test_toy.py", "package/reference/toy.ipynb"} <= set(names)
    assert not any(name.startswith(("autograder/suites/", "tests/", "solutions/")) for name in names)
    results = run_like_gradescope(bundle, tmp_path)
    assert "torch==" in (tmp_path / "autograder" / "source" / "requirements.txt").read_text()
    assert results["score"] == 9 and len(results["tests"]) == 6


def run_like_gradescope(bundle, tmp_path, submission=TOY_SOLUTION) -> dict:
    """Unzip the bundle into a folder laid out like Gradescope's, grade `submission` (the toy solution)
    with its run_autograder (which must exit 0) and return the results.json it wrote."""
    root = tmp_path / "autograder"
    (root / "submission").mkdir(parents=True)
    with zipfile.ZipFile(bundle) as archive:
        archive.extractall(root / "source")
    shutil.copy(submission, root / "submission" / submission.name)
    run = subprocess.run(["bash", str(root / "source" / "run_autograder")], capture_output=True,
                         text=True, timeout=300,
                         env=dict(os.environ, AUTOGRADER_ROOT=str(root), AUTOGRADER_PYTHON=sys.executable))
    assert run.returncode == 0, run.stderr
    return json.loads((root / "results" / "results.json").read_text())


def test_bundle_carries_the_files_a_suite_declares_it_needs(tmp_path):
    bundle = build_bundle("a4_rnn", tmp_path / "a4.zip")
    with zipfile.ZipFile(bundle) as archive:
        names = set(archive.namelist())
        manifest = json.loads(archive.read("package/package.json"))
    assert {"package/reference/a4_rnn.ipynb", "package/needs/a3_reference/a3_ngram.ipynb",
            "package/needs/a3_settings/ngram_baseline.py", "package/suite/assignment.toml"} <= names
    assert manifest["needs"] == {"a3_reference": "needs/a3_reference/a3_ngram.ipynb",
                                 "a3_settings": "needs/a3_settings/ngram_baseline.py"}
    assert not any(name.startswith(("tests/", "solutions/", "autograder/suites/")) for name in names)
    assert not any("/test_" in name and "a3" in name for name in names)


def test_bundle_reports_a_broken_suite_as_grading_failed(bwrap, tmp_path):
    suite = tmp_path / "suite"
    shutil.copytree(TOY_SUITE, suite)
    test_file = suite / "test_toy.py"
    test_file.write_text(test_file.read_text().replace("import pytest\n", "import pytest\nimport no_such_module\n"))
    results = run_like_gradescope(build_bundle("toy", tmp_path / "bundle.zip", suite=suite,
                                               solution=TOY_SOLUTION), tmp_path)
    assert "score" not in results and "GRADING FAILED" in results["output"]
    assert "test_toy.py:" in results["output"] and "No module named 'no_such_module'" in results["output"]

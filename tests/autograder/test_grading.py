"""Grading runs end to end on the toy assignment: scores, feedback, determinism, options."""
import json
import os
import subprocess
import sys

import pytest

from tests.autograder.conftest import TOY_SOLUTION, TOY_SUITE, ZEROS, grade_toy


def test_reference_gets_full_marks(reference_results):
    assert reference_results.max_score == 9
    assert reference_results.score == reference_results.max_score, reference_results.table()
    assert reference_results.sandbox == "bwrap"


def test_zeros_get_nothing_with_feedback(zeros_results):
    assert zeros_results.score == 0
    messages = {test.name: test.output for test in zeros_results.tests}
    assert messages["softmax matches the reference [3-5]"].startswith(
        "softmax on a 3x5 batch: max abs error"), messages
    assert "tolerance 1e-08" in messages["softmax matches the reference [3-5]"]


def test_feedback_never_shows_test_code(zeros_results):
    for test in zeros_results.tests:
        assert "def test_" not in test.output and "assert_close(" not in test.output


def test_same_submission_same_score(zeros_results, tmp_path):
    half_right = tmp_path / "half.py"
    half_right.write_text(ZEROS.read_text() + "\n\ndef sample_mean(rng, n):\n"
                          "    return float(rng.random(n).mean())\n")
    first, second = grade_toy(half_right), grade_toy(half_right)
    assert first.score == second.score == 2  # sample_mean's two tests
    assert [t.score for t in first.tests] == [t.score for t in second.tests]


def test_select_runs_only_matching_tests(bwrap):
    results = grade_toy(TOY_SOLUTION, select="not slow")
    assert len(results.tests) == 5 and results.score == 8


def test_visibility_and_results_json_format(bwrap, tmp_path):
    out = tmp_path / "results.json"
    grade_toy(ZEROS, json_out=out)
    data = json.loads(out.read_text())
    assert {"score", "execution_time", "tests"} <= set(data)
    for test in data["tests"]:
        assert {"name", "score", "max_score", "status", "output", "visibility"} <= set(test)
    hidden = [t["name"] for t in data["tests"] if t["visibility"] == "hidden"]
    assert hidden == ["softmax of large inputs"]


def test_student_output_is_captured_and_truncated(bwrap, tmp_path):
    chatty = tmp_path / "chatty.py"
    chatty.write_text(ZEROS.read_text() + "\n\ndef sample_mean(rng, n):\n"
                      "    print('x' * 100_000)\n    return 0.0\n")
    results = grade_toy(chatty, select="not slow")
    test = next(t for t in results.tests if t.name.startswith("sample_mean"))
    assert test.printed.startswith("x" * 100) and "more bytes of output dropped" in test.printed
    assert "--- your code printed ---" in test.feedback and test.feedback.endswith(test.printed)
    assert len(test.feedback) < 20_000
    assert all(t.seconds > 0 for t in results.tests), "each test's time is part of its results"


def test_exploration_cells_never_run(reference_results):
    # The toy notebook's exploration cells raise, shell out and touch /tmp/exploration-ran.
    assert reference_results.submission_error is None


def run_cli(*args, env=None):
    return subprocess.run([sys.executable, "-m", "autograder", *args], capture_output=True,
                          text=True, timeout=300, env=env)


def test_the_callers_pytest_options_do_not_reach_the_grading(reference_results, tmp_path):
    """PYTEST_ADDOPTS and PYTEST_PLUGINS of the shell that grades (a TA's, a test run's) are not the suite's:
    here they name a plugin that does not exist, which would stop pytest before the first test."""
    env = dict(os.environ, PYTEST_ADDOPTS="-p no_such_plugin_anywhere", PYTEST_PLUGINS="no_such_plugin_anywhere")
    run = run_cli("grade", "toy", str(TOY_SOLUTION), "--suite", str(TOY_SUITE), "--solution", str(TOY_SOLUTION),
                  "--json", str(tmp_path / "r.json"), env=env)
    assert run.returncode == 0, run.stdout + run.stderr
    assert json.loads((tmp_path / "r.json").read_text())["score"] == reference_results.score > 0


def test_cli_grade_prints_table_and_exits_zero(bwrap, tmp_path):
    run = run_cli("grade", "toy", str(ZEROS), "--suite", str(TOY_SUITE),
                  "--solution", str(TOY_SOLUTION), "--json", str(tmp_path / "r.json"))
    assert run.returncode == 0, run.stderr
    assert "total" in run.stdout and "0/9" in run.stdout
    assert json.loads((tmp_path / "r.json").read_text())["score"] == 0


@pytest.mark.parametrize("args", [["grade", "toy", "missing.ipynb"],
                                  ["grade", "no_such_assignment", str(ZEROS)],
                                  ["frobnicate"]])
def test_cli_usage_errors_exit_nonzero(args):
    run = run_cli(*args)
    assert run.returncode == 2, run.stdout + run.stderr
    assert "usage:" in run.stderr


def test_cli_check_runs_public_tests_and_hides_the_suite(bwrap):
    run = run_cli("check", "toy", str(TOY_SOLUTION), "--public",
                  str(TOY_SOLUTION.parent / "test_public.py"), "--suite", str(TOY_SUITE))
    assert run.returncode == 0, run.stderr
    assert "1/1" in run.stdout and "softmax rows sum to one" in run.stdout
    assert "softmax matches the reference" not in run.stdout  # no hidden test of the toy suite


def test_partial_credit(bwrap, tmp_path):
    two_columns_only = tmp_path / "partial.py"
    two_columns_only.write_text(ZEROS.read_text() + "\n\ndef softmax(x):\n"
                                "    if x.shape[1] != 2:\n        return np.zeros_like(x)\n"
                                "    e = np.exp(x - x.max(axis=1, keepdims=True))\n"
                                "    return e / e.sum(axis=1, keepdims=True)\n")
    suite = TOY_SUITE.parent / "partial"
    results = grade_toy(two_columns_only, suite=suite)
    assert results.score == 2 and results.tests[0].status == "failed"
    assert "right on 2 of 4" in results.tests[0].output
    assert grade_toy(TOY_SOLUTION, suite=suite).score == 4


def test_check_shows_the_first_line_of_numpy_messages(bwrap, tmp_path):
    """numpy's assertion text starts with a newline: the row shows its first non-empty line, not a blank."""
    public = tmp_path / "test_public.py"
    public.write_text(
        "import numpy as np\nimport pytest\n\n\n@pytest.mark.points(1)\ndef test_columns_sum_to_one(student):\n"
        "    np.testing.assert_allclose(student.softmax(np.eye(3)[:2]).sum(axis=0), 1.0)\n")
    run = run_cli("check", "toy", str(TOY_SOLUTION), "--public", str(public), "--suite", str(TOY_SUITE))
    row = next(line for line in run.stdout.splitlines() if "0/1" in line)
    assert "Not equal to tolerance" in row, run.stdout

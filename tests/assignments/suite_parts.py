"""What a hidden suite grades, read the way a grading run collects it: each test's points and the
`part` marker naming the graded notebook cell it assesses. Collection runs in a subprocess with the
grading run's own pytest options (without --ag-spec nothing runs: the plugin only registers its
markers), so suite conftests and helper modules import exactly as they do when grading.

Also a pytest plugin: `-p tests.assignments.suite_parts` prints one JSON line per collected test."""
import json
import os
import subprocess
import sys
from pathlib import Path

from autograder import layout

PROJECT_ROOT = Path(__file__).resolve().parents[2]
LINE_PREFIX = "SUITE-TEST "


def collected_tests(assignment: str) -> list[dict]:
    """[{"nodeid", "points", "part"}] of every test in the hidden suite of `assignment`."""
    suite = layout.course().assignment(assignment).suite
    command = [sys.executable, "-m", "pytest", str(suite), "--collect-only", "-q", "-c", os.devnull,
               "--rootdir", str(suite), "--confcutdir", str(suite), "-o", f"pythonpath={suite}",
               "--import-mode=importlib", "-p", "autograder.plugin", "-p", "no:cacheprovider",
               "-p", "tests.assignments.suite_parts"]
    env = dict(os.environ, PYTEST_DISABLE_PLUGIN_AUTOLOAD="1", PYTHONDONTWRITEBYTECODE="1",
               PYTHONPATH=os.pathsep.join([str(PROJECT_ROOT), os.environ.get("PYTHONPATH", "")]))
    run = subprocess.run(command, capture_output=True, text=True, env=env, timeout=300)
    tests = [json.loads(line[len(LINE_PREFIX):]) for line in run.stdout.splitlines()
             if line.startswith(LINE_PREFIX)]
    assert run.returncode == 0 and tests, f"collecting {suite} failed:\n{run.stdout}\n{run.stderr}"
    return tests


def pytest_collection_finish(session):
    for item in session.items:
        points, part = item.get_closest_marker("points"), item.get_closest_marker("part")
        print(LINE_PREFIX + json.dumps({
            "nodeid": item.nodeid,
            "points": points.args[0] if points and points.args else None,
            "part": part.args[0] if part and part.args else None}))

"""Fixtures shared by the whole suite."""
import os
import shutil
import tempfile

import pytest

ON_CI = bool(os.environ.get("CI"))


def require_tool(name: str) -> str:
    """Path of a system tool a test needs. Missing: skip on a laptop, fail on CI (.ci/run installs it)."""
    path = shutil.which(name)
    if path is None:
        message = f"{name} is not installed (bash .ci/system-packages.sh installs it)"
        if ON_CI:
            pytest.fail(message)
        pytest.skip(message)
    return path


def pytest_configure(config):
    # Tests parse corpora into a throwaway data dir, never into the user's ~/.cache/nlpcourse.
    # Set before any grading subprocess or xdist worker starts, so they all share one parse.
    if "NLPCOURSE_DATA" not in os.environ:
        os.environ["NLPCOURSE_DATA"] = tempfile.mkdtemp(prefix="nlpcourse-test-data-")

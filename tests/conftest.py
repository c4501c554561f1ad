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


# Session fixtures that do their work in the background: the modules whose tests wait for them run last, so
# the tests that need none run while they work. Only the gradings (throughput work: they keep both cores
# busy to their end). The book's build is done by the time the main thread reaches tests/book, and the
# browser test is waiting more than computing (page loads): run last, it was a 100 s tail with a core idle.
BACKGROUND_FIXTURES = ("grader",)


def pytest_collection_modifyitems(items):
    def waits_for(item) -> int:
        return next((rank + 1 for rank, name in enumerate(BACKGROUND_FIXTURES) if name in item.fixturenames), 0)

    # Whole modules move together: a module's fixtures are set up once, not once per group.
    rank_of_module = {}
    for item in items:
        rank_of_module[item.module] = max(rank_of_module.get(item.module, 0), waits_for(item))
    items.sort(key=lambda item: rank_of_module[item.module])  # stable: the order within a group is kept


# Chromium itself may only reach loopback: every other host name resolves to nothing.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-default-apps",
    "--no-first-run",
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
]


@pytest.fixture(scope="session")
def browser():
    """Headless Chromium from the system package (`chromium`), never a downloaded one: one per test
    session, shared by the book's browser test and the similarity report's (a second sync Playwright
    in the same session fails)."""
    chromium = require_tool("chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()

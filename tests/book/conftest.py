"""Fixtures of the book's browser test: one build, one loopback web server and one headless
Chromium per test session, shared by every page's test."""
import fcntl
import functools
import http.server
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest


REPO = Path(__file__).resolve().parents[2]
BUILD_DIR = REPO / "_build"
HTML_DIR = BUILD_DIR / "html"
ARTIFACTS_DIR = REPO / "artifacts" / "book"
# The README's command (`make book`): the pages the cache lacks are executed two at a time into
# _build/.jupyter_cache, then `jupyter-book build --warningiserror --keep-going .` renders them.
BUILD_COMMAND = [sys.executable, "-m", "nlpcourse.book_build"]


class BookBuild:
    """The session's one build of the book (`make book`'s command), in a background thread.

    It starts as soon as collection shows that a selected test needs the book, so that the build (one
    core for minutes) runs beside the sandboxed gradings of the other test folders instead of after
    them. A file lock makes parallel pytest workers build one after another: the second finds the
    cache warm and only re-checks the pages."""

    def __init__(self):
        self.started = time.perf_counter()
        self.result: subprocess.CompletedProcess | None = None
        self.error: OSError | None = None
        self.thread = threading.Thread(target=self._build, name="book build", daemon=True)
        self.thread.start()

    def _build(self):
        BUILD_DIR.mkdir(exist_ok=True)
        with open(BUILD_DIR / ".browser-test-build.lock", "w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            try:
                self.result = subprocess.run(BUILD_COMMAND, cwd=REPO, capture_output=True, text=True)
            except OSError as error:  # no jupyter-book in this environment: the waiting test says so
                self.error = error
        self.seconds = time.perf_counter() - self.started

    def wait(self) -> subprocess.CompletedProcess:
        self.thread.join()
        return self.result


BUILD_KEY = pytest.StashKey[BookBuild]()


def pytest_collection_finish(session):
    if any("built_book" in item.fixturenames for item in session.items):
        session.config.stash[BUILD_KEY] = BookBuild()


@pytest.fixture(scope="session")
def built_book(request) -> Path:
    """The whole book built like `make book` (warnings are errors): its _build/html."""
    build = request.config.stash.get(BUILD_KEY, None) or BookBuild()
    result = build.wait()
    if result is None:
        pytest.fail(f"`{' '.join(BUILD_COMMAND)}` could not start: {build.error}", pytrace=False)
    if result.returncode != 0:
        pytest.fail(
            f"`{' '.join(BUILD_COMMAND[1:])}` failed (exit {result.returncode}); its last output:\n"
            + (result.stdout + result.stderr)[-6000:],
            pytrace=False,
        )
    print(f"book built in {build.seconds:.0f} s (started with the session's first tests)")
    return HTML_DIR


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - the base class's signature
        pass  # one line per asset would drown pytest's output


@pytest.fixture(scope="session")
def book_url(built_book):
    """Base URL of the built book, served from 127.0.0.1 on a free port."""
    handler = functools.partial(_QuietHandler, directory=str(built_book))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def artifacts_dir() -> Path:
    """Where test artifacts (the chapter screenshot) go; git-ignored."""
    ARTIFACTS_DIR.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS_DIR

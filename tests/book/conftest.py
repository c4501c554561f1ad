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


@pytest.fixture(scope="session")
def built_book() -> Path:
    """Build the whole book like `make book` (warnings are errors) and return _build/html.

    A file lock makes parallel pytest workers build one after another: the second finds the
    cache warm and only re-checks the pages."""
    BUILD_DIR.mkdir(exist_ok=True)
    started = time.perf_counter()
    with open(BUILD_DIR / ".browser-test-build.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        result = subprocess.run(BUILD_COMMAND, cwd=REPO, capture_output=True, text=True)
    if result.returncode != 0:
        pytest.fail(
            f"`{' '.join(BUILD_COMMAND[1:])}` failed (exit {result.returncode}); its last output:\n"
            + (result.stdout + result.stderr)[-6000:],
            pytrace=False,
        )
    print(f"book built in {time.perf_counter() - started:.0f} s")
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

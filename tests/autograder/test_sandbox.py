"""What the sandbox isolates, probed from inside by a submission that reports what it sees."""
import os
from pathlib import Path

import numpy as np
import pytest

from autograder import proxy, sandbox, session as sessions
from autograder.api import StudentError

PROBE = '''
import os, socket

def uid():
    return os.getuid()

def visible(path):
    return os.path.exists(path)

def can_write(path):
    try:
        with open(path, "w") as handle:
            handle.write("x")
        return True
    except OSError:
        return False

def can_connect():
    try:
        socket.create_connection(("127.0.0.1", 22), timeout=1)
        return True
    except OSError as error:
        return type(error).__name__

def resolves():
    try:
        socket.getaddrinfo("pypi.org", 443)
        return True
    except OSError:
        return False

def allocate(mb):
    return len(bytearray(mb * 1024 * 1024))

def processes():
    return sorted(int(p) for p in os.listdir("/proc") if p.isdigit())

def environment():
    return dict(os.environ)
'''
CHECKOUT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module", params=["bwrap", "unshare"])
def probe(request, bwrap):
    if request.param == "unshare" and os.geteuid() != 0:
        pytest.skip("the unshare fallback is tested as root here (it needs mount rights)")
    session = sessions.Session(PROBE, None, mode=sandbox.choose_mode(prefer=request.param),
                            limits=sandbox.Limits(memory_mb=1024), timeout=10)
    session.begin_test(None)
    yield proxy.StudentModule(session)
    session.close()


def test_runs_as_nobody(probe):
    assert probe.uid() == sandbox.NOBODY


@pytest.mark.parametrize("path", [str(CHECKOUT / "autograder" / "suites"), str(CHECKOUT / "solutions"),
                                  str(CHECKOUT / "tests"), str(CHECKOUT / ".git"), "/root/.ssh"])
def test_checkout_and_secrets_are_invisible(probe, path):
    assert probe.visible(path) is False


def test_needs_are_visible_read_only(probe):
    assert probe.visible(str(CHECKOUT / "nlpcourse" / "__init__.py"))
    assert not probe.can_write(str(CHECKOUT / "nlpcourse" / "__init__.py"))
    assert not probe.can_write("/usr/evil")


def test_private_tmp_is_writable(probe):
    assert probe.can_write("/tmp/scratch")
    assert not Path("/tmp/scratch").exists() or Path("/tmp/scratch").read_text() != "x"


def test_no_network(probe):
    assert probe.can_connect() is not True
    assert probe.resolves() is False


def test_memory_limit(probe):
    assert probe.allocate(64) == 64 * 1024 * 1024
    with pytest.raises(StudentError, match="MemoryError"):
        probe.allocate(2048)


def test_sees_only_its_own_processes(probe):
    assert len(probe.processes()) <= 3  # the namespace's init, the worker, maybe a shell


@pytest.mark.parametrize("kind", ["bwrap", "unshare", "none"])
def test_the_graders_environment_is_invisible(kind, bwrap):
    """The worker's environment is the sandbox's own few settings: nothing of the grader's (tokens,
    paths, a TA's shell settings) reaches the student's code. Without isolation (`none`, which the
    instructor must ask for) the settings are the same, so that a budget of CPU seconds means the same
    (one BLAS thread). (This process's environment is not changed for the test: background gradings
    read it. NLPCOURSE_DATA is in it, set by tests/conftest.py.)"""
    if kind == "unshare" and os.geteuid() != 0:
        pytest.skip("the unshare fallback is tested as root here (it needs mount rights)")
    assert "NLPCOURSE_DATA" in os.environ
    mode = kind if kind == "none" else sandbox.choose_mode(prefer=kind)
    session = sessions.Session(PROBE, None, mode=mode, timeout=10)
    session.begin_test(None)
    try:
        seen = proxy.StudentModule(session).environment()
    finally:
        session.close()
    assert "NLPCOURSE_DATA" not in seen
    assert set(seen) - {"PWD"} == set(sandbox.WORKER_ENV), sorted(seen)  # bwrap adds PWD, /tmp
    assert all(seen[name] == value for name, value in sandbox.WORKER_ENV.items()), seen


def test_refuses_without_any_sandbox(monkeypatch):
    monkeypatch.setattr(sandbox, "_works", lambda kind: False)
    with pytest.raises(sandbox.SandboxUnavailable, match="--unsafe-no-sandbox"):
        sandbox.choose_mode()
    assert sandbox.choose_mode(unsafe_no_sandbox=True) == "none"


def test_unsafe_mode_is_flagged_in_results(tmp_path):
    from tests.autograder.conftest import ZEROS, grade_toy
    results = grade_toy(ZEROS, sandbox="none", unsafe_no_sandbox=True, select="not slow")
    assert results.sandbox == "none" and "WITHOUT a sandbox" in results.summary()


def test_torch_imports_under_the_default_memory_limit(bwrap):
    session = sessions.Session("import torch\ndef matmul(n):\n    return torch.ones(n, n) @ torch.ones(n, n)\n",
                            None, mode="bwrap", timeout=60)
    session.begin_test(None)
    try:
        result = proxy.StudentModule(session).matmul(4)
        assert isinstance(result, np.ndarray) and result[0, 0] == 4
    finally:
        session.close()

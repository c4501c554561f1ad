"""Grader side of the trust boundary: start workers, talk to them, and kill them.

`Session` owns the worker of one grading run. `student` is a proxy to the submission's module:
attribute reads and calls become requests to the worker, answers come back as validated plain
data or as `RemoteHandle`s to objects that stay in the worker. Every failure (the student's
exception, a timeout, a crash, a protocol violation) raises `StudentError`; all but the first kill
the worker's whole sandbox, and the next test starts a fresh one. Handles from a dead worker are
stale and raise too.
"""
import os
import shutil
import signal
import subprocess
import tempfile
import threading
import time
from pathlib import Path

from autograder import protocol, sandbox
from autograder.api import StudentError

STARTUP_SECONDS = 60.0  # importing torch under a contended CPU can take a while
MAX_OUTPUT_BYTES = 16 * 1024


class OutputDrain(threading.Thread):
    """Reads a worker's stdout/stderr forever so it never blocks, keeping the first bytes only."""

    def __init__(self, fd: int):
        super().__init__(daemon=True)
        self.fd, self.kept, self.dropped = fd, bytearray(), 0
        self.lock = threading.Lock()

    def run(self):
        for chunk in iter(lambda: self._read(), b""):
            with self.lock:
                room = MAX_OUTPUT_BYTES - len(self.kept)
                self.kept += chunk[:max(room, 0)]
                self.dropped += max(len(chunk) - max(room, 0), 0)

    def _read(self) -> bytes:
        try:
            return os.read(self.fd, 1 << 16)
        except OSError:  # closed under us when the worker is discarded
            return b""

    def close(self) -> None:
        try:
            os.close(self.fd)
        except OSError:
            pass

    def take(self) -> str:
        with self.lock:
            text = self.kept.decode("utf-8", "replace")
            if self.dropped:
                text += f"\n[... {self.dropped} more bytes of output dropped]"
            self.kept, self.dropped = bytearray(), 0
        return text


class Worker:
    """One sandboxed worker process and its channel.

    A grading run may adopt a worker that `grade()` started before the run's own pytest process
    (so the worker boots while pytest does): then this process is not its parent, knows it by
    pid and fds only, and kills it by process group all the same."""

    def __init__(self, pid: int, requests: int, answers: int, output: int, process=None):
        self.pid, self.requests, self.answers, self.process = pid, requests, answers, process
        self.output = OutputDrain(output)
        self.output.start()

    @classmethod
    def start(cls, build_command, drain: bool = True) -> "Worker":
        requests_read, requests = os.pipe()
        answers, answers_write = os.pipe()
        process = subprocess.Popen(
            build_command((requests_read, answers_write)), stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
            pass_fds=(requests_read, answers_write), start_new_session=True)
        os.close(requests_read)
        os.close(answers_write)
        if not drain:  # handed over to a grading run, which drains it
            worker = cls.__new__(cls)
            worker.pid, worker.requests, worker.answers, worker.process = \
                process.pid, requests, answers, process
            worker.output = None
            return worker
        return cls(process.pid, requests, answers, os.dup(process.stdout.fileno()), process)

    def handover(self) -> str:
        """`--ag-worker` value for the grading run that adopts this worker."""
        return f"{self.pid},{self.requests},{self.answers},{self.process.stdout.fileno()}"

    @classmethod
    def adopt(cls, handover: str) -> "Worker":
        pid, requests, answers, output = (int(part) for part in handover.split(","))
        return cls(pid, requests, answers, output)

    def exchange(self, request: dict | None, timeout: float) -> dict:
        """Send one request (None: just wait for the greeting) and return the raw answer."""
        if request is not None:
            protocol.write_frame(self.requests, request)
        answer = protocol.read_frame(self.answers, time.monotonic() + timeout)
        if not isinstance(answer, dict) or not isinstance(answer.get("ok"), bool):
            raise protocol.ProtocolError("answer is not an {ok: ...} object")
        return answer

    def kill(self) -> str:
        """Kill the sandbox (its PID namespace takes every student process with it); say how the
        worker ended."""
        ended = self.process.poll() if self.process else None
        try:
            os.killpg(self.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass
        if self.process:
            self.process.wait()
            self.process.stdout.close()
        if self.output:
            self.output.join(timeout=1.0)  # the killed sandbox closed its end: EOF
            self.output.close()
        for fd in (self.requests, self.answers):
            try:
                os.close(fd)
            except OSError:
                pass
        if self.process is None:
            return "killed"
        return describe_exit(self.process.returncode if ended is None else ended)


def describe_exit(code: int | None) -> str:
    if code is None or code >= 0:
        return "still running: killed" if code is None else f"exit status {code}"
    try:
        return f"signal {signal.Signals(-code).name}"
    except ValueError:
        return f"signal {-code}"


def make_job_dir(submission_code: str) -> Path:
    """A fresh folder with the worker's files and the extracted submission, for binding."""
    job_dir = Path(tempfile.mkdtemp(prefix="autograder-job-"))
    os.chmod(job_dir, 0o755)  # uid nobody reads the files bound from here
    for source in sandbox.worker_files():
        shutil.copy(source, job_dir / source.name)
    (job_dir / "submission.py").write_text(submission_code)
    for path in job_dir.iterdir():
        os.chmod(path, 0o644)
    return job_dir


class Session:
    """The worker of one grading run: started lazily, replaced after it misbehaves."""

    def __init__(self, submission_code: str | None, submission_error: str | None, *,
                 mode: str, device: str = "cpu", limits: sandbox.Limits = sandbox.Limits(),
                 timeout: float = 30.0, startup_timeout: float = STARTUP_SECONDS):
        self.mode, self.device, self.limits = mode, device, limits
        self.startup_timeout = startup_timeout
        self.default_timeout = self.timeout = timeout
        self.job_dir = make_job_dir(submission_code or "")
        # A submission that cannot load fails the same way every time: remember, don't retry.
        self.load_error = submission_error
        self.worker: Worker | None = None
        self.greeted = False
        self.generation = 0
        self.failed_this_test = False

    # ---- lifecycle -------------------------------------------------------------------------
    def begin_test(self, timeout: float | None) -> None:
        self.timeout = timeout or self.default_timeout
        self.failed_this_test = False

    def end_test(self) -> str:
        """The output the student's code printed during the test (truncated)."""
        return self.worker.output.take() if self.worker else ""

    def close(self) -> None:
        self._discard()
        shutil.rmtree(self.job_dir, ignore_errors=True)

    def _discard(self) -> str:
        worker, self.worker = self.worker, None
        return worker.kill() if worker else ""

    def prestart(self, handover: str | None = None) -> None:
        """Start the worker now (or adopt the one `grade()` started), without waiting for it: it
        boots while pytest collects the suite."""
        if self.load_error is None and self.worker is None:
            if handover:
                self.generation += 1
                self.worker, self.greeted = Worker.adopt(handover), False
            else:
                self._spawn()

    def _spawn(self) -> None:
        self.generation += 1
        build = sandbox.BUILDERS[self.mode]
        self.worker = Worker.start(lambda channel: build(self.job_dir, self.limits, self.device,
                                                         sandbox.Mounts.discover(), channel))
        self.greeted = False

    def _current(self) -> Worker:
        if self.load_error:
            raise StudentError(self.load_error)
        if self.failed_this_test:
            raise StudentError("not called: the submission's process failed earlier in this test")
        if self.worker is None:
            self._spawn()
        if not self.greeted:
            limit = self.startup_timeout + self.timeout
            try:
                hello = self.worker.exchange(None, limit)
            except protocol.ChannelTimeout:
                self._fail_load(f"loading the submission took longer than {limit:.0f} s")
            except protocol.ProtocolError:
                self._fail_load(f"the submission's process died while loading ({self._discard()})")
            if not hello["ok"]:
                self._fail_load(f"loading the submission failed: {clean(hello.get('error'))}")
            self.greeted = True
        return self.worker

    def _fail_load(self, message: str):
        self._discard()
        self.load_error = message
        raise StudentError(message)

    # ---- requests ----------------------------------------------------------------------------
    def request(self, generation: int | None, timeout: float | None, **request):
        """Send a request about a remote object; return the decoded plain value or a handle."""
        if generation is not None and generation != self.generation or \
                (generation is not None and self.worker is None):
            raise StudentError("this object belonged to a worker that has since been stopped")
        worker = self._current()
        limit = timeout or self.timeout
        try:
            answer = worker.exchange(request, limit)
            if not answer["ok"]:
                raise StudentError(clean(answer.get("error")))
            generation = self.generation
            return protocol.decode(answer.get("value"),
                                   lambda key, kind: RemoteHandle(self, generation, key, kind, timeout))
        except protocol.ChannelTimeout:
            self._broken(f"timed out after {limit:g} s")
        except protocol.ChannelClosed:
            self._broken("the submission's process exited", say_how=True)
        except (protocol.ProtocolError, OSError) as error:
            self._broken(f"the submission's process broke the protocol ({error})")

    def _broken(self, message: str, say_how: bool = False):
        """Kill the worker that misbehaved; the next test gets a fresh one."""
        how = self._discard()
        self.failed_this_test = True
        raise StudentError(f"{message} ({how})" if say_how else message)


def clean(text) -> str:
    return str(text)[:2000] if text is not None else "unknown error"


def encode_argument(value):
    """Plain data, markers and handles of the current worker (also inside containers) may be
    sent; anything else is the test's mistake: TypeError."""
    try:
        return protocol.encode(_handle_refs(value))
    except protocol.ProtocolError as error:
        raise TypeError(f"cannot send this to the student's code: {error}") from None


def _handle_refs(value):
    if isinstance(value, RemoteHandle):
        return protocol.HandleRef(object.__getattribute__(value, "_key"))
    if type(value) in (list, tuple, set, frozenset):
        return type(value)(_handle_refs(item) for item in value)
    if type(value) is dict:
        return {key: _handle_refs(item) for key, item in value.items()}
    return value


class RemoteHandle:
    """An object living in the worker. Attribute reads, calls, indexing, len() and iteration are
    forwarded; dunder lookups (numpy and pytest probe for them) are not."""

    __slots__ = ("_session", "_generation", "_key", "_kind", "_timeout")

    def __init__(self, session, generation, key, kind, timeout=None):
        for name, value in (("_session", session), ("_generation", generation), ("_key", key),
                            ("_kind", kind), ("_timeout", timeout)):
            object.__setattr__(self, name, value)

    def _send(self, op, **fields):
        get = lambda name: object.__getattribute__(self, name)  # noqa: E731
        for handle in _handles_in(fields):
            if object.__getattribute__(handle, "_generation") != get("_generation"):
                raise StudentError("this object belonged to a worker that has since been stopped")
        fields = {name: encode_argument(value) for name, value in fields.items()}
        return get("_session").request(get("_generation"), get("_timeout"), op=op,
                                       target=get("_key"), **fields)

    def with_timeout(self, seconds: float) -> "RemoteHandle":
        """The same object, with a longer per-call wall-clock limit."""
        get = lambda name: object.__getattribute__(self, name)  # noqa: E731
        return RemoteHandle(get("_session"), get("_generation"), get("_key"), get("_kind"), seconds)

    def __getattr__(self, name):
        if name.startswith("__") and name.endswith("__"):
            raise AttributeError(name)
        return self._send("getattr", name=name)

    def __setattr__(self, name, value):
        raise AttributeError("attributes of the student's objects are read-only from tests")

    def __call__(self, *args, **kwargs):
        return self._send("call", args=list(args), kwargs=kwargs)

    def __getitem__(self, key):
        return self._send("getitem", key=key)

    def __len__(self):
        length = self._send("len")
        if not isinstance(length, int) or isinstance(length, bool) or length < 0:
            raise StudentError("len() of the student's object is not a non-negative int")
        return length

    def __iter__(self):
        items = self._send("list")
        if not isinstance(items, list):
            raise StudentError("iterating the student's object did not give a list of values")
        return iter(items)

    def __bool__(self):
        return True  # an object exists; without this, bool() would ask the worker for len()

    def __repr__(self):
        return f"<student {object.__getattribute__(self, '_kind')}>"


def _handles_in(value):
    if isinstance(value, RemoteHandle):
        yield value
    elif isinstance(value, (list, tuple, set, frozenset)):
        for item in value:
            yield from _handles_in(item)
    elif isinstance(value, dict):
        for item in value.values():
            yield from _handles_in(item)


class StudentModule(RemoteHandle):
    """The `student` fixture: the submission's module in whichever worker is current, so it stays
    usable (in later tests) after a worker was replaced."""

    def __init__(self, session, timeout=None):
        super().__init__(session, None, 0, "module", timeout)

    def _send(self, op, **fields):
        session = object.__getattribute__(self, "_session")
        session._current()
        object.__setattr__(self, "_generation", session.generation)
        return RemoteHandle._send(self, op, **fields)

    def with_timeout(self, seconds: float) -> "StudentModule":
        return StudentModule(object.__getattribute__(self, "_session"), seconds)

    def keep(self, value) -> RemoteHandle:
        """A copy of the plain `value` kept in the worker, as a handle: pass it to the student's code,
        then read it back (e.g. `kept.copy()` of a dict) to see whether the code changed its input."""
        return self._send("keep", value=value)

    def __getattr__(self, name):
        try:
            return super().__getattr__(name)
        except StudentError as error:
            if str(error).startswith("AttributeError"):
                raise StudentError(f"the submission does not define `{name}`") from None
            raise

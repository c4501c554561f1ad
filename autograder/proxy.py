"""Grader side of the trust boundary: start workers, talk to them, and kill them.

`Session` owns the worker of one grading run. `student` is a proxy to the submission's module:
attribute reads and calls become requests to the worker, answers come back as validated plain
data or as `RemoteHandle`s to objects that stay in the worker. Every failure (the student's
exception, a timeout, a crash, a protocol violation) raises `StudentError`; all but the first kill
the worker's whole sandbox, and the next test starts a fresh one. Handles from a dead worker are
stale and raise too.
"""
import contextlib
import os
import select
import shutil
import signal
import subprocess
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from autograder import plain, protocol, sandbox
from autograder.api import StudentError
from autograder.spec import RunSpec

MAX_OUTPUT_BYTES = 16 * 1024
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")
WATCH_SECONDS = 0.5  # how often a budgeted call's CPU use is checked
# A budgeted call may use OVERRUN x its CPU budget before the grader stops it (a correct solution
# that runs a little over is told by how much, not killed), and HANG_FACTOR x the budget of wall
# time: only a guard against a hang, wide enough for a machine shared by several gradings.
OVERRUN = 1.5
HANG_FACTOR = 6.0


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
    """One sandboxed worker process, its channel and the drain of its output."""

    def __init__(self, process: subprocess.Popen, requests: int, answers: int):
        self.pid, self.requests, self.answers, self.process = process.pid, requests, answers, process
        self.output = OutputDrain(os.dup(process.stdout.fileno()))
        self.output.start()

    @classmethod
    def start(cls, build_command) -> "Worker":
        requests_read, requests = os.pipe()
        answers, answers_write = os.pipe()
        process = subprocess.Popen(
            build_command((requests_read, answers_write)), stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
            pass_fds=(requests_read, answers_write), start_new_session=True)
        os.close(requests_read)
        os.close(answers_write)
        return cls(process, requests, answers)

    def cpu_seconds(self) -> float:
        """CPU time of the worker's whole process tree so far (every thread and child process)."""
        return tree_cpu_seconds(self.pid)

    def exchange(self, request: dict | None, timeout: float, watch=None) -> dict:
        """Send one request (None: just wait for the greeting) and return the raw answer.
        `watch()`, if given, is called about every WATCH_SECONDS while the answer is pending; it
        raises to give up on the worker (a CPU budget overrun)."""
        if request is not None:
            protocol.write_frame(self.requests, request)
        deadline = time.monotonic() + timeout
        while watch is not None and time.monotonic() < deadline:
            if select.select([self.answers], [], [], WATCH_SECONDS)[0]:
                break
            watch()
        answer = protocol.read_frame(self.answers, deadline)
        if not isinstance(answer, dict) or not isinstance(answer.get("ok"), bool):
            raise protocol.ProtocolError("answer is not an {ok: ...} object")
        return answer

    def kill(self) -> str:
        """Kill the sandbox (its PID namespace takes every student process with it); say how the
        worker ended."""
        ended = self.process.poll()
        try:
            os.killpg(self.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass
        self.process.wait()
        self.process.stdout.close()
        self.output.join(timeout=1.0)  # the killed sandbox closed its end: EOF
        self.output.close()
        for fd in (self.requests, self.answers):
            try:
                os.close(fd)
            except OSError:
                pass
        return describe_exit(self.process.returncode if ended is None else ended)


def describe_exit(code: int | None) -> str:
    if code is None or code >= 0:
        return "still running: killed" if code is None else f"exit status {code}"
    try:
        return f"signal {signal.Signals(-code).name}"
    except ValueError:
        return f"signal {-code}"


def tree_cpu_seconds(root: int) -> float:
    """User + system CPU seconds of process `root` and all its descendants, read from /proc by the
    grader (the student's code cannot tamper with it); children already reaped count through
    their parents' cutime/cstime."""
    parents, ticks = {}, {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", "rb") as handle:
                stat = handle.read()
        except OSError:  # exited while we looked
            continue
        fields = stat[stat.rindex(b")") + 2:].split()  # the command name may hold spaces
        pid = int(entry.name)
        parents[pid] = int(fields[1])
        ticks[pid] = sum(int(value) for value in fields[11:15])  # utime stime cutime cstime
    children = {}
    for pid, parent in parents.items():
        children.setdefault(parent, []).append(pid)
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        total += ticks.get(pid, 0)
        todo += children.get(pid, [])
    return total / CLOCK_TICKS


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


@dataclass
class Usage:
    """What the student's code used during a metered stage, and the budget it had.

    On the CPU the budget is in CPU seconds of the worker's process tree (as one core would spend
    them), so a grade does not depend on how busy the grading machine is; on CUDA, where CPU time
    says little, it is wall-clock seconds."""

    budget: float | None
    clock: str = "cpu"  # "cpu" or "wall"
    cpu_seconds: float = 0.0
    wall_seconds: float = 0.0

    @property
    def seconds(self) -> float:
        return self.cpu_seconds if self.clock == "cpu" else self.wall_seconds

    @property
    def over_budget(self) -> bool:
        return self.budget is not None and self.seconds > self.budget

    def describe(self) -> str:
        used = (f"used {self.cpu_seconds:.1f} CPU seconds (one core; {self.wall_seconds:.0f} s "
                f"of wall time)" if self.clock == "cpu" else
                f"took {self.wall_seconds:.1f} s of wall time (on the GPU the budget is wall time)")
        return used if self.budget is None else f"{used}; the budget is {self.budget:g} s"


class Session:
    """The worker of one grading run: started lazily, replaced after it misbehaves."""

    def __init__(self, submission_code: str | None, submission_error: str | None, *,
                 mode: str, device: str = RunSpec.device, limits: sandbox.Limits = sandbox.Limits(),
                 timeout: float = RunSpec.timeout, startup_timeout: float = RunSpec.startup_timeout):
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
        self.usage: Usage | None = None  # the metered stage in progress
        # Told of every answered request: observer(generation, request, value=... | raised=...,
        # metered=...). The grading run's diagnosis (autograder.diagnosis) records through it.
        self.observer = None

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

    def prestart(self) -> None:
        """Start the worker now, without waiting for it: it boots while pytest collects the suite."""
        if self.load_error is None and self.worker is None:
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

    # ---- budgets -----------------------------------------------------------------------------
    @contextlib.contextmanager
    def metered(self, budget: float | None):
        """Measure what the student's code uses inside the block. With a budget, each call's wall
        clock limit becomes a hang guard (HANG_FACTOR x budget) and the worker is stopped once the
        stage has used OVERRUN x budget (CPU seconds on the CPU, wall seconds on CUDA)."""
        if self.usage is not None:
            raise RuntimeError("suite bug: metered stages do not nest")
        self.usage = Usage(budget, "wall" if self.device == "cuda" else "cpu")
        try:
            yield self.usage
        finally:
            self.usage = None

    def _call_limit(self, timeout: float | None) -> float:
        limit = timeout or self.timeout
        if self.usage is not None and self.usage.budget is not None:
            limit = max(limit, HANG_FACTOR * self.usage.budget)
        return limit

    def _meter(self, worker: Worker, usage: Usage | None):
        """(watch, finish) for one call of a metered stage: `watch` stops the worker once the
        stage overruns its budget; `finish` adds the call's time to the stage's usage."""
        if usage is None:
            return None, lambda: None
        started, cpu_before = time.monotonic(), worker.cpu_seconds()
        seen = {"cpu": 0.0}

        def used_now() -> float:
            if usage.clock == "wall":
                return usage.seconds + time.monotonic() - started
            seen["cpu"] = max(seen["cpu"], worker.cpu_seconds() - cpu_before)  # a dead tree reads 0
            return usage.seconds + seen["cpu"]

        def watch():
            used = used_now()
            if used > OVERRUN * usage.budget:
                raise BudgetExceeded(f"stopped after {used:.0f} {usage.clock.upper()} seconds, "
                                     f"{OVERRUN:g} x the budget of {usage.budget:g} s")

        def finish():
            if usage.clock == "cpu":
                used_now()
            usage.cpu_seconds += seen["cpu"]
            usage.wall_seconds += time.monotonic() - started
        return (watch if usage.budget is not None else None), finish

    # ---- requests ----------------------------------------------------------------------------
    def request(self, generation: int | None, timeout: float | None, **request):
        """Send a request about a remote object; return the decoded plain value or a handle."""
        if generation is not None and generation != self.generation or \
                (generation is not None and self.worker is None):
            raise StudentError("this object belonged to a worker that has since been stopped")
        worker = self._current()
        limit = self._call_limit(timeout)
        watch, finish = self._meter(worker, self.usage)
        failure = None
        try:
            answer = worker.exchange(request, limit, watch)
        except BudgetExceeded as error:
            failure = (str(error), False)
        except protocol.ChannelTimeout:
            failure = (f"timed out after {limit:g} s", False)
        except protocol.ChannelClosed:
            failure = ("the submission's process exited", True)
        except (protocol.ProtocolError, OSError) as error:
            failure = (f"the submission's process broke the protocol ({error})", False)
        finish()  # before a kill, while the worker's process tree can still be read
        if failure:
            self._broken(*failure)
        if not answer["ok"]:
            self._notify(request, raised=clean(answer.get("error")))
            raise StudentError(clean(answer.get("error")))
        generation = self.generation
        try:
            value = protocol.decode(answer.get("value"),
                                    lambda key, kind: RemoteHandle(self, generation, key, kind, timeout))
        except protocol.ProtocolError as error:
            self._broken(f"the submission's process broke the protocol ({error})")
        self._notify(request, value=value)
        return value

    def _notify(self, request: dict, **outcome) -> None:
        if self.observer is not None:
            self.observer(self.generation, request, metered=self.usage is not None, **outcome)

    def _broken(self, message: str, say_how: bool = False):
        """Kill the worker that misbehaved; the next test gets a fresh one."""
        how = self._discard()
        self.failed_this_test = True
        raise StudentError(f"{message} ({how})" if say_how else message)


class BudgetExceeded(Exception):
    """A metered stage used more than OVERRUN x its budget: the grader stops the worker."""


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
    return plain.map_leaves(value, lambda item: protocol.HandleRef(
        object.__getattribute__(item, "_key")) if isinstance(item, RemoteHandle) else item)


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

    def accepts_keyword(self, name: str) -> bool:
        """Whether this remote function takes a keyword argument `name` (so a suite can pass an
        optional argument, e.g. `time_budget`, only to code written for it)."""
        answer = self._send("accepts_keyword", name=name)
        if not isinstance(answer, bool):
            raise StudentError("the submission's process gave a malformed answer")
        return answer

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

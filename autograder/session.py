"""The RPC client of one grading run: where the `student` proxy's requests go.

`Session` owns the sandboxed worker of one grading run: started lazily (or early, `prestart`),
replaced after it misbehaves. Every failure (the student's exception, a timeout, a crash, a protocol
violation, a grader function the student's code misused) raises `StudentError`; all but the first
kill the worker's whole sandbox, and the next test starts a fresh one. The in-process session of
the overhead benchmark and of students' local pytest (autograder.in_process) has the same
interface, so the proxy and the plugin never ask which one they hold; `open_session` picks.
"""
import contextlib
import shutil
from dataclasses import dataclass

from autograder import protocol, sandbox
from autograder.api import StudentError
from autograder.budget import BudgetExceeded, Usage, call_limit, call_meter
from autograder.spec import RunSpec
from autograder.submission import SubmissionError, extract_code
from autograder.supervision import Worker, make_job_dir


class BaseSession:
    """What every session shares: per-test limits, metered stages, the diagnosis observer."""

    mode = "in-process"  # how the student's code is isolated (Session: the sandbox kind)

    def __init__(self, device: str, timeout: float):
        self.device = device
        self.default_timeout = self.timeout = timeout
        self.generation = 0
        self.failed_this_test = False
        self.usage: Usage | None = None  # the metered stage in progress
        # Told of every answered request: observer(generation, request, value=... | raised=...,
        # metered=..., grader_functions=...). The grading run's diagnosis records through it.
        self.observer = None

    def begin_test(self, timeout: float | None) -> None:
        self.timeout = timeout or self.default_timeout
        self.failed_this_test = False

    def end_test(self) -> str:
        """The output the student's code printed during the test (truncated)."""
        return ""

    def prestart(self) -> None:
        """Get ready before the first request, if that takes a while."""

    def close(self) -> None:
        """Release what the session holds."""

    @contextlib.contextmanager
    def metered(self, budget: float | None):
        """Measure what the student's code uses inside the block. With a budget, each call's wall
        clock limit becomes a hang guard and the stage is stopped once it has used OVERRUN x budget
        (CPU seconds on the CPU, wall seconds on CUDA)."""
        if self.usage is not None:
            raise RuntimeError("suite bug: metered stages do not nest")
        self.usage = Usage.for_device(budget, self.device)
        try:
            yield self.usage
        finally:
            self.usage = None

    def request_each(self, generation: int | None, timeout: float | None, requests: list[dict], make_handle):
        """The values of several `call` requests of one function, in order; stops at the first that raises."""
        return [self.request(generation, timeout, request, None, make_handle) for request in requests]

    def _notify(self, request: dict, calls, **outcome) -> None:
        if self.observer is not None:
            self.observer(self.generation, request, metered=self.usage is not None,
                          grader_functions=tuple(calls.functions) if calls else (), **outcome)

    def _received(self, request: dict, calls, value, make_handle):
        """The answer's value decoded (objects as handles of this generation); the observer told."""
        generation = self.generation
        value = protocol.decode(value, lambda key, kind: make_handle(generation, key, kind))
        self._notify(request, calls, value=value)
        return value

    def check_generation(self, generation: int | None) -> None:
        if generation is not None and (generation != self.generation or not self.alive()):
            raise StudentError("this object belonged to a worker that has since been stopped")

    def alive(self) -> bool:
        return True


class Session(BaseSession):
    """The sandboxed worker of one grading run."""

    def __init__(self, submission_code: str | None, submission_error: str | None, *,
                 mode: str, device: str = RunSpec.device, limits: sandbox.Limits = sandbox.Limits(),
                 timeout: float = RunSpec.timeout, startup_timeout: float = RunSpec.startup_timeout):
        super().__init__(device, timeout)
        self.mode, self.limits = mode, limits
        self.startup_timeout = startup_timeout
        self.job_dir = make_job_dir(submission_code or "")
        # A submission that cannot load fails the same way every time: remember, don't retry.
        self.load_error = submission_error
        self.worker: Worker | None = None
        self.greeted = False

    # ---- lifecycle -------------------------------------------------------------------------
    def end_test(self) -> str:
        return self.worker.output.take() if self.worker else ""

    def close(self) -> None:
        self._discard()
        shutil.rmtree(self.job_dir, ignore_errors=True)

    def alive(self) -> bool:
        return self.worker is not None

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

    def current(self) -> Worker:
        """The worker, started and greeted (the submission loaded); StudentError if it cannot be."""
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
    def request(self, generation: int | None, timeout: float | None, request: dict, calls,
                make_handle):
        """Send an encoded request about a remote object; return the decoded plain value, with
        `make_handle(generation, key, type_name)` for each object that stays in the worker.
        `calls` (grader_functions.GraderCalls) answers the grader functions the request hands over."""
        self.check_generation(generation)
        worker = self.current()
        limit = call_limit(timeout or self.timeout, self.usage)
        # Built before anything is sent: a request over the frame limit is the grader's (FrameTooLarge, a
        # test error), refused with the channel intact, never the student's "broken protocol".
        frame = protocol.frame_parts(request)
        watch, finish = call_meter(worker.cpu_seconds, self.usage)
        answer = self._carried(lambda: worker.exchange(frame, limit, watch, calls.answer if calls else None),
                               limit, finish)
        return self._value(request, calls, answer, make_handle)

    def request_each(self, generation: int | None, timeout: float | None, requests: list[dict], make_handle):
        """The calls of one function, sent in one `call_each` request; the answers are read one by one,
        each due within the call limit of the one before it (the worker starts a call as soon as it has
        answered the previous one), so each call has its own limit, as when sent alone. In a metered
        stage the calls go one at a time: the budget's watch follows one call."""
        if self.usage is not None or len(requests) < 2:
            return super().request_each(generation, timeout, requests, make_handle)
        self.check_generation(generation)
        worker = self.current()
        limit = call_limit(timeout or self.timeout, None)
        batch = {"op": "call_each", "target": requests[0]["target"],
                 "calls": [{"args": request["args"], "kwargs": request["kwargs"]} for request in requests]}
        try:
            frame = protocol.frame_parts(batch)
        except protocol.FrameTooLarge:  # calls with large arguments: half of them at a time
            half = len(requests) // 2
            return (self.request_each(generation, timeout, requests[:half], make_handle)
                    + self.request_each(generation, timeout, requests[half:], make_handle))
        self._carried(lambda: worker.send(frame), limit)
        # The worker stops after the first call that fails, so no answer is left behind when one raises.
        return [self._value(request, None, self._carried(lambda: worker.receive(limit), limit), make_handle)
                for request in requests]

    def _carried(self, carry, limit: float, finish=lambda: None):
        """What `carry()` (a send or a receive on the worker's channel, due within `limit` seconds)
        returns; a timeout, a crash, a protocol violation or a budget overrun kills the worker and
        raises StudentError."""
        failure = None
        try:
            answer = carry()
        except BudgetExceeded as error:
            failure = (str(error), False)
        except StudentError as error:  # a grader function refused the student's call of it
            failure = (str(error), False)
        except protocol.ChannelTimeout:
            failure = (f"timed out after {limit:g} s", False)
        except protocol.ChannelClosed:
            failure = ("the submission's process exited", True)
        except (protocol.ProtocolError, OSError) as error:
            failure = (f"the submission's process broke the protocol ({error})", False)
        except BaseException:  # a grader function's own fault: the worker waits for a reply
            finish()
            self._discard()
            raise
        finish()  # before a kill, while the worker's process tree can still be read
        if failure:
            self._broken(*failure)
        return answer

    def _value(self, request: dict, calls, answer: dict, make_handle):
        """The decoded value of a raw answer; StudentError with the student's exception if it failed."""
        if not answer["ok"]:
            self._notify(request, calls, raised=clean(answer.get("error")))
            raise StudentError(clean(answer.get("error")))
        try:
            return self._received(request, calls, answer.get("value"), make_handle)
        except protocol.ProtocolError as error:
            self._broken(f"the submission's process broke the protocol ({error})")

    def _broken(self, message: str, say_how: bool = False):
        """Kill the worker that misbehaved; the next test gets a fresh one."""
        how = self._discard()
        self.failed_this_test = True
        raise StudentError(f"{message} ({how})" if say_how else message)


def clean(text) -> str:
    return str(text)[:2000] if text is not None else "unknown error"


def open_session(spec: RunSpec, submission_code: str | None,
                 submission_error: str | None) -> BaseSession:
    """The session of a grading run: sandboxed as sandbox.choose_mode says (SandboxUnavailable
    when nothing works), or in this process for the overhead benchmark's unsandboxed peer
    (`sandbox="in-process"`, which RunSpec accepts only with unsafe_no_sandbox)."""
    if spec.sandbox == "in-process":
        from autograder.in_process import InProcessSession
        return InProcessSession.from_code(submission_code, submission_error, device=spec.device,
                                          timeout=spec.timeout)
    return Session(submission_code, submission_error,
                   mode=sandbox.choose_mode(spec.unsafe_no_sandbox, spec.sandbox), device=spec.device,
                   limits=sandbox.Limits(memory_mb=spec.memory_mb), timeout=spec.timeout,
                   startup_timeout=spec.startup_timeout)


@dataclass(eq=False)  # hashable by identity: pytest holds it as a plugin
class OpenedRun:
    """A grading run's session, opened and its worker started (autograder.grading_process does it
    first thing), with what the run reports about it."""

    session: BaseSession | None  # None: no sandbox works here (`refusal` says why)
    submission_error: str | None
    refusal: str | None = None


def open_run(spec: RunSpec) -> OpenedRun:
    """Extract the submission, open the run's session and start its worker without waiting for it."""
    try:
        code, submission_error = extract_code(spec.submission), None
    except SubmissionError as problem:
        code, submission_error = None, str(problem)
    try:
        session = open_session(spec, code, submission_error)
    except sandbox.SandboxUnavailable as problem:
        return OpenedRun(None, submission_error, f"grading refused: {problem}")
    session.prestart()
    return OpenedRun(session, submission_error)

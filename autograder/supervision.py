"""Supervision of one sandboxed worker process: start it, carry its frames, drain its output, kill it.

The worker is untrusted: every frame it sends is validated by the caller (autograder.session), and
its stdout/stderr are drained forever (so it never blocks on a full pipe) and truncated.
"""
import fcntl
import os
import select
import shutil
import signal
import subprocess
import tempfile
import threading
import time
from pathlib import Path

from autograder import protocol, sandbox
from autograder.budget import WATCH_SECONDS, tree_cpu_seconds

MAX_OUTPUT_BYTES = 16 * 1024
# The channel's pipes hold this much (Linux's default is 64 KiB): an answer of 470 MB of logits then
# crosses in 1 MiB reads instead of 64 KiB ones, a sixteenth of the system calls and wake-ups.
PIPE_BYTES = 1024 * 1024


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
        for fd in (requests, answers):
            try:
                fcntl.fcntl(fd, fcntl.F_SETPIPE_SZ, PIPE_BYTES)
            except OSError:  # above /proc/sys/fs/pipe-max-size for this user: keep the default
                pass
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

    def exchange(self, frame: list | None, timeout: float, watch=None, grader_call=None) -> dict:
        """Send one request's frame (protocol.frame_parts; None: just wait for the greeting) and return
        the raw answer (`receive`)."""
        if frame is not None:
            self.send(frame)
        return self.receive(timeout, watch, grader_call)

    def send(self, frame: list) -> None:
        """Write a request's frame (protocol.frame_parts)."""
        protocol.write_parts(self.requests, frame)

    def receive(self, timeout: float, watch=None, grader_call=None) -> dict:
        """The next raw answer, due within `timeout` seconds from now.
        `watch()`, if given, is called while the answer is pending, again after the seconds it
        returns (the first time after WATCH_SECONDS); it raises to give up on the worker (a CPU
        budget overrun). A grader-function call that arrives
        first is answered with `grader_call(frame)` (none given: a protocol violation); the time
        the grader spends on it does not count against `timeout`."""
        deadline = time.monotonic() + timeout
        while True:
            wait = WATCH_SECONDS
            while watch is not None and time.monotonic() < deadline:
                if select.select([self.answers], [], [], max(0.0, min(wait, deadline - time.monotonic())))[0]:
                    break
                wait = watch()
            answer = protocol.read_frame(self.answers, deadline)
            if not (isinstance(answer, dict) and "grader_call" in answer):
                break
            if grader_call is None:
                raise protocol.ProtocolError("a grader function was called outside a call that got one")
            started = time.monotonic()
            reply = grader_call(answer)
            deadline += time.monotonic() - started
            protocol.write_frame(self.requests, reply)
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
